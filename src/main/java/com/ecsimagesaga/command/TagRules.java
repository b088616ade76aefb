package com.ecsimagesaga.command;

import com.ecsimagesaga.image.ImageTag;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** ECS tag rules, plus the tag namespace this service reserves for itself. */
public final class TagRules {

  /** Tags whose key starts with this belong to the service; users may not set them. */
  public static final String RESERVED_PREFIX = "ecs-image-saga/";

  /** ECS allows 20 tags per resource; the service uses one for the saga id. */
  public static final int MAX_USER_TAGS = 19;

  private TagRules() {}

  public static void check(List<ImageTag> tags, List<Violation> out) {
    if (tags.size() > MAX_USER_TAGS) {
      out.add(
          Violation.of(
              "tags",
              "tags.too-many",
              String.valueOf(tags.size()),
              "at most "
                  + MAX_USER_TAGS
                  + " tags are allowed (ECS allows 20 and the service adds one)"));
      return;
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < tags.size(); i++) {
      ImageTag tag = tags.get(i);
      String field = "tags[" + i + "]";
      key(field + ".key", tag.key(), out);
      value(field + ".value", tag.value(), out);
      if (!seen.add(tag.key())) {
        out.add(
            Violation.of(
                field + ".key", "tag-key.duplicate", tag.key(), "tag keys must be unique"));
      }
    }
  }

  private static void key(String field, String key, List<Violation> out) {
    if (key.isEmpty() || key.length() > 128) {
      out.add(
          Violation.of(field, "tag-key.length", key, "a tag key must be 1-128 characters long"));
    } else if (key.startsWith("aliyun") || key.startsWith("acs:")) {
      out.add(
          Violation.of(
              field,
              "tag-key.forbidden-prefix",
              key,
              "a tag key must not start with aliyun or acs:"));
    } else if (key.startsWith(RESERVED_PREFIX)) {
      out.add(
          Violation.of(
              field,
              "tag-key.reserved",
              key,
              "tag keys starting with " + RESERVED_PREFIX + " are reserved for the service"));
    } else if (key.contains("http://")
        || key.contains("https://")
        || FieldRules.hasControlCharacters(key)) {
      out.add(
          Violation.of(
              field,
              "tag-key.characters",
              key,
              "a tag key must not contain http://, https:// or control characters"));
    }
  }

  private static void value(String field, String value, List<Violation> out) {
    if (value.length() > 128) {
      out.add(
          Violation.of(
              field, "tag-value.length", value, "a tag value must be at most 128 characters long"));
    } else if (value.startsWith("acs:")) {
      out.add(
          Violation.of(
              field, "tag-value.forbidden-prefix", value, "a tag value must not start with acs:"));
    } else if (value.contains("http://")
        || value.contains("https://")
        || FieldRules.hasControlCharacters(value)) {
      out.add(
          Violation.of(
              field,
              "tag-value.characters",
              value,
              "a tag value must not contain http://, https:// or control characters"));
    }
  }
}
