package com.ecsimagesaga.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ecsimagesaga.contract.v1.CreateImage;
import com.ecsimagesaga.contract.v1.ImageCreated;
import com.ecsimagesaga.contract.v1.ImageCreationFailed;
import com.ecsimagesaga.simulator.Fault;
import com.ecsimagesaga.testsupport.EcsSimulatorResource;
import com.ecsimagesaga.testsupport.HeadlessChromium;
import com.ecsimagesaga.testsupport.KafkaBrokerResource;
import com.ecsimagesaga.testsupport.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The operator console in headless Chromium, against the service on the real stack (broker,
 * PostgreSQL, simulator). The simulator builds an image in 10 s here (speed factor 2), so a
 * creation's progress can be watched. Screenshots go to target/console-screenshots.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(
    value = EcsSimulatorResource.class,
    initArgs = @ResourceArg(name = "speedFactor", value = "2"))
class ConsoleBrowserTest extends SagaTestSupport {

  static HeadlessChromium viewer;
  static HeadlessChromium operator;

  @TestHTTPResource("/")
  URL base;

  @BeforeEach
  void browsers() {
    connect();
    if (viewer == null) {
      viewer =
          HeadlessChromium.signedIn(base.toString(), AdminApi.VIEWER, AdminApi.VIEWER_PASSWORD);
      operator =
          HeadlessChromium.signedIn(base.toString(), AdminApi.OPERATOR, AdminApi.OPERATOR_PASSWORD);
    }
  }

  @AfterAll
  static void closeBrowsers() {
    if (viewer != null) {
      viewer.close();
      operator.close();
      viewer = null;
      operator = null;
    }
  }

  static CreateImage named(String prefix) {
    String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    return createFromInstance(seededInstance()).setImageName(name).build();
  }

  static String text(ChromeDriver d, String css) {
    var found = d.findElements(By.cssSelector(css));
    return found.isEmpty() ? "" : found.get(0).getText();
  }

  static long number(ChromeDriver d, String css) {
    String t = text(d, css);
    return t.isBlank() ? -1 : Long.parseLong(t.trim());
  }

  @Test
  void aCreationIsWatchedLiveInTheListAndTheOverview() {
    viewer.open("/");
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> number(viewer.driver(), "#tile-succeeded") >= 0);
    long succeededBefore = number(viewer.driver(), "#tile-succeeded");

    CreateImage command = named("console-live");
    publish(command);
    operator.open("/sagas.html?imageName=" + command.getImageName());
    List<Integer> seen = new ArrayList<>();
    boolean[] shot = {false};
    await()
        .atMost(Duration.ofSeconds(40))
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> {
              // Read in one script: the table is redrawn every few seconds.
              List<?> row =
                  (List<?>)
                      operator
                          .driver()
                          .executeScript(
                              "const r = document.querySelector('#sagas tbody tr[data-saga]');"
                                  + " if (!r) return null; const p = r.querySelector('progress');"
                                  + " return [r.dataset.status, p ? Number(p.value) : -1];");
              if (row == null) {
                return false;
              }
              int value = ((Number) row.get(1)).intValue();
              if (value >= 0 && (seen.isEmpty() || seen.get(seen.size() - 1) != value)) {
                seen.add(value);
              }
              if (value > 0 && value < 100 && !shot[0]) {
                operator.screenshot("sagas");
                shot[0] = true;
              }
              return "SUCCEEDED".equals(row.get(0));
            });
    // The bar moved on its own, without a reload, through values between 0 and 100.
    assertThat(seen).isSorted();
    assertThat(seen.stream().filter(v -> v > 0 && v < 100).count()).isGreaterThanOrEqualTo(1);
    assertThat(seen.stream().distinct().count()).isGreaterThanOrEqualTo(2);

    // The overview, opened before the saga finished and never reloaded, counts it.
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> number(viewer.driver(), "#tile-succeeded") >= succeededBefore + 1);
    assertThat(number(viewer.driver(), "td[data-type=CREATE_IMAGE][data-status=SUCCEEDED]"))
        .isGreaterThanOrEqualTo(1);
    assertThat(text(viewer.driver(), "#regions")).contains(REGION);
    viewer.screenshot("overview");
  }

  @Test
  void aViewerSeesTheFailureButNoReplayAndAnOperatorReplaysItToSuccess() {
    sim()
        .faults()
        .next(
            "CreateImage",
            1,
            Fault.error(403, "Forbidden.RAM", "The user is not authorized to CreateImage."));
    CreateImage command = named("console-failed");
    publish(command);
    String sagaId = awaitEvent(command.getCommandId(), ImageCreationFailed.class).getSagaId();

    // The list filters, from the form, by keyboard; the filter ends up in the address.
    viewer.open("/sagas.html");
    new org.openqa.selenium.support.ui.Select(viewer.driver().findElement(By.id("f-status")))
        .selectByValue("FAILED");
    viewer.driver().findElement(By.id("f-code")).sendKeys("Forbidden.RAM");
    viewer.driver().findElement(By.id("f-name")).sendKeys("console-failed", Keys.ENTER);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> viewer.driver().getCurrentUrl().contains("imageName=console-failed"));
    assertThat(viewer.driver().getCurrentUrl())
        .contains("status=FAILED", "errorCode=Forbidden.RAM");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                viewer.driver().findElements(By.cssSelector("#sagas tbody tr[data-saga]")).stream()
                    .map(r -> r.getAttribute("data-saga"))
                    .toList()
                    .equals(List.of(sagaId)));

    // The saga page shows the failure's code and message, and a viewer no replay control.
    viewer.open("/saga.html?id=" + sagaId);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> text(viewer.driver(), "#failure").contains("Forbidden.RAM"));
    assertThat(text(viewer.driver(), "#failure"))
        .contains("The user is not authorized to CreateImage.");
    assertThat(viewer.driver().findElement(By.id("replay-button")).isDisplayed()).isFalse();

    // An operator replays it with a reason and watches it succeed.
    operator.open("/saga.html?id=" + sagaId);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> operator.driver().findElement(By.id("replay-button")).isDisplayed());
    operator.driver().findElement(By.id("reason")).sendKeys("RAM policy fixed, ticket OPS-7");
    operator.screenshot("saga");
    operator.driver().findElement(By.id("replay-button")).click();
    await()
        .atMost(Duration.ofSeconds(40))
        .until(() -> text(operator.driver(), "#title").contains("SUCCEEDED"));
    assertThat(text(operator.driver(), "#replays"))
        .contains("operator", "RAM policy fixed, ticket OPS-7");
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(text(operator.driver(), "#events"))
                    .contains("ImageCreationFailed", "ImageCreated"));
  }

  @Test
  void aBulkReplayDryRunCountsTheMatchingFailedSagasAndTheJobReplaysThem() {
    String code = "Forbidden.ImagePolicy";
    sim().faults().next("CreateImage", 3, Fault.error(403, code, "Image policy denies it."));
    List<String> commands = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      CreateImage command = named("console-bulk");
      commands.add(command.getCommandId());
      publish(command);
    }
    commands.forEach(c -> awaitEvent(c, ImageCreationFailed.class));

    viewer.open("/replay.html");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> text(viewer.driver(), "#viewer-note").contains("operator role"));
    assertThat(viewer.driver().findElement(By.id("dry-run")).isDisplayed()).isFalse();

    operator.open("/replay.html");
    operator.driver().findElement(By.id("b-code")).sendKeys(code);
    operator.driver().findElement(By.id("b-reason")).sendKeys("image policy corrected");
    operator.driver().findElement(By.id("dry-run")).click();
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> "DONE".equals(text(operator.driver(), "#job-status")));
    assertThat(text(operator.driver(), "#job-matched")).isEqualTo("3");
    assertThat(
            operator.driver().findElements(By.cssSelector("#items tr[data-result=WOULD_REPLAY]")))
        .hasSize(3);
    WebElement confirm = operator.driver().findElement(By.id("confirm"));
    await().atMost(Duration.ofSeconds(5)).until(confirm::isEnabled);
    assertThat(confirm.getText()).isEqualTo("Replay 3 sagas");
    operator.screenshot("replay");

    confirm.click();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                operator
                        .driver()
                        .findElements(By.cssSelector("#items tr[data-result=REPLAYED]"))
                        .size()
                    == 3);
    // The replayed sagas finish here, not in whichever test runs next on the same database.
    commands.forEach(c -> awaitEvent(c, ImageCreated.class));
  }

  @Test
  void theOverviewFitsANarrowWindowAndStartsWithASkipLink() {
    viewer.size(400, 800);
    try {
      viewer.open("/");
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> number(viewer.driver(), "#tile-active") >= 0);
      Object overflow =
          viewer
              .driver()
              .executeScript(
                  "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
      assertThat(((Number) overflow).intValue()).isLessThanOrEqualTo(0);
      viewer.screenshot("overview-narrow");
      new org.openqa.selenium.interactions.Actions(viewer.driver()).sendKeys(Keys.TAB).perform();
      assertThat(viewer.driver().switchTo().activeElement().getText()).isEqualTo("Skip to content");
    } finally {
      viewer.size(1280, 800);
    }
  }

  @Test
  void theOverviewOpenedWithTheUserInItsAddressStillReadsTheApi() {
    // A page whose own address carries credentials (http://user:password@host/) makes the browser
    // refuse fetch() of a relative URL; the console resolves API paths against the page's origin.
    java.net.URI uri = java.net.URI.create(base.toString());
    viewer
        .driver()
        .get(
            uri.getScheme()
                + "://"
                + AdminApi.VIEWER
                + ":"
                + AdminApi.VIEWER_PASSWORD
                + "@"
                + uri.getHost()
                + ":"
                + uri.getPort()
                + "/");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> number(viewer.driver(), "#tile-active") >= 0);
    assertThat(viewer.driver().findElement(By.tagName("body")).getText())
        .doesNotContain("Not updated");
  }
}
