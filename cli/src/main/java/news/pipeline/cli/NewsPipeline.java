package news.pipeline.cli;

import news.pipeline.clean.ArticleCleaner;
import news.pipeline.tag.CountryTagger;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The news-pipeline command. {@code main} only runs it; each subcommand returns its exit code. */
@Command(name = "news-pipeline",
        mixinStandardHelpOptions = true,
        versionProvider = NewsPipeline.Versions.class,
        description = "Streaming news processing on Kafka: clean articles, tag the countries involved, publish by country.",
        subcommands = {
                DemoCommand.class,
                RunCommand.class,
                IngestCommand.class,
                TailCommand.class,
                TopicsCommand.class,
                LagCommand.class,
                ReplayCommand.class,
                DlqCommand.class,
                EvalCommand.class,
                BenchCommand.class,
                CommandLine.HelpCommand.class
        })
public final class NewsPipeline {

    public static void main(final String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code, without exiting: tests call this. */
    public static int execute(final String... args) {
        return new CommandLine(new NewsPipeline()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
    }

    static final class Versions implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            final String version = NewsPipeline.class.getPackage().getImplementationVersion();
            return new String[] {
                "news-pipeline " + (version == null ? "(development build)" : version),
                "cleaner " + ArticleCleaner.VERSION + ", tagger " + CountryTagger.VERSION
                        + ", gazetteer " + CountryTagger.loadDefault().gazetteerVersion()
            };
        }
    }
}
