package news.pipeline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {
    private static final long MS = 1_000_000L;
    private static final long S = 1_000 * MS;

    private final AtomicLong clock = new AtomicLong(1_000 * S);
    private final AtomicLong done = new AtomicLong();
    private final StringWriter text = new StringWriter();

    private Progress progress(final Progress.Style style, final int width) {
        return new Progress(new PrintWriter(text), style, width, clock::get);
    }

    /** Advances the fake clock by {@code nanos}, counting {@code perSecond} on the way, ticking every 250 ms. */
    private void run(final Progress progress, final long nanos, final long perSecond) {
        for (long t = 0; t < nanos; t += 250 * MS) {
            clock.addAndGet(250 * MS);
            done.addAndGet(perSecond / 4);
            progress.tick();
        }
    }

    private String taken() {
        final String s = text.toString();
        text.getBuffer().setLength(0);
        return s;
    }

    @Test
    void plainLinesComeEveryTenSecondsAndOnceAtTheEnd() {
        final Progress progress = progress(Progress.Style.LINES, 80);
        progress.begin("e2e text pipeline: measured run", "articles", 100_000, done::get);
        run(progress, 9_750 * MS, 4_000);
        assertThat(taken()).isEmpty();

        run(progress, 250 * MS, 4_000);
        assertThat(taken())
                .isEqualTo("e2e text pipeline: measured run: 40,000/100,000 articles (40%), 4,000/s," + " ~15 s left"
                        + System.lineSeparator());

        run(progress, 9_750 * MS, 4_000);
        assertThat(taken()).isEmpty();

        run(progress, 5 * S, 4_000);
        assertThat(taken())
                .isEqualTo("e2e text pipeline: measured run: 80,000/100,000 articles (80%), 4,000/s," + " ~5.0 s left"
                        + System.lineSeparator());

        done.set(100_000);
        clock.addAndGet(4 * S);
        progress.end();
        assertThat(taken())
                .isEqualTo("e2e text pipeline: measured run: 100,000 articles in 29 s" + System.lineSeparator());
    }

    @Test
    void aTerminalLineIsRewrittenInPlaceAtMostFourTimesASecond() {
        final Progress progress = progress(Progress.Style.TERMINAL, 80);
        progress.begin("stage tagger", "articles", 1_000, done::get);
        assertThat(taken()).isEqualTo("\rstage tagger: 0/1,000 articles (0%)\033[K");

        clock.addAndGet(100 * MS);
        done.set(10);
        progress.tick();
        assertThat(taken()).as("too soon after the last one").isEmpty();

        clock.addAndGet(150 * MS);
        done.set(25);
        progress.tick();
        assertThat(taken())
                .as("no rate from a quarter of a second")
                .isEqualTo("\rstage tagger: 25/1,000 articles (2%)\033[K");

        run(progress, 750 * MS, 100);
        assertThat(taken()).endsWith("\rstage tagger: 100/1,000 articles (10%), 100/s, ~9.0 s left\033[K");

        progress.end();
        assertThat(taken()).isEqualTo("\rstage tagger: 100 of 1,000 articles in 1.0 s\033[K\n");
    }

    @Test
    void theRateIsTheRecentOneNotTheAverage() {
        final Progress progress = progress(Progress.Style.TERMINAL, 120);
        progress.begin("loading", "articles", 1_000_000, done::get);
        run(progress, 20 * S, 10_000);
        assertThat(taken()).endsWith("200,000/1,000,000 articles (20%), 10,000/s, ~1 min 20 s left\033[K");

        run(progress, 5 * S, 1_000);
        assertThat(taken()).endsWith("205,000/1,000,000 articles (20%), 1,000/s, ~13 min 15 s left\033[K");

        run(progress, 5 * S, 0);
        assertThat(taken())
                .as("stalled: no time left can be told")
                .endsWith("205,000/1,000,000 articles (20%), 0/s\033[K");
    }

    @Test
    void aTimedPhaseCountsDownItsLengthAndNamesItsStep() {
        final Progress progress = progress(Progress.Style.TERMINAL, 80);
        progress.beginTimed("stage cleaner, HTML pages", "pages", Duration.ofSeconds(8), done::get);
        progress.step("warm-up");
        run(progress, 2 * S, 800);
        assertThat(taken()).endsWith("\rstage cleaner, HTML pages (warm-up): 1,600 pages, 800/s, 6.0 s left\033[K");
        progress.step("measuring");
        run(progress, 7 * S, 800);
        assertThat(taken()).endsWith("\rstage cleaner, HTML pages (measuring): 7,200 pages, 800/s, finishing\033[K");
        progress.end();
        assertThat(taken()).isEqualTo("\rstage cleaner, HTML pages: 7,200 pages in 9.0 s\033[K\n");
    }

    @Test
    void aStepCanSayHowLongTheTimedPhaseHasLeft() {
        final Progress progress = progress(Progress.Style.TERMINAL, 80);
        progress.beginTimed("stage tagger", "articles", Duration.ofSeconds(8), done::get);
        progress.step("loading the gazetteer");
        run(progress, 3 * S, 0);
        assertThat(taken()).endsWith("\rstage tagger (loading the gazetteer): 0 articles, 0/s, 5.0 s left\033[K");
        progress.step("warm-up", Duration.ofSeconds(8));
        run(progress, 2 * S, 1_000);
        assertThat(taken()).endsWith("\rstage tagger (warm-up): 2,000 articles, 400/s, 6.0 s left\033[K");
    }

    @Test
    void othersLinesTakeTheStatusLineAwayAndItComesBackBelowThem() {
        final Progress progress = progress(Progress.Style.TERMINAL, 80);
        final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
        // The logs and the status share one terminal: here, one transcript.
        final PrintStream terminal = new PrintStream(logBytes, true, StandardCharsets.UTF_8) {
            @Override
            public void write(final byte[] bytes, final int offset, final int length) {
                text.write(new String(bytes, offset, length, StandardCharsets.UTF_8));
            }
        };
        final PrintStream logs = progress.sharing(terminal);
        progress.begin("e2e text: starting the broker");
        clock.addAndGet(300 * MS);
        logs.print("WARN half a line");
        progress.tick();
        clock.addAndGet(300 * MS);
        progress.tick();
        logs.println(", and the rest");
        progress.tick();
        assertThat(taken())
                .isEqualTo("\re2e text: starting the broker: 0 ms\033[K"
                        + "\r\033[K" + "WARN half a line" + ", and the rest" + System.lineSeparator()
                        + "\re2e text: starting the broker: 600 ms\033[K");

        logs.print("ERROR no end of line");
        progress.end();
        assertThat(taken())
                .isEqualTo("\r\033[KERROR no end of line\ne2e text: starting the broker: done in 600 ms\033[K\n");
    }

    @Test
    void othersWriteStraightThroughWhenNotOnATerminal() {
        final PrintStream target = new PrintStream(new ByteArrayOutputStream());
        assertThat(progress(Progress.Style.LINES, 80).sharing(target)).isSameAs(target);
    }

    @Test
    void aPhaseWithNothingToCountShowsItsTime() {
        final Progress progress = progress(Progress.Style.LINES, 80);
        progress.begin("e2e html: starting the broker");
        run(progress, 25 * S, 0);
        assertThat(taken())
                .isEqualTo("e2e html: starting the broker: 10 s" + System.lineSeparator()
                        + "e2e html: starting the broker: 20 s" + System.lineSeparator());
        progress.begin("e2e html: loading the raw topics", "articles", 10, done::get);
        assertThat(taken())
                .as("a new phase ends the last one")
                .isEqualTo("e2e html: starting the broker: done in 25 s" + System.lineSeparator());
    }

    @Test
    void aTerminalLineIsCutToTheTerminalsWidth() {
        final Progress progress = progress(Progress.Style.TERMINAL, 20);
        progress.begin("e2e text ceiling: measured run", "articles", 1_000, done::get);
        assertThat(taken()).isEqualTo("\re2e text ceiling: m\033[K");
    }

    @Test
    void closingEndsAShownStatusLineAndNothingElse() {
        final Progress lines = progress(Progress.Style.LINES, 80);
        lines.begin("e2e text pipeline: warm-up", "articles", 10, done::get);
        lines.close();
        assertThat(taken()).isEmpty();

        final Progress terminal = progress(Progress.Style.TERMINAL, 80);
        terminal.begin("e2e text pipeline: warm-up", "articles", 10, done::get);
        terminal.close();
        assertThat(taken()).isEqualTo("\re2e text pipeline: warm-up: 0/10 articles (0%)\033[K\n");
        terminal.close();
        terminal.end();
        assertThat(taken()).isEmpty();
    }

    @Test
    void noneShowsNothing() {
        final Progress progress = progress(Progress.Style.NONE, 80);
        progress.begin("stage tagger", "articles", 1_000, done::get);
        run(progress, 30 * S, 100);
        progress.end();
        progress.close();
        assertThat(taken()).isEmpty();
    }

    @Test
    void durationsReadAsTimes() {
        assertThat(Progress.duration(850 * MS)).isEqualTo("850 ms");
        assertThat(Progress.duration(4_240 * MS)).isEqualTo("4.2 s");
        assertThat(Progress.duration(37 * S)).isEqualTo("37 s");
        assertThat(Progress.duration(185 * S)).isEqualTo("3 min 05 s");
        assertThat(Progress.duration(3_720 * S)).isEqualTo("1 h 02 min");
    }
}
