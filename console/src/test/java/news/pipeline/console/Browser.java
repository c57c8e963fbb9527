package news.pipeline.console;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.HasAuthentication;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.UsernameAndPassword;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium, driven by its chromedriver (never Selenium Manager, which would
 * download a browser). Outside CI a machine without them skips the browser tests with the command
 * that installs them; with {@code CI} set, as {@code .ci/run} does, it fails.
 */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final Duration WAIT = Duration.ofSeconds(90);

    private final ChromeDriver driver;

    private Browser(final ChromeDriver driver) {
        this.driver = driver;
    }

    static Browser start() {
        requireInstalled();
        final ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu");
        final LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        final ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        final ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1280, 900));
        return new Browser(driver);
    }

    private static void requireInstalled() {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
            System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
            return;
        }
        final String message = "the browser tests need Debian's headless Chromium and its driver (" + CHROMIUM + ", "
                + CHROMEDRIVER + "); install them with: apt-get install -y chromium chromium-driver";
        if (System.getenv("CI") != null) {
            fail(message + ". CI is set, so these tests may not be skipped.");
        }
        Assumptions.abort(message + ". Skipped because CI is not set.");
    }

    WebDriver driver() {
        return driver;
    }

    void open(final String url) {
        driver.get(url);
    }

    WebElement find(final String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> findAll(final String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** Answers HTTP basic auth prompts from the server on that local port with the user and password. */
    void logIn(final int port, final String user, final String password) {
        ((HasAuthentication) driver).register(uri -> uri.getPort() == port, UsernameAndPassword.of(user, password));
    }

    /** Waits until the condition holds, failing with the description when it does not within the wait. */
    <T> T await(final String description, final ExpectedCondition<T> condition) {
        // The pages redraw themselves as they poll: an element found may be replaced before it is read.
        return new WebDriverWait(driver, WAIT)
                .withMessage(description)
                .ignoring(StaleElementReferenceException.class)
                .until(condition);
    }

    /** The element's text, read again if the page redraws it meanwhile. */
    String text(final String css) {
        return await("text of " + css, d -> d.findElement(By.cssSelector(css)).getText());
    }

    /** Clicks the element, found again if the page redraws it meanwhile. */
    void click(final String css) {
        await("click on " + css, d -> {
            d.findElement(By.cssSelector(css)).click();
            return true;
        });
    }

    /** Waits until the element's text satisfies the test (the page updates itself). */
    String awaitText(final String css, final Predicate<String> test, final String description) {
        return await(description, d -> {
            final List<WebElement> found = d.findElements(By.cssSelector(css));
            if (found.isEmpty()) {
                return null;
            }
            final String text = found.get(0).getText();
            return test.test(text) ? text : null;
        });
    }

    /** The JavaScript errors the browser logged since the last call: uncaught exceptions, failed loads, CSP refusals. */
    List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .collect(Collectors.toList());
    }

    void screenshot(final String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.copy(
                    driver.getScreenshotAs(OutputType.FILE).toPath(),
                    SCREENSHOTS.resolve(name + ".png"),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
