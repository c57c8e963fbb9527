package news.pipeline.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import news.pipeline.ops.TransactionHolds;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** What the Lag page is sent of a partition held back for good, which its lag alone hides. */
class LagHistoryTest {
    private static final TransactionHolds.Hold HANGING = new TransactionHolds.Hold(
            new TopicPartition("news.articles.clean", 3),
            823,
            1675,
            3,
            3,
            Optional.of("news-pipeline-cleaner-1"),
            Optional.of(TransactionState.COMPLETE_COMMIT),
            true);

    @Test
    void theLagPageIsToldOfEachHangingTransactionUntilNoneIsFound() {
        final LagHistory history = new LagHistory();
        assertThat(hanging(history)).isEmpty();

        history.hanging(List.of(HANGING));
        assertThat(hanging(history)).singleElement().satisfies(held -> {
            final Map<?, ?> hold = (Map<?, ?>) held;
            assertThat(hold.get("topic")).isEqualTo("news.articles.clean");
            assertThat(hold.get("partition")).isEqualTo(3);
            assertThat(hold.get("lastStableOffset")).isEqualTo(823L);
            assertThat(hold.get("offsetsHeldBack")).isEqualTo(852L);
            assertThat((String) hold.get("description"))
                    .contains("news.articles.clean-3: 852 offsets held back from 823")
                    .contains("news-pipeline-cleaner-1", "CompleteCommit", "HANGING");
        });

        history.hanging(List.of());
        assertThat(hanging(history)).isEmpty();
    }

    private static List<?> hanging(final LagHistory history) {
        return (List<?>) history.view(Duration.ofSeconds(10)).get("hangingTransactions");
    }
}
