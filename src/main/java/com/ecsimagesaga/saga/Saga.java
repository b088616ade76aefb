package com.ecsimagesaga.saga;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The durable state of one saga. Immutable: a decision produces a new value through {@link
 * #edit()}.
 *
 * @param clientToken the ECS ClientToken of the create call, stored before the first call and
 *     reused on every retry and replay
 * @param tokenGeneration how many times ECS forced a new token ({@code IdempotentFailed})
 * @param attempt failed attempts of the current step
 * @param nextWakeAt when the current step is due
 * @param deadlineAt when the saga gives up and compensates
 * @param progress last creation progress seen, in percent
 * @param lastError the last retryable error, kept for operators while the saga waits
 * @param version optimistic-lock version, owned by the store
 * @param traceParent the W3C {@code traceparent} of the command that started the saga, or null;
 *     opaque here, carried so that the saga's cloud calls and events join the command's trace
 * @param submitUnconfirmed a CreateImage of this saga may have run without its answer reaching the
 *     saga (an answer was lost, or the service stopped while the call was out): if the saga gives
 *     up submitting, ECS may hold an image for it, which is looked for by the saga tag
 * @param quotaWait what the current step spent waiting for ECS quota; {@code deadlineAt} has been
 *     moved on by all such waits of the saga
 */
public record Saga(
    UUID id,
    SagaType type,
    SagaStatus status,
    Step step,
    String commandId,
    String regionId,
    SagaInput input,
    String imageId,
    String clientToken,
    int tokenGeneration,
    int attempt,
    Instant createdAt,
    Instant stepStartedAt,
    Instant nextWakeAt,
    Instant deadlineAt,
    int progress,
    List<String> snapshotIds,
    Failure failure,
    CloudError lastError,
    long version,
    String traceParent,
    boolean submitUnconfirmed,
    QuotaWait quotaWait) {

  public Saga {
    snapshotIds = snapshotIds == null ? List.of() : List.copyOf(snapshotIds);
    quotaWait = quotaWait == null ? QuotaWait.NONE : quotaWait;
  }

  /**
   * A new saga, due now, with its ClientToken fixed before any call: what a saga kind starts from.
   *
   * @param imageId the image the saga works on, or null when it makes one
   * @param deadlineAt when the saga gives up
   */
  public static Saga begin(
      UUID id,
      SagaType type,
      Step step,
      String commandId,
      String regionId,
      SagaInput input,
      String imageId,
      Instant now,
      Instant deadlineAt) {
    return restore(id, type, commandId, regionId, input, now, 0)
        .status(SagaStatus.RUNNING)
        .step(step)
        .imageId(imageId)
        .token(clientToken(id, 0), 0)
        .stepStartedAt(now)
        .nextWakeAt(now)
        .deadlineAt(deadlineAt)
        .build();
  }

  /**
   * A saga as it was stored: the fields it never changes here, every other one by name through the
   * builder (defaults: RUNNING at step DONE, no image, no token, nothing attempted or failed).
   *
   * @param version the optimistic-lock version the store read
   */
  public static Builder restore(
      UUID id,
      SagaType type,
      String commandId,
      String regionId,
      SagaInput input,
      Instant createdAt,
      long version) {
    return new Saga(
            id,
            type,
            SagaStatus.RUNNING,
            Step.DONE,
            commandId,
            regionId,
            input,
            null,
            null,
            0,
            0,
            createdAt,
            null,
            null,
            null,
            0,
            List.of(),
            null,
            null,
            version,
            null,
            false,
            QuotaWait.NONE)
        .edit();
  }

  /**
   * The ClientToken for a saga and token generation: at most 64 ASCII characters, as ECS requires.
   */
  public static String clientToken(UUID sagaId, int generation) {
    return "eis-" + sagaId + "-" + generation;
  }

  /** This saga as the store holds it at another version (the store owns the version). */
  public Saga atVersion(long v) {
    Builder b = edit();
    b.version = v;
    return b.build();
  }

  public Builder edit() {
    return new Builder(this);
  }

  /** Copies a saga with some fields changed. */
  public static final class Builder {
    private final Saga s;
    private SagaStatus status;
    private Step step;
    private String imageId;
    private String clientToken;
    private int tokenGeneration;
    private int attempt;
    private Instant stepStartedAt;
    private Instant nextWakeAt;
    private int progress;
    private List<String> snapshotIds;
    private Failure failure;
    private CloudError lastError;
    private String traceParent;
    private boolean submitUnconfirmed;
    private Instant deadlineAt;
    private QuotaWait quotaWait;
    private long version;

    private Builder(Saga s) {
      this.s = s;
      status = s.status;
      step = s.step;
      imageId = s.imageId;
      clientToken = s.clientToken;
      tokenGeneration = s.tokenGeneration;
      attempt = s.attempt;
      stepStartedAt = s.stepStartedAt;
      nextWakeAt = s.nextWakeAt;
      progress = s.progress;
      snapshotIds = s.snapshotIds;
      failure = s.failure;
      lastError = s.lastError;
      traceParent = s.traceParent;
      submitUnconfirmed = s.submitUnconfirmed;
      deadlineAt = s.deadlineAt;
      quotaWait = s.quotaWait;
      version = s.version;
    }

    public Builder status(SagaStatus v) {
      status = v;
      return this;
    }

    public Builder step(Step v) {
      step = v;
      return this;
    }

    public Builder imageId(String v) {
      imageId = v;
      return this;
    }

    public Builder attempt(int v) {
      attempt = v;
      return this;
    }

    public Builder stepStartedAt(Instant v) {
      stepStartedAt = v;
      return this;
    }

    public Builder nextWakeAt(Instant v) {
      nextWakeAt = v;
      return this;
    }

    public Builder progress(int v) {
      progress = v;
      return this;
    }

    public Builder snapshotIds(List<String> v) {
      snapshotIds = v;
      return this;
    }

    public Builder failure(Failure v) {
      failure = v;
      return this;
    }

    public Builder lastError(CloudError v) {
      lastError = v;
      return this;
    }

    public Builder traceParent(String v) {
      traceParent = v;
      return this;
    }

    public Builder submitUnconfirmed(boolean v) {
      submitUnconfirmed = v;
      return this;
    }

    public Builder deadlineAt(Instant v) {
      deadlineAt = v;
      return this;
    }

    public Builder quotaWait(QuotaWait v) {
      quotaWait = v;
      return this;
    }

    /** The ClientToken and its generation, as stored. */
    public Builder token(String v, int generation) {
      clientToken = v;
      tokenGeneration = generation;
      return this;
    }

    /** Moves to the next token generation after ECS refused the current token for good. */
    public Builder newToken() {
      tokenGeneration = tokenGeneration + 1;
      clientToken = Saga.clientToken(s.id, tokenGeneration);
      return this;
    }

    public Saga build() {
      return new Saga(
          s.id,
          s.type,
          status,
          step,
          s.commandId,
          s.regionId,
          s.input,
          imageId,
          clientToken,
          tokenGeneration,
          attempt,
          s.createdAt,
          stepStartedAt,
          nextWakeAt,
          deadlineAt,
          progress,
          snapshotIds,
          failure,
          lastError,
          version,
          traceParent,
          submitUnconfirmed,
          quotaWait);
    }
  }
}
