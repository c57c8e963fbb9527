package news.pipeline.runtime;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line of a child JVM that runs with this JVM's java and class path. */
public final class ChildJvm {
    private ChildJvm() {}

    /** {@code <java.home>/bin/java [jvmOptions] -cp <java.class.path> mainClass [args]}. */
    public static List<String> command(final List<String> jvmOptions, final String mainClass, final List<String> args) {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(args);
        return command;
    }
}
