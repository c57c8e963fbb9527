package news.pipeline.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import news.pipeline.bench.Progress;
import news.pipeline.eval.CountryEvaluation;
import news.pipeline.eval.ExtractionEvaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Runs the cleaner or the tagger over an evaluation set and writes outputs a scorer can read. */
@Command(
        name = "eval",
        mixinStandardHelpOptions = true,
        description = "Runs the cleaner or the tagger over an evaluation set; no Kafka involved.",
        subcommands = {EvalCommand.Clean.class, EvalCommand.Countries.class})
final class EvalCommand {

    @Command(
            name = "clean",
            mixinStandardHelpOptions = true,
            description = {
                "Extracts the body of every DIR/*.html and *.html.gz page into one JSON object",
                "{\"<file name without extensions>\": \"<body text>\"}, and prints pages/s and the median CPU ms",
                "per page (one thread, after a warm-up pass)."
            })
    static final class Clean implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ProgressOption progressOption;

        @Option(names = "--pages", paramLabel = "DIR", required = true, description = "Folder of HTML pages.")
        Path pages;

        @Option(names = "--out", paramLabel = "FILE", required = true, description = "JSON file to write.")
        Path out;

        @Override
        public Integer call() {
            if (!Files.isDirectory(pages)) {
                throw new UserError("no such folder: " + pages + " (--pages)");
            }
            checkWritable(out);
            final Progress progress = progressOption.progress(spec.commandLine().getErr());
            try (Progress.Ticking ticking = progressOption.start(progress)) {
                return ExtractionEvaluation.run(pages, out, spec.commandLine().getOut(), progress);
            }
        }
    }

    @Command(
            name = "countries",
            mixinStandardHelpOptions = true,
            description = {
                "Tags every story of a JSON-lines file ({newid, title, dateline, body}; the text is the",
                "dateline then the body), writes {\"newid\": ..., \"codes\": [focus codes]} lines, and prints articles/s.",
                "With --all the codes are every country found, not only the focus."
            })
    static final class Countries implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ProgressOption progressOption;

        @Option(
                names = "--stories",
                paramLabel = "FILE",
                required = true,
                description = "Stories, one JSON object a line.")
        Path stories;

        @Option(names = "--out", paramLabel = "FILE", required = true, description = "JSON-lines file to write.")
        Path out;

        @Option(
                names = "--all",
                description = "Write every country found in a story (what it involves), not only the focus"
                        + " (what it is about).")
        boolean all;

        @Override
        public Integer call() {
            if (!Files.isRegularFile(stories)) {
                throw new UserError("no such file: " + stories + " (--stories)");
            }
            checkWritable(out);
            final Progress progress = progressOption.progress(spec.commandLine().getErr());
            try (Progress.Ticking ticking = progressOption.start(progress)) {
                return CountryEvaluation.run(
                        stories,
                        out,
                        spec.commandLine().getOut(),
                        progress,
                        all ? CountryEvaluation.Codes.ALL : CountryEvaluation.Codes.FOCUS);
            }
        }
    }

    /** The evaluations write their output after minutes of work: a folder that is not there should stop them first. */
    private static void checkWritable(final Path out) {
        final Path folder = out.toAbsolutePath().getParent();
        if (folder != null && !Files.isDirectory(folder)) {
            throw new UserError("no such folder for " + out + ": " + folder + " (--out)");
        }
    }
}
