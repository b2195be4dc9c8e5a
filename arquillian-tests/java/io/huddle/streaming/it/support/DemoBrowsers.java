package io.huddle.streaming.it.support;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Real headless Chromium browsers (Debian's chromium and chromium-driver) on the demo page, and what a user does
 * there: log in, create and join rooms, send, wait for what others see. Without Chromium the tests using it are
 * skipped, saying why, except under {@code CI=true}, where a missing browser fails them.
 */
public final class DemoBrowsers implements AutoCloseable {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(15);

    private final URL base;
    private final List<WebDriver> browsers = new ArrayList<>();

    public DemoBrowsers(URL base) {
        this.base = base;
    }

    /** Skips the calling test where Chromium is missing; fails it there under {@code CI=true}. */
    public static void requireChromium() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        String missing = "the browser tests need Debian's chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver)";
        if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(missing + ", and CI=true: install them (.ci/run does)");
        }
        Assumptions.assumeTrue(present, missing);
    }

    /** A new browser with an empty profile (its own session storage). */
    public WebDriver open() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        try {
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--window-size=1280,800",
                    "--user-data-dir=" + Files.createTempDirectory("huddle-chromium"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        WebDriver driver = new ChromeDriver(service, options);
        browsers.add(driver);
        return driver;
    }

    /** A new browser logged in to the demo page as {@code user}. */
    public WebDriver loggedIn(String user) {
        return loggedIn(user, "");
    }

    /** A new browser logged in as {@code user}, the page opened with {@code query} (for example {@code ?transport=sse}). */
    public WebDriver loggedIn(String user, String query) {
        WebDriver browser = open();
        login(browser, user, query);
        return browser;
    }

    public void login(WebDriver browser, String user, String query) {
        browser.get(base.toString() + query);
        browser.findElement(By.id("user-name")).sendKeys(user);
        browser.findElement(By.id("connect")).click();
        waitFor(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "connected as " + user));
    }

    /** Creates a room through the page and returns its id, shown under the room's title. */
    public static String createRoom(WebDriver browser, String name) {
        browser.findElement(By.id("new-room-name")).sendKeys(name);
        browser.findElement(By.id("create-room")).click();
        waitFor(browser).until(ExpectedConditions.textToBe(By.id("room-title"), name));
        return browser.findElement(By.id("room-id")).getText().replace("room id: ", "");
    }

    public static void joinById(WebDriver browser, String roomId, String roomName) {
        browser.findElement(By.id("invite-room")).sendKeys(roomId);
        browser.findElement(By.id("join-room")).click();
        waitFor(browser).until(ExpectedConditions.textToBe(By.id("room-title"), roomName));
    }

    /** Types and sends a message, and waits until the composer is emptied (the server acknowledged it). */
    public static void send(WebDriver browser, String text) {
        WebElement composer = browser.findElement(By.id("composer"));
        composer.sendKeys(text);
        browser.findElement(By.id("send")).click();
        waitFor(browser).until(driver -> "".equals(composer.getDomProperty("value")));
    }

    public static void waitForMessage(WebDriver browser, String text) {
        waitFor(browser).until(driver -> message(driver, text) != null);
    }

    /** The list item of the open room's message with this text, or null. */
    public static WebElement message(WebDriver browser, String text) {
        return browser.findElements(By.cssSelector("#messages .message")).stream()
                .filter(e -> e.findElement(By.cssSelector(".message-text")).getText().equals(text))
                .findFirst().orElse(null);
    }

    /** Writes what the browser shows to {@code target} (a PNG file). */
    public static void screenshot(WebDriver browser, Path target) throws IOException {
        File shot = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE);
        Files.createDirectories(target.toAbsolutePath().getParent());
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    }

    public static WebDriverWait waitFor(WebDriver browser) {
        return new WebDriverWait(browser, WAIT);
    }

    @Override
    public void close() {
        browsers.forEach(WebDriver::quit);
        browsers.clear();
    }
}
