package news.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's stand-in for an operator keeps the console open either as every page at once or
 * as one tab going through the pages: the two must ask for what they say, since the console's cost
 * is measured with them.
 */
class ConsoleVisitorTest {
    private HttpServer server;
    private final List<String> asked = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void serve() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            final URI uri = exchange.getRequestURI();
            asked.add(uri.getPath().substring(1) + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
            final byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    @Test
    void everyTabAtOnceAsksForEveryPageStraightAway() throws Exception {
        try (ConsoleVisitor visitor = new ConsoleVisitor(base(), ConsoleVisitor.Tabs.ALL)) {
            awaitAnswers(visitor, ConsoleVisitor.POLLS.size());
        }
        assertThat(distinct()).containsExactlyInAnyOrderElementsOf(paths(ConsoleVisitor.POLLS.size()));
    }

    @Test
    void oneTabAsksForOnePageAtATimeInTheMenusOrder() throws Exception {
        final Duration dwell = Duration.ofMillis(300);
        try (ConsoleVisitor visitor = new ConsoleVisitor(base(), ConsoleVisitor.Tabs.ONE, dwell)) {
            awaitAnswers(visitor, 4);
            Thread.sleep(dwell.toMillis() * 3);
        }
        final List<String> requests;
        synchronized (asked) {
            requests = new ArrayList<>(asked);
        }
        // the tab opens on the first page, then each request is for the page shown or the next one
        final List<String> menu = paths(ConsoleVisitor.POLLS.size());
        assertThat(requests.get(0)).isEqualTo(menu.get(0));
        for (int i = 1; i < requests.size(); i++) {
            final int previous = menu.indexOf(requests.get(i - 1));
            assertThat(menu.indexOf(requests.get(i)))
                    .as("request %d of %s", i, requests)
                    .isIn(previous, (previous + 1) % menu.size());
        }
        assertThat(distinct().size()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aControlSwitchSwitchesNothingAndAsksForNoPage() throws Exception {
        final ConsoleSwitch control = new ConsoleSwitch(base(), ConsoleVisitor.Tabs.ALL, true);
        assertThat(control.onCommand()).isEqualTo(ServedProcessorsMain.NOTHING);
        assertThat(control.offCommand()).isEqualTo(ServedProcessorsMain.NOTHING);
        control.switchedOn();
        Thread.sleep(300);
        control.switchingOff();
        assertThat(asked).isEmpty();

        final ConsoleSwitch real = new ConsoleSwitch(base(), ConsoleVisitor.Tabs.ALL, false);
        assertThat(real.onCommand()).isEqualTo(ServedProcessorsMain.CONSOLE_ON);
        assertThat(real.offCommand()).isEqualTo(ServedProcessorsMain.CONSOLE_OFF);
        real.switchedOn();
        final long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (real.answered() + asked.size() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        real.switchingOff();
        assertThat(asked).isNotEmpty();
    }

    @Test
    void tabsAreSpelledAsTheOptionTakesThem() {
        assertThat(ConsoleVisitor.Tabs.parse("one")).isEqualTo(ConsoleVisitor.Tabs.ONE);
        assertThat(ConsoleVisitor.Tabs.parse("ALL")).isEqualTo(ConsoleVisitor.Tabs.ALL);
        assertThatIllegalArgumentException().isThrownBy(() -> ConsoleVisitor.Tabs.parse("some"));
    }

    private List<String> distinct() {
        synchronized (asked) {
            return new ArrayList<>(new LinkedHashSet<>(asked));
        }
    }

    private static List<String> paths(final int count) {
        return ConsoleVisitor.POLLS.subList(0, count).stream()
                .map(ConsoleVisitor.Poll::path)
                .toList();
    }

    private static void awaitAnswers(final ConsoleVisitor visitor, final int answers) throws InterruptedException {
        final long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (visitor.answered() < answers && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(visitor.answered()).isGreaterThanOrEqualTo(answers);
    }
}
