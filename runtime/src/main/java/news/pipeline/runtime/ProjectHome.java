package news.pipeline.runtime;

import java.nio.file.Path;

/** Where the project is: the folder with samples/ and the launcher. */
public final class ProjectHome {
    /** Set by the {@code news-pipeline} launcher (and the Docker image) to the project's folder. */
    public static final String ENVIRONMENT_VARIABLE = "NEWS_PIPELINE_HOME";

    private ProjectHome() {}

    /** {@code $NEWS_PIPELINE_HOME}, else the working directory (when the jar is started some other way). */
    public static Path dir() {
        final String home = System.getenv(ENVIRONMENT_VARIABLE);
        return home != null ? Path.of(home) : Path.of(".");
    }
}
