package com.ecsimagesaga.simulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * The common parameter {@code Format}: the answer's syntax. The common parameters page of the ECS
 * API reference lists {@code JSON} and {@code XML} and makes XML the default; the Java SDK always
 * sends {@code Format=JSON}. Any other value is refused with 400 {@code InvalidParameter} (ECS does
 * not document its answer to one, so the simulator does not guess a syntax).
 */
enum WireFormat {
  JSON,
  XML;

  /** Content type of an XML answer. */
  static final String XML_CONTENT_TYPE = "text/xml;charset=utf-8";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** The format a call asked for; absent means XML, as documented. */
  static WireFormat of(String value) {
    if (value == null) {
      return XML;
    }
    return switch (value.toUpperCase(Locale.ROOT)) {
      case "JSON" -> JSON;
      case "XML" -> XML;
      default ->
          throw new ApiError(
              400,
              "InvalidParameter",
              "The specified parameter \"Format\" is not valid: JSON or XML.");
    };
  }

  /**
   * The answer in this format. A JSON document becomes the XML ECS sends: a success under {@code
   * <ActionResponse>}, an error under {@code <Error>}, a wrapped array ({@code
   * "Images":{"Image":[...]}}) as one element per entry. Answers that are not ECS documents (a
   * proxy's HTML page, an empty body) are left as they are.
   */
  Answer render(Answer answer, String action) {
    if (this == JSON || !Answer.JSON.equals(answer.contentType())) {
      return answer;
    }
    try {
      JsonNode document = MAPPER.readTree(answer.body());
      String root = answer.status() < 300 ? action + "Response" : "Error";
      StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
      element(xml, root, document);
      return new Answer(
          answer.status(),
          XML_CONTENT_TYPE,
          answer.headers(),
          xml.toString().getBytes(StandardCharsets.UTF_8),
          answer.outcome());
    } catch (IOException e) {
      throw new UncheckedIOException("an answer the simulator wrote is not JSON", e);
    }
  }

  private static void element(StringBuilder xml, String name, JsonNode value) {
    if (value.isArray()) {
      value.forEach(entry -> element(xml, name, entry));
      return;
    }
    xml.append('<').append(name).append('>');
    if (value.isObject()) {
      for (Map.Entry<String, JsonNode> field : value.properties()) {
        element(xml, field.getKey(), field.getValue());
      }
    } else if (!value.isNull()) {
      escape(xml, value.asText());
    }
    xml.append("</").append(name).append('>');
  }

  private static void escape(StringBuilder xml, String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> xml.append("&lt;");
        case '>' -> xml.append("&gt;");
        case '&' -> xml.append("&amp;");
        case '"' -> xml.append("&quot;");
        case '\'' -> xml.append("&apos;");
        default -> xml.append(c);
      }
    }
  }
}
