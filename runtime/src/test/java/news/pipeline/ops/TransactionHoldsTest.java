package news.pipeline.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** When an open transaction on a partition is hanging: its coordinator will write it no marker. */
class TransactionHoldsTest {
    @Test
    void aTransactionItsCoordinatorStillRunsWithThisPartitionIsNotHanging() {
        assertThat(TransactionHolds.hanging(Optional.of(TransactionState.ONGOING), true))
                .isFalse();
        assertThat(TransactionHolds.hanging(Optional.of(TransactionState.PREPARE_COMMIT), true))
                .isFalse();
        assertThat(TransactionHolds.hanging(Optional.of(TransactionState.PREPARE_ABORT), true))
                .isFalse();
    }

    @Test
    void aTransactionItsCoordinatorHasEndedIsHanging() {
        // what Kafka 4.4.0 leaves when it skips a leaderless partition's commit marker
        assertThat(TransactionHolds.hanging(Optional.of(TransactionState.COMPLETE_COMMIT), false))
                .isTrue();
        assertThat(TransactionHolds.hanging(Optional.of(TransactionState.COMPLETE_ABORT), false))
                .isTrue();
        assertThat(TransactionHolds.hanging(Optional.of(TransactionState.EMPTY), false))
                .isTrue();
    }

    @Test
    void aTransactionRunningWithoutThisPartitionOrAProducerItsCoordinatorForgotIsHanging() {
        assertThat(TransactionHolds.hanging(Optional.of(TransactionState.ONGOING), false))
                .isTrue();
        assertThat(TransactionHolds.hanging(Optional.empty(), false)).isTrue();
    }

    @Test
    void onlyPartitionsWhoseLastStableOffsetStoodStillBetweenTwoLooksAreAskedAbout() {
        final TopicPartition moved = new TopicPartition("news.articles.clean", 0);
        final TopicPartition still = new TopicPartition("news.articles.clean", 1);
        final TopicPartition isNew = new TopicPartition("news.articles.clean", 2);
        assertThat(TransactionHolds.stoodStill(Map.of(moved, 10L, still, 7L), Map.of(moved, 12L, still, 7L, isNew, 0L)))
                .containsExactlyEntriesOf(Map.of(still, 7L));
        assertThat(TransactionHolds.stoodStill(Map.of(), Map.of(still, 7L))).isEmpty();
    }
}
