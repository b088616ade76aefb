package com.ecsimagesaga.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's chromium, headless, driven through Debian's chromedriver. Both paths are given, so
 * Selenium Manager never looks for (or downloads) a browser; {@code .ci/run} installs the packages
 * when they are missing. Each instance has a fresh profile, so each signs in on its own.
 */
public final class HeadlessChromium implements AutoCloseable {

  public static final Path BROWSER = Path.of("/usr/bin/chromium");
  public static final Path DRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

  private final ChromeDriver driver;
  private final Path profile;
  private final String base;

  private HeadlessChromium(String base) {
    if (!Files.isExecutable(BROWSER) || !Files.isExecutable(DRIVER)) {
      throw new IllegalStateException(
          "The console's browser tests need "
              + BROWSER
              + " and "
              + DRIVER
              + ": apt-get install -y chromium chromium-driver (.ci/run does it)");
    }
    this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    try {
      profile = Files.createTempDirectory("console-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    System.setProperty("webdriver.chrome.driver", DRIVER.toString());
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BROWSER.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1280,800",
        "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build();
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
  }

  /**
   * A browser signed in to the service at {@code base} as {@code user}: the first page is loaded
   * with the credentials in its address, which puts them in the browser's authentication cache for
   * the whole origin, as a person typing them into the browser's prompt would; every later page and
   * API call of the console sends them from there.
   */
  public static HeadlessChromium signedIn(String base, String user, String password) {
    HeadlessChromium browser = new HeadlessChromium(base);
    URI uri = URI.create(browser.base);
    browser.driver.get(
        uri.getScheme()
            + "://"
            + user
            + ":"
            + password
            + "@"
            + uri.getHost()
            + ":"
            + uri.getPort()
            + "/api/me");
    return browser;
  }

  public ChromeDriver driver() {
    return driver;
  }

  /** Opens a page of the service, e.g. {@code /sagas.html?status=FAILED}. */
  public void open(String path) {
    driver.get(base + path);
  }

  /** Resizes the window, e.g. to see the page as a phone would. */
  public void size(int width, int height) {
    driver.manage().window().setSize(new Dimension(width, height));
  }

  /** Saves the page as target/console-screenshots/{@code name}.png and returns the file. */
  public Path screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Path target = SCREENSHOTS.resolve(name + ".png");
      Files.copy(
          driver.getScreenshotAs(OutputType.FILE).toPath(),
          target,
          StandardCopyOption.REPLACE_EXISTING);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException ignored) {
        // A temporary profile left behind is harmless.
      }
    }
  }
}
