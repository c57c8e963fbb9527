package news.pipeline.cli;

import picocli.CommandLine.Option;

/** Commands that change data (replay, dlq retry) only show what they would do, unless told to do it. */
public final class ExecuteOption {

    @Option(names = "--execute", description = "Do it. Without it, only show what would be done.")
    boolean execute;
}
