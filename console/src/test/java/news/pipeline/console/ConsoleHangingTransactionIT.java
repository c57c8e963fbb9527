package news.pipeline.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import news.pipeline.runtime.Cluster;
import news.pipeline.runtime.LocalCluster;
import news.pipeline.runtime.PipelineSettings;
import news.pipeline.runtime.ProcessorService;
import news.pipeline.testkit.FaultKit;
import news.pipeline.testkit.HangingTransaction;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The Lag page's red box, drawn by a real browser from a real hanging transaction: Kafka leaves one
 * open for good when a partition's only replica is down as its transaction commits (made on
 * purpose on three nodes). The box names the partition and the transaction, and goes once Kafka's
 * abort frees the partition. What lag and the page's data say of it is checked in the CLI's
 * HangingTransactionIT; this checks what an operator sees.
 */
class ConsoleHangingTransactionIT {
    private static final Duration NODE_START = Duration.ofMinutes(2);
    private static final Duration LAG_INTERVAL = Duration.ofSeconds(1);
    private static final String BOX = "#lag-hanging";

    /** Kept when the test fails: the nodes' logs are in it. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void theLagPageShowsAHangingTransactionInItsBoxUntilKafkasAbortFreesThePartition() throws Exception {
        try (LocalCluster cluster = LocalCluster.start(dir.resolve("cluster"), 3, 0, NODE_START);
                Admin admin = cluster.admin()) {
            final PipelineSettings settings =
                    FaultKit.settings(cluster.bootstrapServers(), dir.resolve("state"), Map.of());
            final HangingTransaction hang = HangingTransaction.leaveOne(cluster, admin, settings, NODE_START);

            // the console of a process with no processors: its sampler asks as lag does
            try (Cluster handle = Cluster.open(settings, dir.resolve("console"), 0);
                    ProcessorService served =
                            ProcessorService.start(handle, List.of(), new InetSocketAddress("127.0.0.1", 0), true);
                    Console console = Console.attach(
                                    served,
                                    handle.settings(),
                                    ConsoleAccess.of(served.http().orElseThrow().address(), handle.settings(), false),
                                    LAG_INTERVAL)
                            .orElseThrow();
                    Browser browser = Browser.start()) {
                browser.open(console.url() + "#lag");
                final WebElement hold = browser.await(
                        "the hanging transaction in the Lag page's red box",
                        driver -> driver.findElement(By.cssSelector(BOX)).isDisplayed()
                                        && driver.findElements(By.cssSelector(BOX + " li"))
                                                        .size()
                                                == 1
                                ? driver.findElement(By.cssSelector(BOX + " li"))
                                : null);
                assertThat(hold.getAttribute("data-partition"))
                        .isEqualTo(hang.partition().topic() + "-"
                                + hang.partition().partition());
                assertThat(hold.getText()).contains(hang.transactionalId(), "HANGING");
                browser.screenshot("lag-hanging-transaction");

                hang.abort(admin);
                browser.await(
                        "the red box gone after the abort",
                        driver -> !driver.findElement(By.cssSelector(BOX)).isDisplayed());
                assertThat(browser.consoleErrors()).isEmpty();
            }
        }
    }
}
