package news.pipeline.cli.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import news.pipeline.kafka.EmbeddedKafka;
import news.pipeline.runtime.ChildJvm;
import news.pipeline.runtime.PipelineSettings;
import news.pipeline.testkit.Delivery;
import news.pipeline.testkit.FaultKit;
import news.pipeline.testkit.FreePorts;
import news.pipeline.topics.Topics;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restart of the demo command itself: {@code news-pipeline demo --once} run twice on the same
 * data directory. The second run must not put the samples through again: a downstream consumer of
 * enriched sees each sample article once.
 *
 * <p>Nothing in the pipeline drops an article id it has already processed, so this holds only
 * because the demo reads the raw topic's keys at start and ingests just the samples not there yet.
 * {@link EmbeddedRestartFaultIT} covers the other half: the pipeline itself resumes at its
 * committed offsets.
 */
@Tag("fault")
class DemoRestartFaultIT {
    @TempDir
    Path dir;

    @Test
    void theDemoRestartedOnItsDataDirectoryDoesNotPutTheSamplesThroughAgain() throws Exception {
        final int port = FreePorts.pair();
        final Path data = dir.resolve("data");
        final List<String> demo = List.of(
                "demo",
                "--once",
                "--timeout",
                "240",
                "--data-dir",
                data.toString(),
                "--embedded-port",
                String.valueOf(port),
                "--samples",
                Path.of("..", "samples").toAbsolutePath().toString());
        for (int run = 1; run <= 2; run++) {
            final Path log = dir.resolve("demo-" + run + ".log");
            final Process process = new ProcessBuilder(
                            ChildJvm.command(List.of(), "news.pipeline.cli.NewsPipeline", demo))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            assertThat(process.waitFor(5, TimeUnit.MINUTES))
                    .as("demo run %d exits", run)
                    .isTrue();
            assertThat(process.exitValue())
                    .as("demo run %d exit code; log:%n%s", run, FaultKit.tail(log, 30))
                    .isZero();
        }
        try (EmbeddedKafka kafka =
                EmbeddedKafka.start(data.resolve("kafka"), EmbeddedKafka.DEFAULT_HOST, port, Map.of())) {
            final PipelineSettings settings =
                    FaultKit.settings(kafka.bootstrapServers(), dir.resolve("reader-state"), Map.of());
            final Delivery delivery = Delivery.read(settings);
            final Set<String> samples = delivery.enriched().keySet();
            System.out.println(delivery.summary("demo-restart", samples) + "; raw records="
                    + FaultKit.readAll(settings, Topics.RAW).size() + "; per id: "
                    + new TreeMap<>(delivery.enriched()));
            delivery.assertExactlyOnce(samples);
        }
    }
}
