package com.ecsimagesaga.app;

import com.ecsimagesaga.command.CommandIds;
import com.ecsimagesaga.command.CreateImageCommand;
import com.ecsimagesaga.command.CreateImageRules;
import com.ecsimagesaga.command.DeleteImageCommand;
import com.ecsimagesaga.command.DeleteImageRules;
import com.ecsimagesaga.command.RecordRules;
import com.ecsimagesaga.command.StepTimeoutRules;
import com.ecsimagesaga.command.UpdateImageCommand;
import com.ecsimagesaga.command.UpdateImageRules;
import com.ecsimagesaga.command.Validated;
import com.ecsimagesaga.command.Violation;
import com.ecsimagesaga.image.ImageChanges;
import com.ecsimagesaga.image.ImageSpec;
import com.ecsimagesaga.port.EventEncoder;
import com.ecsimagesaga.port.RejectedCommand;
import com.ecsimagesaga.port.SagaStore;
import com.ecsimagesaga.saga.CreateImageSaga;
import com.ecsimagesaga.saga.DeleteImageSaga;
import com.ecsimagesaga.saga.Saga;
import com.ecsimagesaga.saga.SagaEvent;
import com.ecsimagesaga.saga.SagaInput;
import com.ecsimagesaga.saga.SagaKind;
import com.ecsimagesaga.saga.SagaKinds;
import com.ecsimagesaga.saga.SagaStatus;
import com.ecsimagesaga.saga.SagaType;
import com.ecsimagesaga.saga.UpdateImageSaga;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.jboss.logging.Logger;

/**
 * The use case behind every command: validate, then either start a saga or record the rejection. A
 * command id seen before starts nothing new.
 */
public final class CommandIntake {

  private static final Logger LOG = Logger.getLogger(CommandIntake.class);

  private final SagaStore store;
  private final EventEncoder encoder;
  private final SagaDefinitions definitions;
  private final Clock clock;

  public CommandIntake(
      SagaStore store, EventEncoder encoder, SagaDefinitions definitions, Clock clock) {
    this.store = store;
    this.encoder = encoder;
    this.definitions = definitions;
    this.clock = clock;
  }

  /**
   * A command as it arrived: the record key it was published under, where it was read and the trace
   * context it came in.
   */
  public record Arrival<C>(C command, String key, String origin, String traceParent) {}

  /**
   * Every violation of a create: the command's own rules ({@link CreateImageRules}), then when it
   * says it was issued and the key it was published under ({@link RecordRules}). The JSON gateway
   * runs the same check before publishing.
   */
  public static Validated<ImageSpec> check(CreateImageCommand c, String key, Instant now) {
    return withRecordRules(
        CreateImageRules.check(c),
        c.issuedAt(),
        now,
        c.regionId(),
        c.imageName() != null ? c.imageName() : c.deprecatedName(),
        RecordRules.createKey(c),
        key);
  }

  /** As {@link #check(CreateImageCommand, String, Instant)}, for an update. */
  public static Validated<ImageChanges> check(UpdateImageCommand c, String key, Instant now) {
    return withRecordRules(
        UpdateImageRules.check(c),
        c.issuedAt(),
        now,
        c.regionId(),
        c.imageId(),
        RecordRules.imageKey(c.regionId(), c.imageId()),
        key);
  }

  /** As {@link #check(CreateImageCommand, String, Instant)}, for a delete. */
  public static Validated<DeleteImageCommand> check(DeleteImageCommand c, String key, Instant now) {
    return withRecordRules(
        DeleteImageRules.check(c),
        c.issuedAt(),
        now,
        c.regionId(),
        c.imageId(),
        RecordRules.imageKey(c.regionId(), c.imageId()),
        key);
  }

  private static <T> Validated<T> withRecordRules(
      Validated<T> checked,
      Instant issuedAt,
      Instant now,
      String regionId,
      String subject,
      String expectedKey,
      String key) {
    List<Violation> record = new ArrayList<>();
    RecordRules.issuedAt(issuedAt, now, record);
    RecordRules.key(regionId, subject, expectedKey, key, record);
    if (record.isEmpty()) {
      return checked;
    }
    List<Violation> all = new ArrayList<>(checked.violations());
    all.addAll(record);
    return new Validated<>(null, all, checked.warnings());
  }

  /**
   * @param key the record key the command was published under, null when it had none
   * @param origin where the command was read, for example {@code topic/partition@offset}; may be
   *     null
   * @param traceParent the W3C trace context the command arrived in, or null; the saga and its
   *     events continue it
   */
  public Uni<IntakeResult> createImage(
      CreateImageCommand c, String key, String origin, String traceParent) {
    return createImages(List.of(new Arrival<>(c, key, origin, traceParent))).map(r -> r.get(0));
  }

  /**
   * Takes in creates as {@link #createImage} does one at a time, with the same outcome for each,
   * but stores the sagas of each run of distinct command ids in one statement: a poll of commands
   * costs one round trip rather than one per command. A command id that repeats in the list starts
   * a new run, so the later copy meets the earlier one as a command seen before.
   *
   * @return one result per arrival, in order
   */
  public Uni<List<IntakeResult>> createImages(List<Arrival<CreateImageCommand>> arrivals) {
    List<List<Arrival<CreateImageCommand>>> runs = new ArrayList<>();
    Set<String> idsInRun = new HashSet<>();
    for (Arrival<CreateImageCommand> a : arrivals) {
      if (runs.isEmpty() || !idsInRun.add(String.valueOf(a.command().commandId()))) {
        runs.add(new ArrayList<>());
        idsInRun.clear();
        idsInRun.add(String.valueOf(a.command().commandId()));
      }
      runs.get(runs.size() - 1).add(a);
    }
    return inOrder(runs, this::createRun)
        .map(perRun -> perRun.stream().flatMap(List::stream).toList());
  }

  /** What one create of a run comes to: its violations, or the saga it starts. */
  private record Plan(Arrival<CreateImageCommand> arrival, List<Violation> violations, Saga saga) {}

  /**
   * One run of creates with distinct command ids (so the order between them does not matter): the
   * sagas stored at once, then the rejections one by one.
   */
  private Uni<List<IntakeResult>> createRun(List<Arrival<CreateImageCommand>> run) {
    Instant now = clock.instant();
    List<Plan> plans = run.stream().map(a -> plan(a, now)).toList();
    List<Saga> sagas = plans.stream().map(Plan::saga).filter(Objects::nonNull).toList();
    return startAll(sagas)
        .chain(
            started -> {
              Iterator<IntakeResult> startResults = started.iterator();
              return inOrder(
                  plans,
                  p ->
                      p.saga() != null
                          ? Uni.createFrom().item(startResults.next())
                          : reject(
                              p.arrival().command().commandId(),
                              "CreateImage",
                              p.violations(),
                              p.arrival().origin(),
                              p.arrival().traceParent()));
            });
  }

  private Plan plan(Arrival<CreateImageCommand> a, Instant now) {
    CreateImageCommand c = a.command();
    var checked = check(c, a.key(), now);
    if (!checked.isValid()) {
      return new Plan(a, checked.violations(), null);
    }
    checked.warnings().forEach(w -> LOG.warnf("EIS-1002 command %s: %s", c.commandId(), w));
    Duration timeout = c.timeoutSeconds() == null ? null : Duration.ofSeconds(c.timeoutSeconds());
    var input =
        new SagaInput.Create(
            checked.value(),
            timeout,
            c.deleteSnapshotsOnFailure(),
            StepTimeoutRules.durations(c.stepTimeoutSeconds()),
            c.distribution());
    Saga saga =
        CreateImageSaga.start(
                sagaId(c.commandId()), c.commandId(), input, now, definitions.policies())
            .edit()
            .traceParent(a.traceParent())
            .build();
    return new Plan(a, List.of(), saga);
  }

  /** Applies {@code step} to each item, one after the other; the results in the same order. */
  private static <T, R> Uni<List<R>> inOrder(
      List<T> items, Function<? super T, Uni<? extends R>> step) {
    if (items.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    return Multi.createFrom()
        .iterable(items)
        .onItem()
        .transformToUniAndConcatenate(step)
        .collect()
        .asList();
  }

  /** As {@link #createImage}, for a delete. */
  public Uni<IntakeResult> deleteImage(
      DeleteImageCommand c, String key, String origin, String traceParent) {
    var checked = check(c, key, clock.instant());
    if (!checked.isValid()) {
      return reject(c.commandId(), "DeleteImage", checked.violations(), origin, traceParent);
    }
    var input =
        new SagaInput.Delete(
            c.imageId(),
            c.force(),
            c.deleteSnapshots(),
            StepTimeoutRules.durations(c.stepTimeoutSeconds()));
    Instant now = clock.instant();
    Saga saga =
        DeleteImageSaga.start(
                sagaId(c.commandId()),
                c.commandId(),
                c.regionId(),
                input,
                now,
                definitions.policies())
            .edit()
            .traceParent(traceParent)
            .build();
    if (!c.deleteCopies()) {
      return unlessBusy(saga, "DeleteImage", origin);
    }
    return store
        .findByInput(SagaType.COPY_IMAGE, SagaStatus.SUCCEEDED, "sourceImageId", c.imageId())
        .chain(
            copies ->
                unlessBusy(
                    saga,
                    copies.stream()
                        .filter(k -> c.regionId().equals(sourceRegionOf(k)))
                        .map(k -> deleteCopy(c, k, input, now, traceParent))
                        .toList(),
                    "DeleteImage",
                    origin));
  }

  /**
   * The deletion of one copy the service made of the image a delete is about: a saga of its own,
   * with a command id derived from the delete's, so a redelivered delete starts it only once.
   */
  private Saga deleteCopy(
      DeleteImageCommand c, Saga copy, SagaInput.Delete of, Instant now, String traceParent) {
    String commandId = SagaKinds.childCommandId(c.commandId(), "copy/" + copy.regionId());
    return DeleteImageSaga.start(
            sagaId(commandId),
            commandId,
            copy.regionId(),
            new SagaInput.Delete(
                copy.imageId(), of.force(), of.deleteSnapshots(), of.stepTimeouts()),
            now,
            definitions.policies())
        .edit()
        .traceParent(traceParent)
        .build();
  }

  private static String sourceRegionOf(Saga copy) {
    return copy.input() instanceof com.ecsimagesaga.saga.copy.CopyInput in
        ? in.sourceRegionId()
        : null;
  }

  /** As {@link #createImage}, for an update. */
  public Uni<IntakeResult> updateImage(
      UpdateImageCommand c, String key, String origin, String traceParent) {
    var checked = check(c, key, clock.instant());
    if (!checked.isValid()) {
      return reject(c.commandId(), "UpdateImage", checked.violations(), origin, traceParent);
    }
    var input =
        new SagaInput.Update(checked.value(), StepTimeoutRules.durations(c.stepTimeoutSeconds()));
    Saga saga =
        UpdateImageSaga.start(
                sagaId(c.commandId()),
                c.commandId(),
                input,
                clock.instant(),
                definitions.policies())
            .edit()
            .traceParent(traceParent)
            .build();
    return unlessBusy(saga, "UpdateImage", origin);
  }

  /**
   * Takes in a command of a saga kind registered in {@link SagaKinds}: the kind's own rules, then
   * when it says it was issued and the key it was published under; a valid command starts every
   * saga the kind plans for it, at once, and a command seen before starts none of them.
   *
   * @return the outcome; a started command answers with the id of its first saga
   */
  public <C extends SagaKind.Command> Uni<IntakeResult> submit(
      C c, String key, String origin, String traceParent) {
    @SuppressWarnings("unchecked")
    SagaKind<C> kind =
        (SagaKind<C>)
            SagaKinds.forCommand(c)
                .orElseThrow(
                    () -> new IllegalArgumentException("no saga kind takes " + c.getClass()));
    Instant now = clock.instant();
    List<Violation> violations = new ArrayList<>(kind.check(c));
    RecordRules.issuedAt(c.issuedAt(), now, violations);
    RecordRules.key(c.regionId(), c.subject(), c.expectedKey(), key, violations);
    if (!violations.isEmpty()) {
      return reject(c.commandId(), kind.commandType(), violations, origin, traceParent);
    }
    List<Saga> sagas =
        kind.start(c, now, definitions.policies()).stream()
            .map(s -> s.edit().traceParent(traceParent).build())
            .toList();
    if (sagas.isEmpty()) {
      // A kind's rules should refuse such a command; if one does not, it is refused here rather
      // than taken in as done.
      return reject(
          c.commandId(),
          kind.commandType(),
          List.of(
              Violation.of(
                  "command",
                  "command.starts-nothing",
                  null,
                  "this " + kind.commandType() + " asks for nothing to be done")),
          origin,
          traceParent);
    }
    return store
        .startAll(sagas)
        .chain(
            started -> {
              if (started.contains(true)) {
                sagas.forEach(
                    s ->
                        LOG.infof(
                            "EIS-1000 saga %s (%s) started for command %s",
                            s.id(), s.type(), c.commandId()));
                return Uni.createFrom()
                    .<IntakeResult>item(new IntakeResult.Started(sagas.get(0).id()));
              }
              LOG.infof("EIS-1003 command %s was seen before; nothing new started", c.commandId());
              return answerDuplicate(sagas.get(0).commandId(), traceParent)
                  .replaceWith(new IntakeResult.Duplicate(c.commandId()));
            });
  }

  /**
   * Rejects a command that could be read but not accepted. A valid command id is what a repeat is
   * recognised by; a command whose id itself is broken (empty, too long, odd characters) is
   * recognised by where it was read from instead, so each such record is rejected once and gets its
   * own event.
   *
   * @param origin where the command was read, for example {@code topic/partition@offset}; may be
   *     null
   * @param traceParent the trace context the command arrived in, or null
   */
  public Uni<IntakeResult> reject(
      String commandId,
      String commandType,
      List<Violation> violations,
      String origin,
      String traceParent) {
    String shownId =
        commandId == null ? "" : commandId.length() > 160 ? commandId.substring(0, 160) : commandId;
    String dedupeKey =
        CommandIds.isValid(commandId)
            ? commandId
            : "rejected/"
                + CommandIds.digest(origin != null ? origin : UUID.randomUUID().toString());
    UUID eventId =
        UUID.nameUUIDFromBytes(
            ("rejected/" + commandType + "/" + dedupeKey).getBytes(StandardCharsets.UTF_8));
    var message =
        encoder
            .encodeRejection(eventId, shownId, commandType, clock.instant(), violations)
            .inTrace(traceParent);
    LOG.infof("EIS-1001 command %s (%s) rejected: %s", shownId, commandType, violations);
    var why =
        new RejectedCommand(
            CommandIds.isValid(commandId) ? sagaId(commandId) : null,
            shownId,
            commandType,
            clock.instant(),
            violations);
    return store.reject(dedupeKey, why, message).replaceWith(new IntakeResult.Rejected(violations));
  }

  /**
   * A delete or update of an image that another saga is still working on (typically: still being
   * created) is refused with a reason rather than raced: ECS would refuse it too, or worse, the
   * create saga would compensate an image the user meant to keep changing.
   */
  private Uni<IntakeResult> unlessBusy(Saga saga, String commandType, String origin) {
    return unlessBusy(saga, List.of(), commandType, origin);
  }

  /** As {@link #unlessBusy(Saga, String, String)}, starting {@code alongside} with the saga. */
  private Uni<IntakeResult> unlessBusy(
      Saga saga, List<Saga> alongside, String commandType, String origin) {
    return store
        .findActiveOnImage(saga.regionId(), saga.imageId())
        .chain(
            busy -> {
              if (busy.isEmpty() || busy.get().commandId().equals(saga.commandId())) {
                return alongside.isEmpty() ? start(saga) : startWith(saga, alongside);
              }
              return reject(
                  saga.commandId(),
                  commandType,
                  List.of(busy(saga.imageId(), busy.get())),
                  origin,
                  saga.traceParent());
            });
  }

  /** The violation of an update or delete of an image that saga {@code other} is working on. */
  public static Violation busy(String imageId, Saga other) {
    return Violation.of(
        "imageId",
        "image.busy",
        imageId,
        "saga "
            + other.id()
            + " ("
            + other.type()
            + ", "
            + other.status()
            + ") is still working on this image; "
            + "send it again, with a new commandId, once that saga has finished");
  }

  private Uni<IntakeResult> start(Saga saga) {
    return startAll(List.of(saga)).map(results -> results.get(0));
  }

  /** Starts {@code saga} and {@code more} in one statement; the outcome is the first saga's. */
  private Uni<IntakeResult> startWith(Saga saga, List<Saga> more) {
    List<Saga> all = new ArrayList<>(List.of(saga));
    all.addAll(more);
    return startAll(all).map(results -> results.get(0));
  }

  /** Stores new sagas at once; a saga whose command id was seen before answers with its state. */
  private Uni<List<IntakeResult>> startAll(List<Saga> sagas) {
    if (sagas.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    return store
        .startAll(sagas)
        .chain(
            started ->
                inOrder(
                    IntStream.range(0, sagas.size()).boxed().toList(),
                    k -> outcome(sagas.get(k), started.get(k))));
  }

  private Uni<IntakeResult> outcome(Saga saga, boolean started) {
    if (!started) {
      LOG.infof("EIS-1003 command %s was seen before; nothing new started", saga.commandId());
      return answerDuplicate(saga.commandId(), saga.traceParent())
          .replaceWith(new IntakeResult.Duplicate(saga.commandId()));
    }
    LOG.infof(
        "EIS-1000 saga %s (%s) started for command %s", saga.id(), saga.type(), saga.commandId());
    return Uni.createFrom().item(new IntakeResult.Started(saga.id()));
  }

  /** A repeated command is answered with where its saga stands now. */
  private Uni<Void> answerDuplicate(String commandId, String traceParent) {
    return store
        .findByCommandId(commandId)
        .chain(
            found ->
                found
                    .map(
                        s ->
                            store.append(
                                encoder
                                    .encode(
                                        SagaEvent.SagaStateReported.of(
                                            s, UUID.randomUUID(), clock.instant()))
                                    .inTrace(traceParent)))
                    .orElseGet(() -> Uni.createFrom().voidItem()));
  }

  /**
   * The saga id is derived from the command id, so a redelivered command maps to the same saga (and
   * the same ClientToken) even before de-duplication looks at it.
   */
  public static UUID sagaId(String commandId) {
    return UUID.nameUUIDFromBytes(("saga/" + commandId).getBytes(StandardCharsets.UTF_8));
  }
}
