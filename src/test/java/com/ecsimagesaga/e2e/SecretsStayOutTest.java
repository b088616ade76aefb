package com.ecsimagesaga.e2e;

import static com.ecsimagesaga.e2e.AdminApi.asOperator;
import static com.ecsimagesaga.e2e.AdminApi.asViewer;
import static org.assertj.core.api.Assertions.assertThat;

import com.ecsimagesaga.contract.v1.ImageCreated;
import com.ecsimagesaga.contract.v1.ImageCreationFailed;
import com.ecsimagesaga.simulator.Fault;
import com.ecsimagesaga.simulator.InstanceStatus;
import com.ecsimagesaga.testsupport.EcsSimulatorResource;
import com.ecsimagesaga.testsupport.KafkaBrokerResource;
import com.ecsimagesaga.testsupport.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Alibaba access-key secret never reaches a log line, an event, the saga history or an API
 * answer, through a run that fails, is replayed and succeeds.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(EcsSimulatorResource.class)
class SecretsStayOutTest extends SagaTestSupport {

  static final List<String> LOGGED = new CopyOnWriteArrayList<>();
  static final Handler CAPTURE =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          StringWriter text = new StringWriter();
          text.append(record.getLoggerName())
              .append(' ')
              .append(String.valueOf(record.getMessage()));
          if (record.getParameters() != null) {
            for (Object p : record.getParameters()) {
              text.append(' ').append(String.valueOf(p));
            }
          }
          if (record.getThrown() != null) {
            record.getThrown().printStackTrace(new PrintWriter(text));
          }
          LOGGED.add(text.toString());
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeAll
  static void start() {
    connect();
    CAPTURE.setLevel(Level.ALL);
    Logger.getLogger("").addHandler(CAPTURE);
  }

  @AfterAll
  static void stop() {
    Logger.getLogger("").removeHandler(CAPTURE);
  }

  @Test
  void theAccessKeySecretAppearsInNoLogEventHistoryOrAnswer() {
    String secret = sim().config().accessKeySecret();
    assertThat(secret).isNotBlank();
    sim()
        .faults()
        .next("CreateImage", 1, Fault.error(403, "Forbidden.RAM", "The user is not authorized."));
    String instance = "i-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    sim().world().seedInstance(REGION, instance, InstanceStatus.Running);
    var command = createFromInstance(instance).build();
    publish(command);
    String sagaId = awaitEvent(command.getCommandId(), ImageCreationFailed.class).getSagaId();
    String replay =
        asOperator()
            .body(Map.of("mode", "resume", "reason", "fixed"))
            .post("/api/sagas/" + sagaId + "/replay")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    awaitEvent(command.getCommandId(), ImageCreated.class);

    assertThat(LOGGED)
        .as("captured log lines")
        .isNotEmpty()
        .noneMatch(line -> line.contains(secret));
    assertThat(LOGGED).anyMatch(line -> line.contains("EIS-6001"));
    for (var record : recordsFor(command.getCommandId())) {
      assertThat(new String(record.value(), StandardCharsets.ISO_8859_1)).doesNotContain(secret);
      record
          .headers()
          .forEach(
              h ->
                  assertThat(new String(h.value(), StandardCharsets.ISO_8859_1))
                      .doesNotContain(secret));
    }
    assertThat(replay).doesNotContain(secret);
    assertThat(asViewer().get("/api/sagas/" + sagaId + "/timeline").asString())
        .doesNotContain(secret);
    assertThat(asViewer().get("/api/sagas/" + sagaId).asString()).doesNotContain(secret);
  }
}
