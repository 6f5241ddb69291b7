package dev.crosslinkhub.console;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.function.Function;
import java.util.stream.Stream;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by Debian's chromedriver, both named explicitly so that
 * Selenium Manager never looks for (or downloads) a browser or a driver.
 */
public final class Browser implements AutoCloseable {

    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    private final Path profile;
    private final ChromeDriver driver;

    public static Browser start() {
        for (String exe : new String[] {CHROMIUM, CHROMEDRIVER}) {
            if (!new File(exe).canExecute()) {
                throw new IllegalStateException(exe + " is missing: apt-get install -y chromium chromium-driver");
            }
        }
        return new Browser();
    }

    private Browser() {
        try {
            profile = Files.createTempDirectory("console-it-chromium");
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a Chromium profile directory", e);
        }
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1400,1000", "--user-data-dir=" + profile);
        driver = new ChromeDriver(service, options);
    }

    public WebDriver driver() {
        return driver;
    }

    public Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Waits for a condition of the page; elements re-rendered under our feet just mean "not yet". */
    public <T> T await(String what, Duration timeout, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, timeout, Duration.ofMillis(50))
                .ignoring(StaleElementReferenceException.class)
                .ignoring(NoSuchElementException.class)
                .withMessage(() -> what + "\n" + describePage())
                .until(condition);
    }

    /** What the page showed when a wait failed: the connection, each panel's freshness and text, script errors. */
    String describePage() {
        StringBuilder page = new StringBuilder();
        try {
            page.append(script("return [document.querySelector('#connection')?.dataset.state,"
                    + " document.querySelector('#connection')?.textContent.replace(/\\s+/g, ' '),"
                    + " document.querySelector('#gap-notice')?.textContent.replace(/\\s+/g, ' '),"
                    + " ...[...document.querySelectorAll('[data-panel]')].map(p => p.dataset.panel + ' [' + p.dataset.freshness + ']: '"
                    + "   + p.textContent.replace(/\\s+/g, ' ').slice(0, 600))].join('\\n')"));
            driver.manage().logs().get("browser").getAll().forEach(entry -> page.append("\nbrowser: ").append(entry));
        } catch (RuntimeException e) {
            page.append("(page not readable: ").append(e.getMessage()).append(')');
        }
        return page.toString();
    }

    void resize(int width, int height) {
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(width, height));
    }

    void screenshot(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new AssertionError("cannot write " + file, e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException ignored) {
                // a temp directory: best effort
            }
        }
    }
}
