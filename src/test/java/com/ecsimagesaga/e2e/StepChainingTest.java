package com.ecsimagesaga.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.ecsimagesaga.contract.v1.CreateImage;
import com.ecsimagesaga.contract.v1.ImageCreated;
import com.ecsimagesaga.testsupport.EcsSimulatorResource;
import com.ecsimagesaga.testsupport.KafkaBrokerResource;
import com.ecsimagesaga.testsupport.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A create from a ready instance checks its source and submits CreateImage in one stored pass, and
 * its history is the one a step per pass writes: a row per step with the same outcomes.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(EcsSimulatorResource.class)
class StepChainingTest extends SagaTestSupport {

  static final Duration WAIT = Duration.ofSeconds(30);

  @Inject Pool pool;

  @BeforeAll
  static void start() {
    connect();
  }

  @Test
  void aCreateFromAReadyInstanceChecksAndSubmitsInOneStoredPassWithAHistoryRowPerStep() {
    CreateImage command = createFromInstance(seededInstance()).build();
    publish(command);
    String imageId = awaitEvent(command.getCommandId(), ImageCreated.class).getImageId();

    Row saga =
        pool.preparedQuery(
                "select id, version, image_id, step, status from saga where command_id = $1")
            .execute(Tuple.of(command.getCommandId()))
            .await()
            .atMost(WAIT)
            .iterator()
            .next();
    assertThat(saga.getString("status")).isEqualTo("SUCCEEDED");
    assertThat(saga.getString("image_id")).isEqualTo(imageId);
    List<Row> history = new ArrayList<>();
    pool.preparedQuery(
            "select step, executions, outcome_step, outcome_status, error_count from saga_history"
                + " where saga_id = $1 order by step_started_at, first_at")
        .execute(Tuple.of(saga.getUUID("id")))
        .await()
        .atMost(WAIT)
        .forEach(history::add);

    // A row per step, as when every move is stored on its own: the source check and the submission
    // each ran once, then the image was watched until it was usable.
    assertThat(history)
        .extracting(r -> r.getString("step"), r -> r.getString("outcome_step"))
        .containsExactly(
            tuple("CHECK_SOURCE", "SUBMIT_CREATE_IMAGE"),
            tuple("SUBMIT_CREATE_IMAGE", "AWAIT_IMAGE_USABLE"),
            tuple("AWAIT_IMAGE_USABLE", "DONE"));
    assertThat(history).extracting(r -> r.getInteger("executions")).startsWith(1, 1);
    assertThat(history).extracting(r -> r.getInteger("error_count")).containsOnly(0);
    long moves = history.stream().mapToLong(r -> r.getInteger("executions")).sum();
    // The row's version counts stored passes; every move is in the history. The first two moves
    // were one pass, so there is one pass fewer than moves.
    assertThat(saga.getLong("version")).isEqualTo(moves - 1);
  }
}
