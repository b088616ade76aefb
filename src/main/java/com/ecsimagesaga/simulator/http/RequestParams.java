package com.ecsimagesaga.simulator.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The parameters of one RPC call, merged from the query string and a form-encoded body, with the
 * typed accessors the actions need ({@code Tag.N.Key}, JSON arrays, integers, booleans).
 */
public final class RequestParams {
  private final Map<String, String> values;

  /** Wraps already decoded parameters. */
  public RequestParams(Map<String, String> values) {
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** Parses the raw query and, if form-encoded, the body. */
  public static RequestParams parse(String rawQuery, byte[] bytes, String contentType) {
    Map<String, String> values = new LinkedHashMap<>();
    decodeInto(rawQuery, values);
    if (bytes.length > 0
        && (contentType == null || contentType.startsWith("application/x-www-form-urlencoded"))) {
      decodeInto(new String(bytes, StandardCharsets.UTF_8), values);
    }
    return new RequestParams(values);
  }

  private static void decodeInto(String encoded, Map<String, String> into) {
    if (encoded == null || encoded.isEmpty()) {
      return;
    }
    for (String pair : encoded.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      into.put(
          URLDecoder.decode(name, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
  }

  /** All parameters. */
  public Map<String, String> all() {
    return values;
  }

  /** A parameter, or null when absent or empty. */
  public String get(String name) {
    String value = values.get(name);
    return value == null || value.isEmpty() ? null : value;
  }

  /** A parameter, or {@code fallback}. */
  public String get(String name, String fallback) {
    String value = get(name);
    return value == null ? fallback : value;
  }

  /** A required parameter; 400 {@code MissingParameter} when absent. */
  public String required(String name) {
    String value = get(name);
    if (value == null) {
      throw ApiError.missing(name);
    }
    return value;
  }

  /** An integer parameter, or {@code fallback}; 400 {@code InvalidParameter} when not a number. */
  public int intValue(String name, int fallback) {
    String value = get(name);
    if (value == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw ApiError.invalid(name);
    }
  }

  /** A boolean parameter ("true" ignoring case), false when absent. */
  public boolean bool(String name) {
    return "true".equalsIgnoreCase(get(name));
  }

  /** Values of {@code prefix.N[suffix]} in index order, e.g. {@code indexed("TagKey", "")}. */
  public List<String> indexed(String prefix, String suffix) {
    TreeMap<Integer, String> byIndex = new TreeMap<>();
    String head = prefix + ".";
    values.forEach(
        (name, value) -> {
          if (name.startsWith(head) && name.endsWith(suffix)) {
            String middle = name.substring(head.length(), name.length() - suffix.length());
            if (!middle.isEmpty() && middle.chars().allMatch(Character::isDigit)) {
              byIndex.put(Integer.parseInt(middle), value);
            }
          }
        });
    return new ArrayList<>(byIndex.values());
  }

  /** The indices N used in any {@code prefix.N.*} parameter, ascending. */
  public List<Integer> indices(String prefix) {
    TreeMap<Integer, Boolean> found = new TreeMap<>();
    String head = prefix + ".";
    for (String name : values.keySet()) {
      if (name.startsWith(head)) {
        String rest = name.substring(head.length());
        int dot = rest.indexOf('.');
        String index = dot < 0 ? rest : rest.substring(0, dot);
        if (!index.isEmpty() && index.chars().allMatch(Character::isDigit)) {
          found.put(Integer.parseInt(index), true);
        }
      }
    }
    return new ArrayList<>(found.keySet());
  }

  /** A list given as JSON array ({@code ["a","b"]}) or, tolerantly, comma separated. */
  public List<String> idList(String name) {
    String value = get(name);
    if (value == null) {
      return List.of();
    }
    String trimmed = value.trim();
    if (trimmed.startsWith("[")) {
      trimmed =
          trimmed.substring(1, trimmed.endsWith("]") ? trimmed.length() - 1 : trimmed.length());
    }
    List<String> ids = new ArrayList<>();
    for (String part : trimmed.split(",")) {
      String id = part.trim().replace("\"", "");
      if (!id.isEmpty()) {
        ids.add(id);
      }
    }
    return ids;
  }
}
