package news.pipeline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AlternatingBenchmarkTest {
    /** Owns the threads named as a console's are. */
    private static final AlternatingBenchmark.Switch CONSOLE = new AlternatingBenchmark.Switch() {
        @Override
        public String onCommand() {
            return "on";
        }

        @Override
        public String offCommand() {
            return "off";
        }

        @Override
        public void switchedOn() {}

        @Override
        public void switchingOff() {}

        @Override
        public boolean owns(final String threadName) {
            return threadName.contains("news-pipeline-console");
        }
    };

    @Test
    void threadsAreGroupedByTheNamesKafkaStreamsGivesThem() {
        assertThat(AlternatingBenchmark.threadGroup(
                        "news-tagger-6f1c2d3e-0b1a-4c55-9d0e-2f3a4b5c6d7e-StreamThread-1", CONSOLE))
                .isEqualTo("stream");
        // the stream thread's producer is named after it, but its network thread is a group of its own
        assertThat(AlternatingBenchmark.threadGroup(
                        "kafka-producer-network-thread | news-tagger-6f1c2d3e-StreamThread-1-producer", CONSOLE))
                .isEqualTo("producer network");
        assertThat(AlternatingBenchmark.threadGroup("kafka-coordinator-heartbeat-thread | news-tagger", CONSOLE))
                .isEqualTo("other Java");
        assertThat(AlternatingBenchmark.threadGroup("news-pipeline-console-articles", CONSOLE))
                .isEqualTo("switched");
        assertThat(AlternatingBenchmark.THREAD_GROUPS)
                .contains("stream", "producer network", "other Java", "switched", "GC", "JIT", "broker JVM");
    }
}
