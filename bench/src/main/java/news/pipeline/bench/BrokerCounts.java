package news.pipeline.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * What the embedded broker did, from its own counters (the JMX beans of Kafka's metrics, in this
 * JVM): per topic, records and bytes in and out and produce and fetch requests; per request type,
 * requests, request bytes and the time its handler threads spent; and this JVM's CPU by thread.
 * Counts, unlike CPU, do not depend on the machine's load, so two runs compare exactly.
 */
final class BrokerCounts {
    /** The per-topic meters kept, by their bean names. */
    private static final Set<String> TOPIC_METERS = Set.of(
            "BytesInPerSec",
            "MessagesInPerSec",
            "BytesOutPerSec",
            "TotalProduceRequestsPerSec",
            "TotalFetchRequestsPerSec",
            "ProduceMessageConversionsPerSec",
            "FetchMessageConversionsPerSec");

    /** The counter of the JIT compiler threads' CPU, ns. */
    static final String COMPILER = "jvm/compiler";

    private BrokerCounts() {}

    /**
     * The counters now, by name: {@code topic/NAME/METER}, {@code request/API/Requests},
     * {@code request/API/RequestBytes}, {@code request/API/LocalTimeMs} (handler time, summed),
     * {@code thread/NAME} (CPU ns of this JVM's Java threads, digits in their names dropped),
     * {@code jvm/gc} and {@code jvm/compiler} (CPU ns of those native threads).
     */
    static Map<String, Double> snapshot() {
        final Map<String, Double> counts = new TreeMap<>();
        final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            for (final ObjectName name :
                    server.queryNames(new ObjectName("kafka.server:type=BrokerTopicMetrics,*"), null)) {
                final String meter = name.getKeyProperty("name");
                final String topic = name.getKeyProperty("topic");
                if (topic != null && TOPIC_METERS.contains(meter)) {
                    counts.put(
                            "topic/" + topic + "/" + meter.replace("PerSec", ""),
                            number(server.getAttribute(name, "Count")));
                }
            }
            for (final ObjectName name :
                    server.queryNames(new ObjectName("kafka.network:type=RequestMetrics,*"), null)) {
                final String metric = name.getKeyProperty("name");
                final String request = name.getKeyProperty("request");
                if (request == null) {
                    continue;
                }
                final String key = "request/" + request + "/";
                if (metric.equals("RequestsPerSec")) {
                    // One bean per API version: summed.
                    counts.merge(key + "Requests", number(server.getAttribute(name, "Count")), Double::sum);
                } else if (metric.equals("RequestBytes") || metric.equals("LocalTimeMs")) {
                    // Histograms: their sum is the mean times the count.
                    final double count = number(server.getAttribute(name, "Count"));
                    counts.put(key + metric, count * number(server.getAttribute(name, "Mean")));
                }
            }
        } catch (JMException e) {
            throw new IllegalStateException("cannot read the broker's metrics: " + e.getMessage(), e);
        }
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (final ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null) {
                final long cpu = threads.getThreadCpuTime(info.getThreadId());
                if (cpu > 0) {
                    counts.merge("thread/" + info.getThreadName().replaceAll("[0-9]+", "#"), (double) cpu, Double::sum);
                }
            }
        }
        counts.put("jvm/gc", (double) ProcessorJvmMain.gcCpuNanos());
        counts.put(COMPILER, (double) ProcessorJvmMain.compilerCpuNanos());
        return counts;
    }

    /** What grew from {@code before} to {@code after}; a counter new since counts from zero. */
    static Map<String, Double> growth(final Map<String, Double> before, final Map<String, Double> after) {
        final Map<String, Double> grown = new TreeMap<>();
        after.forEach((key, value) -> {
            final double delta = value - before.getOrDefault(key, 0.0);
            if (delta != 0) {
                grown.put(key, delta);
            }
        });
        return grown;
    }

    /**
     * The Kafka work in a phase's counts: bytes and records written to every topic (internal ones
     * included), produce and fetch requests, and transactions (EndTxn requests).
     */
    record KafkaWork(
            double bytesIn, double recordsIn, double produceRequests, double fetchRequests, double transactions) {
        static KafkaWork of(final Map<String, Double> counts) {
            double bytes = 0;
            double records = 0;
            for (final Map.Entry<String, Double> count : counts.entrySet()) {
                if (count.getKey().startsWith("topic/") && count.getKey().endsWith("/BytesIn")) {
                    bytes += count.getValue();
                } else if (count.getKey().startsWith("topic/") && count.getKey().endsWith("/MessagesIn")) {
                    records += count.getValue();
                }
            }
            return new KafkaWork(
                    bytes,
                    records,
                    counts.getOrDefault("request/Produce/Requests", 0.0),
                    counts.getOrDefault("request/Fetch/Requests", 0.0),
                    counts.getOrDefault("request/EndTxn/Requests", 0.0));
        }
    }

    private static double number(final Object value) {
        return value instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
