package com.ecsimagesaga.app;

import com.ecsimagesaga.command.CommandIds;
import com.ecsimagesaga.command.RecordRules;
import com.ecsimagesaga.command.Violation;
import com.ecsimagesaga.port.EventEncoder;
import com.ecsimagesaga.port.RejectedCommand;
import com.ecsimagesaga.port.SagaStore;
import com.ecsimagesaga.saga.Saga;
import com.ecsimagesaga.saga.SagaEvent;
import com.ecsimagesaga.saga.SagaKind;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
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
   * Every violation of a command: its kind's own rules, then when it says it was issued and the key
   * it was published under ({@link RecordRules}). The JSON gateway runs the same check before
   * publishing.
   *
   * @param key the record key the command was published under, null when it had none
   */
  public static <C extends SagaKind.Command> List<Violation> check(
      SagaKind<C> kind, C c, String key, Instant now) {
    List<Violation> violations = new ArrayList<>(kind.check(c));
    RecordRules.issuedAt(c.issuedAt(), now, violations);
    RecordRules.key(c.regionId(), c.subject(), c.expectedKey(), key, violations);
    return violations;
  }

  /**
   * Takes in one command of a registered saga kind: checked ({@link #check}), then every saga the
   * kind plans for it started at once; a command seen before starts none of them.
   *
   * @param key the record key the command was published under, null when it had none
   * @param origin where the command was read, for example {@code topic/partition@offset}; may be
   *     null
   * @param traceParent the W3C trace context the command arrived in, or null; the sagas and their
   *     events continue it
   * @return the outcome; a started command answers with the id of its first saga
   */
  public Uni<IntakeResult> submit(
      SagaKind.Command c, String key, String origin, String traceParent) {
    return submitAll(List.of(new Arrival<>(c, key, origin, traceParent))).map(r -> r.get(0));
  }

  /**
   * Takes in commands as {@link #submit} does one at a time, with the same outcome for each, but
   * stores the sagas of each run of commands that depend on nothing stored (no lookup, no idle
   * image needed) and have distinct command ids in one statement: a poll of commands costs one
   * round trip rather than one per command. A command id that repeats starts a new run, so the
   * later copy meets the earlier one as a command seen before; a command that depends on what is
   * stored is taken in on its own, in its place.
   *
   * @return one result per arrival, in order
   */
  public Uni<List<IntakeResult>> submitAll(
      List<? extends Arrival<? extends SagaKind.Command>> arrivals) {
    Instant now = clock.instant();
    List<List<Plan>> runs = new ArrayList<>();
    Set<String> idsInRun = new HashSet<>();
    boolean lastTogether = false;
    for (Arrival<? extends SagaKind.Command> a : arrivals) {
      Plan plan = plan(a, now);
      boolean together = plan.together();
      String id = String.valueOf(a.command().commandId());
      if (runs.isEmpty() || !together || !lastTogether || !idsInRun.add(id)) {
        runs.add(new ArrayList<>());
        idsInRun.clear();
        idsInRun.add(id);
      }
      runs.get(runs.size() - 1).add(plan);
      lastTogether = together;
    }
    return inOrder(runs, run -> run.get(0).together() ? together(run) : inOrder(run, this::alone))
        .map(perRun -> perRun.stream().flatMap(List::stream).toList());
  }

  /**
   * What one command comes to before the store is asked: its kind, its violations, and when it has
   * none and depends on nothing stored, the sagas it starts.
   */
  private record Plan(
      Arrival<? extends SagaKind.Command> arrival,
      SagaKind<SagaKind.Command> kind,
      List<Violation> violations,
      List<Saga> sagas,
      Instant now) {

    /** Whether it goes with others: a rejection, or sagas that depend on nothing stored. */
    boolean together() {
      return !violations.isEmpty() || sagas != null;
    }
  }

  private Plan plan(Arrival<? extends SagaKind.Command> a, Instant now) {
    SagaKind.Command c = a.command();
    SagaKind<SagaKind.Command> kind = kindOf(c);
    List<Violation> violations = check(kind, c, a.key(), now);
    if (!violations.isEmpty()) {
      return new Plan(a, kind, violations, null, now);
    }
    kind.warnings(c).forEach(w -> LOG.warnf("EIS-1002 command %s: %s", c.commandId(), w));
    if (kind.needsIdleImage() || kind.lookup(c).isPresent()) {
      return new Plan(a, kind, List.of(), null, now);
    }
    return new Plan(
        a, kind, List.of(), started(a, kind.start(c, now, definitions.policies())), now);
  }

  @SuppressWarnings("unchecked")
  private SagaKind<SagaKind.Command> kindOf(SagaKind.Command c) {
    return (SagaKind<SagaKind.Command>)
        definitions
            .kindFor(c)
            .orElseThrow(() -> new IllegalArgumentException("no saga kind takes " + c.getClass()));
  }

  /** The sagas a command starts, each continuing the trace the command came in. */
  private static List<Saga> started(Arrival<?> a, List<Saga> sagas) {
    return sagas.stream().map(s -> s.edit().traceParent(a.traceParent()).build()).toList();
  }

  /**
   * One run of commands with distinct command ids (so the order between them does not matter): the
   * sagas of all of them stored at once, then the rejections one by one.
   */
  private Uni<List<IntakeResult>> together(List<Plan> run) {
    List<Saga> all = new ArrayList<>();
    run.forEach(p -> all.addAll(p.sagas() == null ? List.of() : p.sagas()));
    Uni<List<Boolean>> stored =
        all.isEmpty() ? Uni.createFrom().item(List.of()) : store.startAll(all);
    return stored.chain(
        started -> {
          Iterator<Boolean> each = started.iterator();
          return inOrder(
              run,
              p -> {
                if (p.sagas() == null) {
                  return reject(p, p.violations());
                }
                List<Boolean> mine = new ArrayList<>();
                p.sagas().forEach(s -> mine.add(each.next()));
                return outcome(p, mine);
              });
        });
  }

  /**
   * A command taken in on its own: what it depends on looked up, the image it is about found idle
   * when its kind needs that, then its sagas stored together.
   */
  private Uni<IntakeResult> alone(Plan p) {
    if (p.together()) {
      return together(List.of(p)).map(r -> r.get(0));
    }
    SagaKind.Command c = p.arrival().command();
    Uni<List<Saga>> found =
        p.kind()
            .lookup(c)
            .map(l -> store.findByInput(l.type(), l.status(), l.field(), l.value()))
            .orElseGet(() -> Uni.createFrom().item(List.of()));
    return found.chain(
        stored -> {
          List<Saga> sagas =
              started(p.arrival(), p.kind().start(c, p.now(), definitions.policies(), stored));
          Plan planned = new Plan(p.arrival(), p.kind(), List.of(), sagas, p.now());
          if (sagas.isEmpty() || !p.kind().needsIdleImage()) {
            return together(List.of(planned)).map(r -> r.get(0));
          }
          Saga first = sagas.get(0);
          return store
              .findActiveOnImage(first.regionId(), first.imageId())
              .chain(
                  busy ->
                      busy.isEmpty() || busy.get().commandId().equals(first.commandId())
                          ? together(List.of(planned)).map(r -> r.get(0))
                          : reject(p, List.of(busy(first.imageId(), busy.get()))));
        });
  }

  /** The answer to a valid command once its sagas were offered to the store. */
  private Uni<IntakeResult> outcome(Plan p, List<Boolean> started) {
    SagaKind.Command c = p.arrival().command();
    if (p.sagas().isEmpty()) {
      // A kind's rules should refuse such a command; if one does not, it is refused here rather
      // than taken in as done.
      return reject(
          p,
          List.of(
              Violation.of(
                  "command",
                  "command.starts-nothing",
                  null,
                  "this " + p.kind().commandType() + " asks for nothing to be done")));
    }
    Saga first = p.sagas().get(0);
    if (started.contains(true)) {
      p.sagas()
          .forEach(
              s ->
                  LOG.infof(
                      "EIS-1000 saga %s (%s) started for command %s",
                      s.id(), s.type(), c.commandId()));
      return Uni.createFrom().item(new IntakeResult.Started(first.id()));
    }
    LOG.infof("EIS-1003 command %s was seen before; nothing new started", c.commandId());
    return answerDuplicate(first.commandId(), p.arrival().traceParent())
        .replaceWith(new IntakeResult.Duplicate(c.commandId()));
  }

  private Uni<IntakeResult> reject(Plan p, List<Violation> violations) {
    return reject(
        p.arrival().command().commandId(),
        p.kind().commandType(),
        violations,
        p.arrival().origin(),
        p.arrival().traceParent());
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

  /*
   * A delete or update of an image that another saga is still working on (typically: still being
   * created) is refused with a reason rather than raced: ECS would refuse it too, or worse, the
   * create saga would compensate an image the user meant to keep changing.
   */

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
