package com.ecsimagesaga.saga;

import com.ecsimagesaga.saga.create.CreateImageSaga;
import com.ecsimagesaga.saga.create.CreateInput;
import com.ecsimagesaga.testsupport.ImageSpecs;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Failed sagas for replay tests. */
public final class ReplayTestSagas {

  public static final Instant CREATED = Instant.parse("2026-01-01T10:00:00Z");
  public static final UUID ID = UUID.fromString("00000000-0000-0000-0000-00000000abcd");

  private ReplayTestSagas() {}

  /** A create saga in {@code status} whose failure happened at {@code failedAt}. */
  public static Saga failedCreate(SagaStatus status, Step failedAt, String imageId) {
    var spec = ImageSpecs.fromInstance("cn-hangzhou", "i-1", "img");
    var input = new CreateInput(spec, null, false);
    var failure = new Failure(failedAt, "PERMANENT", "Forbidden.RAM", "no", "req-1");
    return Saga.restore(ID, CreateImageSaga.TYPE, "c-1", "cn-hangzhou", input, CREATED, 7)
        .status(status)
        .step(Step.DONE)
        .imageId(imageId)
        .token(Saga.clientToken(ID, 0), 0)
        .attempt(3)
        .stepStartedAt(CREATED)
        .deadlineAt(CREATED.plus(Duration.ofMinutes(60)))
        .progress(40)
        .snapshotIds(List.of("s-1"))
        .failure(failure)
        .lastError(new CloudError(ErrorKind.PERMANENT, "Forbidden.RAM", "no", "req-1", null))
        .build();
  }
}
