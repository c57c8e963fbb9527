package news.pipeline.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import news.pipeline.streams.ProcessorApp;
import picocli.CommandLine.Option;

/** Which processors a command is about: run starts them, lag measures them, dlq lists their dead letters. */
public final class ProcessorOptions {

    @Option(
            names = {"-p", "--processor"},
            paramLabel = "NAME",
            split = ",",
            defaultValue = "all",
            description = "cleaner, tagger, publisher or all (comma-separated or repeated). Default: ${DEFAULT-VALUE}.")
    List<String> names;

    List<ProcessorApp> selected() {
        final List<ProcessorApp> selected = new ArrayList<>();
        for (final String name : names) {
            if (name.equalsIgnoreCase("all")) {
                return Arrays.asList(ProcessorApp.values());
            }
            selected.add(Arrays.stream(ProcessorApp.values())
                    .filter(app -> app.id().equalsIgnoreCase(name.trim()))
                    .findFirst()
                    .orElseThrow(() ->
                            new UserError("unknown processor " + name + "; known: cleaner, tagger, publisher, all")));
        }
        return selected;
    }

    /** True when no processor was singled out: the default, or "all". */
    boolean all() {
        return names.stream().anyMatch(name -> name.trim().equalsIgnoreCase("all"));
    }

    /** The selected processors' ids, lower case, as dead letters name them. */
    List<String> ids() {
        return selected().stream().map(app -> app.id().toLowerCase(Locale.ROOT)).toList();
    }
}
