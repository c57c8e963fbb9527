package news.pipeline.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Several launches' medians say a build is faster or slower only when every launch agrees. */
class LaunchesTest {
    @Test
    void shouldCallBFasterOnlyWhenEveryLaunchShowsIt() {
        assertThat(Launches.verdict(List.of(1.012, 1.031, 1.004)))
                .isEqualTo("launches' B/A 1.004-1.031: B faster in every launch");
        assertThat(Launches.verdict(List.of(0.97, 0.99)))
                .isEqualTo("launches' B/A 0.970-0.990: B slower in every launch");
    }

    @Test
    void shouldShowNoDifferenceWhenTheLaunchesDisagree() {
        // six launches of one pair of builds on this project's machine spread so
        assertThat(Launches.verdict(List.of(0.994, 1.039, 1.027, 0.989, 0.997, 0.991)))
                .isEqualTo("launches' B/A 0.989-1.039: the launches disagree, no difference shown");
    }

    @Test
    void shouldGiveNoVerdictOnOneLaunch() {
        assertThat(Launches.verdict(List.of(1.2))).endsWith("one launch, no verdict");
    }
}
