package com.ecsimagesaga.adapter.rest;

import com.ecsimagesaga.command.Violation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the JSON body of a gateway command (or replay request) strictly, and says everything that
 * is wrong with it by field, in the shape of a CommandRejected's violations: not JSON, not {@code
 * application/json}, larger than {@link #MAX_BYTES}, fields the command does not have, values of
 * the wrong type (no number for a text, no text for a number, no fraction for a whole number). Each
 * top-level field is read on its own, so every broken field is named, not just the first.
 */
final class GatewayBody {

  /** A command is a few kilobytes; the largest valid one (20 tags, 17 disks) is under 16 KiB. */
  static final int MAX_BYTES = 64 * 1024;

  private static final JsonMapper STRICT = strictMapper();

  /** The outcome: the command's JSON form, or the status and violations to answer with. */
  record Read<T>(T value, int status, List<Violation> violations) {

    boolean isValid() {
      return value != null;
    }
  }

  private GatewayBody() {}

  static <T extends Record> Read<T> read(String contentType, byte[] body, Class<T> type) {
    if (body != null && body.length > MAX_BYTES) {
      return refused(
          413,
          "body",
          "body.too-large",
          body.length + " bytes",
          "a command must be at most " + MAX_BYTES + " bytes of JSON");
    }
    if (contentType == null
        || !contentType.toLowerCase(Locale.ROOT).trim().startsWith("application/json")) {
      return refused(
          415,
          "Content-Type",
          "content-type.unsupported",
          contentType,
          "send the command as application/json");
    }
    if (body == null || body.length == 0 || new String(body, StandardCharsets.UTF_8).isBlank()) {
      return refused(
          400,
          "body",
          "body.required",
          null,
          "a JSON " + commandName(type) + " object is required");
    }
    JsonNode tree;
    try {
      tree = STRICT.readTree(body);
    } catch (JsonParseException e) {
      return refused(400, "body", "body.malformed", null, "not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      return refused(400, "body", "body.malformed", null, "not JSON: " + e.getMessage());
    }
    if (tree == null || !tree.isObject()) {
      return refused(
          400,
          "body",
          "body.wrong-type",
          tree == null ? null : tree.getNodeType().toString().toLowerCase(Locale.ROOT),
          "the body must be a JSON object: a " + commandName(type));
    }
    List<Violation> out = new ArrayList<>();
    Map<String, RecordComponent> fields =
        Arrays.stream(type.getRecordComponents())
            .collect(Collectors.toMap(RecordComponent::getName, c -> c));
    for (Map.Entry<String, JsonNode> field : tree.properties()) {
      RecordComponent component = fields.get(field.getKey());
      if (component == null) {
        out.add(
            Violation.of(
                field.getKey(),
                "body.unknown-field",
                null,
                commandName(type)
                    + " has no field '"
                    + field.getKey()
                    + "'; its fields are "
                    + fields.keySet().stream().sorted().toList()));
      } else {
        field(field.getKey(), field.getValue(), component, out);
      }
    }
    if (!out.isEmpty()) {
      return new Read<>(null, 400, out);
    }
    try {
      return new Read<>(STRICT.treeToValue(tree, type), 200, List.of());
    } catch (JsonProcessingException e) {
      return new Read<>(null, 400, List.of(violation("", e)));
    }
  }

  /** Reads one top-level field on its own, adding what is wrong with it. */
  private static void field(String name, JsonNode value, RecordComponent c, List<Violation> out) {
    JavaType type = STRICT.getTypeFactory().constructType(c.getGenericType());
    try {
      STRICT.treeToValue(value, type);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      out.add(violation(name, e));
      return;
    }
    nulls(name, value, out);
  }

  /**
   * A null inside a list, a map or an element (a tag without a value) has no room in the Avro
   * command; only top-level fields may be null, meaning "not set".
   */
  private static void nulls(String path, JsonNode value, List<Violation> out) {
    if (value.isArray()) {
      for (int i = 0; i < value.size(); i++) {
        String at = path + "[" + i + "]";
        if (value.get(i).isNull()) {
          out.add(Violation.of(at, "body.null", null, at + " must not be null"));
        } else {
          nulls(at, value.get(i), out);
        }
      }
    } else if (value.isObject()) {
      boolean map = path.equals("stepTimeoutSeconds");
      for (Map.Entry<String, JsonNode> e : value.properties()) {
        String at = map ? path + "[" + e.getKey() + "]" : path + "." + e.getKey();
        if (e.getValue().isNull() && (map || NON_NULL_ELEMENT_FIELDS.contains(e.getKey()))) {
          out.add(Violation.of(at, "body.null", null, at + " must not be null"));
        } else {
          // Lists inside elements, such as the tags of a copy's destination.
          nulls(at, e.getValue(), out);
        }
      }
    }
  }

  /** Fields of list elements that the Avro contract requires: a tag's key and value. */
  private static final Set<String> NON_NULL_ELEMENT_FIELDS = Set.of("key", "value");

  private static Violation violation(String field, Exception e) {
    if (e instanceof JsonMappingException m) {
      String path = field;
      for (JsonMappingException.Reference r : m.getPath()) {
        path +=
            r.getFieldName() != null
                ? (path.isEmpty() ? "" : ".") + r.getFieldName()
                : "[" + r.getIndex() + "]";
      }
      String rule =
          m instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException
              ? "body.unknown-field"
              : "body.wrong-type";
      if (rule.equals("body.unknown-field")) {
        return Violation.of(path, rule, null, "there is no field " + path);
      }
      Object given =
          m instanceof com.fasterxml.jackson.databind.exc.InvalidFormatException f
              ? f.getValue()
              : null;
      return Violation.of(
          path,
          rule,
          given == null ? null : String.valueOf(given),
          path
              + " must be "
              + expected(
                  m instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException mi
                      ? mi.getTargetType()
                      : null));
    }
    return Violation.of(field, "body.wrong-type", null, field + " has a value of the wrong type");
  }

  /** What a value of {@code type} looks like in JSON, for a person. */
  private static String expected(Class<?> type) {
    if (type == null) {
      return "of another type";
    }
    if (type == String.class) {
      return "a text";
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "a whole number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == java.time.Instant.class) {
      return "an ISO-8601 instant, for example 2026-01-01T00:00:00Z";
    }
    if (java.util.Collection.class.isAssignableFrom(type)) {
      return "a JSON array";
    }
    return "a JSON object";
  }

  /**
   * The answer to a refused request: its status and a body in the shape of a CommandRejected event
   * ({@code commandId}, {@code commandType}, {@code violations}).
   */
  static Response refusal(
      int status, String commandId, String commandType, List<Violation> violations) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("commandId", commandId);
    body.put("commandType", commandType);
    body.put("violations", violations);
    return Response.status(status).entity(body).build();
  }

  private static <T> Read<T> refused(
      int status, String field, String rule, String value, String message) {
    return new Read<>(null, status, List.of(Violation.of(field, rule, value, message)));
  }

  private static String commandName(Class<?> type) {
    return type.getSimpleName().replace("Json", "");
  }

  private static JsonMapper strictMapper() {
    JsonMapper mapper =
        JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .addModule(new JavaTimeModule())
            .build();
    fail(mapper, LogicalType.Textual, CoercionInputShape.Integer, CoercionInputShape.Float);
    fail(mapper, LogicalType.Textual, CoercionInputShape.Boolean);
    fail(mapper, LogicalType.Integer, CoercionInputShape.String, CoercionInputShape.Float);
    fail(mapper, LogicalType.Integer, CoercionInputShape.Boolean, CoercionInputShape.EmptyString);
    fail(mapper, LogicalType.Boolean, CoercionInputShape.String, CoercionInputShape.Integer);
    fail(mapper, LogicalType.Boolean, CoercionInputShape.Float, CoercionInputShape.EmptyString);
    return mapper;
  }

  private static void fail(JsonMapper mapper, LogicalType type, CoercionInputShape... shapes) {
    for (CoercionInputShape shape : shapes) {
      mapper.coercionConfigFor(type).setCoercion(shape, CoercionAction.Fail);
    }
  }
}
