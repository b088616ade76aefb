package com.ecsimagesaga.command;

import com.ecsimagesaga.image.ImageTag;
import java.util.List;

/**
 * The field checks the commands of several kinds share (command id, region, image id). Each adds at
 * most one violation per field, with the rule ids of {@link RuleIds#VALIDATION}.
 */
public final class CommonRules {

  private CommonRules() {}

  public static void commandId(String value, List<Violation> out) {
    FieldRules.commandId(value, out);
  }

  /** A region id, reported under {@code field}. */
  public static void regionId(String field, String value, List<Violation> out) {
    List<Violation> found = new java.util.ArrayList<>();
    FieldRules.regionId(value, found);
    found.forEach(v -> out.add(new Violation(field, v.rule(), v.value(), v.message())));
  }

  /** The id of an existing image, reported under {@code field}. */
  public static void imageId(String field, String value, List<Violation> out) {
    List<Violation> found = new java.util.ArrayList<>();
    FieldRules.imageId(value, found);
    found.forEach(v -> out.add(new Violation(field, v.rule(), v.value(), v.message())));
  }

  /** An optional image name, as CreateImage and ModifyImageAttribute take it. */
  public static void imageName(String field, String value, List<Violation> out) {
    if (value != null) {
      ImageTextRules.imageName(field, value, out);
    }
  }

  /** An optional description. */
  public static void description(String value, List<Violation> out) {
    if (value != null) {
      ImageTextRules.description(value, out);
    }
  }

  /** The user's tags of an image (the service adds its own). */
  public static void tags(List<ImageTag> tags, List<Violation> out) {
    TagRules.check(tags, out);
  }

  public static boolean hasControlCharacters(String value) {
    return FieldRules.hasControlCharacters(value);
  }
}
