package com.ecsimagesaga.adapter.rest;

import com.ecsimagesaga.app.CommandIntake;
import com.ecsimagesaga.app.SagaDefinitions;
import com.ecsimagesaga.command.Violation;
import com.ecsimagesaga.port.SagaStore;
import com.ecsimagesaga.saga.Saga;
import com.ecsimagesaga.saga.SagaKind;
import com.ecsimagesaga.saga.SagaType;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The gateway's one path for the commands of every saga kind (ADR 0019, 0025): the body read as
 * strictly as any command's, the command checked with exactly what the intake runs for a kind (its
 * own rules, then when it was issued and the key it is published under), and the answer naming the
 * sagas the kind says the command starts (one per destination of a copy), whose ids are known
 * before anything is published. Nothing here names a kind.
 */
@ApplicationScoped
class KindCommandGateway {

  @Inject SagaDefinitions definitions;
  @Inject SagaStore store;
  @Inject Clock clock;

  /** Makes the kind's command, issued {@code now}, of a JSON form that was read. */
  interface Mapping<J, C> {
    C command(J json, String commandId, Instant now);
  }

  /**
   * Reads, checks and publishes one command.
   *
   * @param jsonType its JSON form; the command type answered in a refusal is its name without
   *     {@code Json}, as the client sent it
   * @param publish puts the command on the command topic
   */
  <J extends Record & KindCommandJson, C extends SagaKind.Command> Uni<Response> submit(
      String contentType,
      byte[] body,
      Class<J> jsonType,
      Mapping<J, C> mapping,
      Function<C, Uni<Void>> publish) {
    String commandType = jsonType.getSimpleName().replace("Json", "");
    var read = GatewayBody.read(contentType, body, jsonType);
    if (!read.isValid()) {
      return refused(read.status(), null, commandType, read.violations());
    }
    String commandId =
        Optional.ofNullable(read.value().commandId()).orElseGet(() -> UUID.randomUUID().toString());
    Instant now = clock.instant();
    C command = mapping.command(read.value(), commandId, now);
    return checkAndPublish(kindOf(command), command, commandType, publish);
  }

  /**
   * Reads a command of any registered kind in the shape of the kind's own command (its fields by
   * name; {@code commandId} may be left out; {@code issuedAt} is the gateway's), checks and
   * publishes it. For kinds with no JSON form of their own.
   *
   * @param type the kind's saga type, for example {@code COPY_IMAGE}
   */
  Uni<Response> submitAsKind(
      String type, String contentType, byte[] body, Function<SagaKind.Command, Uni<Void>> publish) {
    Optional<SagaKind<?>> found =
        definitions.kinds().all().stream().filter(k -> k.type().name().equals(type)).findFirst();
    if (found.isEmpty() || !found.get().commandClass().isRecord()) {
      return refused(
          404,
          null,
          type,
          List.of(
              Violation.of(
                  "type",
                  "kind.unknown",
                  type,
                  "no saga kind "
                      + type
                      + "; the kinds are "
                      + definitions.kinds().types().stream().map(SagaType::name).toList())));
    }
    @SuppressWarnings("unchecked")
    SagaKind<SagaKind.Command> kind = (SagaKind<SagaKind.Command>) found.get();
    Class<? extends Record> shape = kind.commandClass().asSubclass(Record.class);
    var read = GatewayBody.read(contentType, body, shape);
    if (!read.isValid()) {
      return refused(read.status(), null, kind.commandType(), read.violations());
    }
    SagaKind.Command command = issued((SagaKind.Command) read.value(), clock.instant());
    return checkAndPublish(kind, command, kind.commandType(), publish);
  }

  /**
   * The command as the gateway issues it: {@code issuedAt} now, {@code commandId} made up when the
   * client left it out; every other field as read.
   */
  private static SagaKind.Command issued(SagaKind.Command read, Instant now) {
    RecordComponent[] components = read.getClass().getRecordComponents();
    Object[] values = new Object[components.length];
    Class<?>[] types = new Class<?>[components.length];
    try {
      for (int i = 0; i < components.length; i++) {
        types[i] = components[i].getType();
        values[i] = components[i].getAccessor().invoke(read);
        if (components[i].getName().equals("issuedAt")) {
          values[i] = now;
        } else if (components[i].getName().equals("commandId") && values[i] == null) {
          values[i] = UUID.randomUUID().toString();
        }
      }
      return (SagaKind.Command) read.getClass().getDeclaredConstructor(types).newInstance(values);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot issue a " + read.getClass().getSimpleName(), e);
    }
  }

  /**
   * Checks a command as the intake will and publishes it: 422 with every violation, 409 when its
   * kind needs an idle image and another saga works on it, else 202 with the sagas it starts.
   */
  private <C extends SagaKind.Command> Uni<Response> checkAndPublish(
      SagaKind<C> kind, C command, String commandType, Function<? super C, Uni<Void>> publish) {
    String commandId = command.commandId();
    Instant now = command.issuedAt();
    // As the intake does; published now under the key the kind expects, the record rules hold
    // unless the kind's own fields disagree with its key.
    List<Violation> violations = CommandIntake.check(kind, command, command.expectedKey(), now);
    if (!violations.isEmpty()) {
      return refused(422, commandId, commandType, violations);
    }
    List<UUID> sagas =
        kind.start(command, now, definitions.policies()).stream().map(Saga::id).toList();
    if (sagas.isEmpty()) {
      // A command that starts no saga (a copy to no region) does nothing and leaves nothing to
      // follow, and the intake, which answers a command with the first saga it starts, has no
      // answer for it: it is not published.
      return refused(
          422,
          commandId,
          commandType,
          List.of(
              Violation.of(
                  "command",
                  "command.starts-nothing",
                  null,
                  commandType + " would start no saga: it names nothing to be done")));
    }
    if (!kind.needsIdleImage()) {
      return publish.apply(command).replaceWith(() -> accepted(commandId, sagas));
    }
    // A command about an image another saga is still working on is answered 409 at once, as the
    // intake would reject it. The intake still checks again: a saga may start in between.
    return store
        .findActiveOnImage(command.regionId(), command.subject())
        .chain(
            busy ->
                busy.isPresent() && !busy.get().commandId().equals(commandId)
                    ? refused(
                        409,
                        commandId,
                        commandType,
                        List.of(CommandIntake.busy(command.subject(), busy.get())))
                    : publish.apply(command).replaceWith(() -> accepted(commandId, sagas)));
  }

  @SuppressWarnings("unchecked")
  private <C extends SagaKind.Command> SagaKind<C> kindOf(C command) {
    return (SagaKind<C>)
        definitions
            .kindFor(command)
            .orElseThrow(
                () -> new IllegalArgumentException("no saga kind takes " + command.getClass()));
  }

  private static Uni<Response> refused(
      int status, String commandId, String commandType, List<Violation> violations) {
    return Uni.createFrom().item(GatewayBody.refusal(status, commandId, commandType, violations));
  }

  /**
   * 202 with the command id and every saga it starts ({@code sagaIds}, {@code sagas}); with one
   * saga also {@code sagaId} and {@code saga}, as the other commands answer. {@code Location} is
   * the first saga.
   */
  private static Response accepted(String commandId, List<UUID> sagaIds) {
    List<String> links = sagaIds.stream().map(id -> "/api/sagas/" + id).toList();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("commandId", commandId);
    if (sagaIds.size() == 1) {
      body.put("sagaId", sagaIds.get(0).toString());
      body.put("saga", links.get(0));
    }
    body.put("sagaIds", sagaIds.stream().map(UUID::toString).toList());
    body.put("sagas", links);
    return Response.accepted(body).location(URI.create(links.get(0))).build();
  }
}
