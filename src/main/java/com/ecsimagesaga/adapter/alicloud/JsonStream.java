package com.ecsimagesaga.adapter.alicloud;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Pieces for reading ECS answers as a stream, in one pass, without building a tree: ECS wraps every
 * list in an object ({@code "Images": {"Image": [...]}}) and its values may arrive as strings,
 * numbers or booleans.
 */
final class JsonStream {

  private JsonStream() {}

  /**
   * Reads {@code {"<inner>": [ ... ]}}, calling {@code element} at each element; anything else is
   * skipped.
   */
  static void wrapped(JsonReader r, String inner, Element element) throws IOException {
    if (r.peek() != JsonToken.BEGIN_OBJECT) {
      r.skipValue();
      return;
    }
    r.beginObject();
    while (r.hasNext()) {
      if (r.nextName().equals(inner) && r.peek() == JsonToken.BEGIN_ARRAY) {
        r.beginArray();
        while (r.hasNext()) {
          if (r.peek() == JsonToken.BEGIN_OBJECT) {
            element.read();
          } else {
            r.skipValue();
          }
        }
        r.endArray();
      } else {
        r.skipValue();
      }
    }
    r.endObject();
  }

  /** Reads a flat object's plain fields and hands them over. */
  static void object(JsonReader r, Consumer<Map<String, String>> fields) throws IOException {
    Map<String, String> values = new HashMap<>();
    r.beginObject();
    while (r.hasNext()) {
      String name = r.nextName();
      String value = text(r);
      if (value != null) {
        values.put(name, value);
      }
    }
    r.endObject();
    fields.accept(values);
  }

  /** A string, number or boolean as text; null for null, objects and arrays (which are skipped). */
  static String text(JsonReader r) throws IOException {
    return switch (r.peek()) {
      case STRING, NUMBER -> r.nextString();
      case BOOLEAN -> String.valueOf(r.nextBoolean());
      case NULL -> {
        r.nextNull();
        yield null;
      }
      default -> {
        r.skipValue();
        yield null;
      }
    };
  }

  static boolean bool(JsonReader r) throws IOException {
    if (r.peek() == JsonToken.BOOLEAN) {
      return r.nextBoolean();
    }
    String text = text(r);
    return text != null && Boolean.parseBoolean(text);
  }

  static int intOrZero(JsonReader r) throws IOException {
    String text = text(r);
    try {
      return text == null ? 0 : Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** Reads one element of a wrapped list. */
  @FunctionalInterface
  interface Element {
    void read() throws IOException;
  }
}
