package com.ecsimagesaga.command;

import java.util.List;
import java.util.regex.Pattern;

/** Field checks shared by every command; each adds at most one violation per field. */
public final class FieldRules {

  public static final Pattern REGION = Pattern.compile("[a-z]{2,}(-[a-z0-9]+)+");
  public static final Pattern COMMAND_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
  private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

  private FieldRules() {}

  public static void commandId(String value, List<Violation> out) {
    if (value == null || value.isBlank()) {
      out.add(Violation.of("commandId", "command-id.required", value, "commandId is required"));
    } else if (!COMMAND_ID.matcher(value).matches()) {
      out.add(
          Violation.of(
              "commandId",
              "command-id.format",
              value,
              "commandId must be 1-128 characters of letters, digits, '.', '_', ':' and '-', starting with a letter or digit"));
    }
  }

  public static void regionId(String value, List<Violation> out) {
    if (value == null || value.isBlank()) {
      out.add(Violation.of("regionId", "region-id.required", value, "regionId is required"));
    } else if (value.length() > 64 || !REGION.matcher(value).matches()) {
      out.add(
          Violation.of(
              "regionId",
              "region-id.format",
              value,
              "regionId must look like an ECS region id, for example cn-hangzhou"));
    }
  }

  /** Checks the required id of an existing image. */
  public static void imageId(String value, List<Violation> out) {
    if (value == null || value.isBlank()) {
      out.add(Violation.of("imageId", "image-id.required", value, "imageId is required"));
    } else {
      resourceId("imageId", value, "m-", "image", out);
    }
  }

  /** Checks an ECS resource id such as {@code i-...}, {@code s-...} or {@code m-...}. */
  public static boolean resourceId(
      String field, String value, String prefix, String what, List<Violation> out) {
    if (value.length() < prefix.length() + 1
        || value.length() > 64
        || !value.startsWith(prefix)
        || !value.substring(prefix.length()).matches("[A-Za-z0-9]+")) {
      out.add(
          Violation.of(
              field,
              what + "-id.format",
              value,
              field
                  + " must be an ECS "
                  + what
                  + " id: '"
                  + prefix
                  + "' followed by letters and digits, at most 64 characters"));
      return false;
    }
    return true;
  }

  public static boolean hasControlCharacters(String value) {
    return value != null && CONTROL.matcher(value).find();
  }
}
