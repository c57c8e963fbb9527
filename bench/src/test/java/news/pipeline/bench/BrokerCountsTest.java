package news.pipeline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BrokerCountsTest {
    @Test
    void growthKeepsWhatChangedAndCountsANewCounterFromZero() {
        final Map<String, Double> before = Map.of("topic/a/BytesIn", 100.0, "request/Produce/Requests", 5.0);
        final Map<String, Double> after =
                Map.of("topic/a/BytesIn", 350.0, "request/Produce/Requests", 5.0, "topic/b/BytesIn", 40.0);
        assertThat(BrokerCounts.growth(before, after))
                .containsExactlyInAnyOrderEntriesOf(Map.of("topic/a/BytesIn", 250.0, "topic/b/BytesIn", 40.0));
    }

    @Test
    void kafkaWorkSumsEveryTopicsWritesAndTakesTheRequestCounts() {
        final BrokerCounts.KafkaWork work = BrokerCounts.KafkaWork.of(Map.of(
                "topic/news.articles.clean/BytesIn", 1000.0,
                "topic/__consumer_offsets/BytesIn", 24.0,
                "topic/news.articles.clean/MessagesIn", 10.0,
                "topic/__consumer_offsets/MessagesIn", 2.0,
                "topic/news.articles.clean/BytesOut", 9999.0,
                "request/Produce/Requests", 7.0,
                "request/Fetch/Requests", 3.0,
                "request/EndTxn/Requests", 1.0));
        assertThat(work).isEqualTo(new BrokerCounts.KafkaWork(1024, 12, 7, 3, 1));
    }
}
