package com.ecsimagesaga.simulator.action;

import com.ecsimagesaga.simulator.http.ApiError;
import com.ecsimagesaga.simulator.http.RequestParams;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parsing and validation of {@code Tag.N.Key/Value} and the per-resource tag quota (reference 1.1,
 * 3.5).
 */
final class TagRules {
  /** Tags a request may carry and a resource may hold. */
  static final int MAX_TAGS = 20;

  private TagRules() {}

  /** The tags of {@code Tag.N.Key/Value}, validated; {@code tooMany} is thrown above 20 entries. */
  static Map<String, String> parse(RequestParams params, ApiError tooMany) {
    List<Integer> indices = params.indices("Tag");
    if (indices.size() > MAX_TAGS || indices.stream().anyMatch(i -> i < 1 || i > MAX_TAGS)) {
      throw tooMany;
    }
    Map<String, String> tags = new LinkedHashMap<>();
    for (int index : indices) {
      String key = params.all().get("Tag." + index + ".Key");
      String value = params.all().getOrDefault("Tag." + index + ".Value", "");
      key(key);
      value(value);
      if (tags.put(key, value) != null) {
        throw new ApiError(400, "Duplicate.TagKey", "The Tag.N.Key contain duplicate key.");
      }
    }
    return tags;
  }

  /**
   * Non-empty, at most 128 chars, not {@code aliyun}/{@code acs:} prefixed, no {@code http(s)://}.
   */
  static void key(String key) {
    if (key == null
        || key.isEmpty()
        || key.length() > 128
        || key.startsWith("aliyun")
        || key.startsWith("acs:")
        || key.contains("http://")
        || key.contains("https://")) {
      throw new ApiError(400, "InvalidTagKey.Malformed", "The specified Tag.n.Key is invalid.");
    }
  }

  /** At most 128 chars, not {@code acs:} prefixed, no {@code http(s)://}; empty is fine. */
  static void value(String value) {
    if (value.length() > 128
        || value.startsWith("acs:")
        || value.contains("http://")
        || value.contains("https://")) {
      throw new ApiError(400, "InvalidTagValue.Malformed", "The specified Tag.n.Value is invalid.");
    }
  }

  /**
   * Adds {@code added} to {@code current}, failing with 403 {@code QuotaExceed.Tags} beyond 20
   * keys.
   */
  static void merge(Map<String, String> current, Map<String, String> added) {
    Map<String, String> merged = new LinkedHashMap<>(current);
    merged.putAll(added);
    if (merged.size() > MAX_TAGS) {
      throw new ApiError(
          403, "QuotaExceed.Tags", "The number of tags on the resource exceeds the quota of 20.");
    }
    current.putAll(added);
  }
}
