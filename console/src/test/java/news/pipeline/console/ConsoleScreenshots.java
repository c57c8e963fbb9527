package news.pipeline.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;

/**
 * The README's screenshots of the console, taken from a running {@code ./news-pipeline demo}
 * (samples only, so no test fixture shows) in Debian's headless Chromium. Not a test, so the suite
 * stays fast: run it by hand when the pages change (the command is in docs/console-screenshots.md).
 *
 * <p>Usage: {@code ConsoleScreenshots http://127.0.0.1:PORT/ OUTPUT-DIR}
 */
public final class ConsoleScreenshots {
    private static final String SEED = "Armenian-Azerbaijani Clashes";

    private ConsoleScreenshots() {}

    public static void main(final String[] args) {
        final String base = args[0];
        final Path out = Path.of(args[1]);
        try (Browser browser = Browser.start()) {
            browser.open(base + "#pipeline");
            browser.awaitText(
                    "[data-processor='publisher'] [data-field='totals']",
                    text -> !text.startsWith("0 /"),
                    "the publisher's records counted");
            save(browser, out, "pipeline");

            browser.open(base + "#lag");
            browser.awaitText(
                    "[data-application='news-pipeline-tagger'] [data-field='records']",
                    text -> !text.isEmpty(),
                    "the tagger's lag");
            save(browser, out, "lag");

            browser.open(base + "#articles");
            final String seed = browser.await(
                    "the seed article listed",
                    d -> d.findElements(By.cssSelector("#article-list tr[data-article]")).stream()
                            .filter(row -> row.getText().contains(SEED))
                            .map(row -> row.getAttribute("data-article"))
                            .findFirst()
                            .orElse(null));
            browser.click("#article-list tr[data-article='" + seed + "'] button");
            browser.await(
                    "Armenian marked",
                    d -> browser.findAll("#article-text mark").isEmpty() ? null : true);
            save(browser, out, "articles");

            browser.open(base + "#countries");
            browser.await("AM coloured", d -> {
                final String count = d.findElement(By.cssSelector("#world-map path[data-code='AM']"))
                        .getAttribute("data-count");
                return count != null && Integer.parseInt(count) > 0 ? count : null;
            });
            browser.click("#world-map path[data-code='AM']");
            browser.await(
                    "AM's articles",
                    d -> browser.findAll("#country-articles li").isEmpty() ? null : true);
            save(browser, out, "countries");

            browser.open(base + "#dead-letters");
            browser.await(
                    "the dead letters listed",
                    d -> browser.findAll("#dlq-list tbody tr").isEmpty() ? null : true);
            final List<String> letters = browser.findAll("#dlq-list tr[data-position]").stream()
                    .map(row -> row.getAttribute("data-position"))
                    .toList();
            if (!letters.isEmpty()) {
                browser.click("#dlq-list tr[data-position='" + letters.get(0) + "'] button.link");
                browser.awaitText("#dlq-preview-note", text -> !text.isEmpty(), "a dead letter's detail");
            }
            save(browser, out, "dead-letters");

            browser.open(base + "#feeds");
            browser.awaitText("#feeds-summary", text -> text.contains("feed(s)"), "the feeds");
            save(browser, out, "feeds");

            browser.open(base + "#replay");
            browser.find("#replay-form input[name=from]").sendKeys("1d");
            browser.click("#replay-form button[type=submit]");
            browser.awaitText("#replay-plan-table [data-field='records']", text -> !text.isEmpty(), "the plan");
            if (browser.find("#replay-execute").isEnabled()) {
                browser.click("#replay-execute");
                browser.awaitText("#replay-status", text -> text.contains(" done in "), "the replay's report");
            }
            save(browser, out, "replay");
        }
    }

    private static void save(final Browser browser, final Path out, final String name) {
        try {
            Files.createDirectories(out);
            Files.copy(
                    ((TakesScreenshot) browser.driver())
                            .getScreenshotAs(OutputType.FILE)
                            .toPath(),
                    out.resolve(name + ".png"),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println("saved " + out.resolve(name + ".png"));
    }
}
