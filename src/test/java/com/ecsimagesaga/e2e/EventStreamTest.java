package com.ecsimagesaga.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ecsimagesaga.contract.v1.ImageCreated;
import com.ecsimagesaga.testsupport.EcsSimulatorResource;
import com.ecsimagesaga.testsupport.KafkaBrokerResource;
import com.ecsimagesaga.testsupport.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The live event stream over real HTTP: a watcher of {@code /api/events/stream} sees a saga's
 * events as they reach the event topic, and only those its filter asks for.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(EcsSimulatorResource.class)
class EventStreamTest extends SagaTestSupport {

  @TestHTTPResource("/api/events/stream")
  URI stream;

  @BeforeAll
  static void start() {
    connect();
  }

  @Test
  void aWatcherSeesTheEventsOfTheCommandItFollows() {
    var command = createFromInstance(seededInstance()).build();
    var other = createFromInstance(seededInstance()).build();
    List<String> lines = new CopyOnWriteArrayList<>();
    CompletableFuture<HttpResponse<Stream<String>>> watching =
        watch("?commandId=" + command.getCommandId(), lines);
    try {
      // The stream is live only: wait until the watcher is subscribed before anything happens.
      await().atMost(Duration.ofSeconds(30)).until(() -> watching.isDone() || !lines.isEmpty());
      assertThat(watching.join().statusCode()).isEqualTo(200);
      publish(other);
      publish(command);
      ImageCreated created = awaitEvent(command.getCommandId(), ImageCreated.class);
      awaitEvent(other.getCommandId(), ImageCreated.class);

      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(lines)
                      .anySatisfy(
                          l ->
                              assertThat(l)
                                  .contains("\"type\":\"ImageCreated\"")
                                  .contains(created.getImageId())
                                  .contains(created.getSagaId())));
      assertThat(lines)
          .filteredOn(l -> l.startsWith("data:"))
          .allSatisfy(l -> assertThat(l).contains(command.getCommandId()))
          .noneSatisfy(l -> assertThat(l).contains(other.getCommandId()));
    } finally {
      watching.thenAccept(r -> r.body().close());
      watching.cancel(true);
    }
  }

  private CompletableFuture<HttpResponse<Stream<String>>> watch(String query, List<String> lines) {
    String credentials =
        Base64.getEncoder()
            .encodeToString(
                (AdminApi.VIEWER + ":" + AdminApi.VIEWER_PASSWORD)
                    .getBytes(StandardCharsets.UTF_8));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(stream + query))
            .header("Authorization", "Basic " + credentials)
            .header("Accept", "text/event-stream")
            .build();
    CompletableFuture<HttpResponse<Stream<String>>> response =
        HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofLines());
    response.thenAcceptAsync(r -> r.body().forEach(lines::add));
    return response;
  }
}
