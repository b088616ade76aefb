package com.ecsimagesaga.command;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The ECS rules for names, descriptions, families, versions and enumerated attributes. */
public final class ImageTextRules {

  /** Letters (any script, so Chinese too), digits, ':', '_', '-', '.', starting with a letter. */
  private static final Pattern NAME = Pattern.compile("\\p{L}[\\p{L}\\p{Nd}:_.\\-]{1,127}");

  private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9._\\-]{1,40}");

  public static final Set<String> ARCHITECTURES = Set.of("i386", "x86_64", "arm64");
  public static final Set<String> BOOT_MODES = Set.of("BIOS", "UEFI", "UEFI-Preferred");
  public static final Set<String> DETECTION_STRATEGIES = Set.of("Standard");
  public static final Set<String> PLATFORMS =
      Set.of(
          "Aliyun",
          "Anolis",
          "CentOS",
          "Ubuntu",
          "CoreOS",
          "SUSE",
          "Debian",
          "OpenSUSE",
          "FreeBSD",
          "RedHat",
          "Kylin",
          "UOS",
          "Fedora",
          "Fedora CoreOS",
          "CentOS Stream",
          "AlmaLinux",
          "Rocky Linux",
          "Gentoo",
          "Customized Linux",
          "Others Linux",
          "Windows Server 2022",
          "Windows Server 2019",
          "Windows Server 2016",
          "Windows Server 2012",
          "Windows Server 2008",
          "Windows Server 2003");

  private ImageTextRules() {}

  public static void imageName(String field, String value, List<Violation> out) {
    if (value == null) {
      return;
    }
    if (startsWithUrl(value)) {
      out.add(
          Violation.of(
              field,
              "image-name.forbidden-prefix",
              value,
              "the image name must not start with http:// or https://"));
    } else if (value.length() < 2 || value.length() > 128) {
      out.add(
          Violation.of(
              field, "image-name.length", value, "the image name must be 2-128 characters long"));
    } else if (!NAME.matcher(value).matches()) {
      out.add(
          Violation.of(
              field,
              "image-name.characters",
              value,
              "the image name must start with a letter or Chinese character and contain only letters, digits, ':', '_', '-' and '.'"));
    }
  }

  public static void description(String value, List<Violation> out) {
    if (value == null) {
      return;
    }
    if (startsWithUrl(value)) {
      out.add(
          Violation.of(
              "description",
              "description.forbidden-prefix",
              value,
              "the description must not start with http:// or https://"));
    } else if (value.length() < 2 || value.length() > 256) {
      out.add(
          Violation.of(
              "description",
              "description.length",
              value,
              "the description must be 2-256 characters long"));
    } else if (FieldRules.hasControlCharacters(value)) {
      out.add(
          Violation.of(
              "description",
              "description.characters",
              value,
              "the description must not contain control characters"));
    }
  }

  public static void imageFamily(String value, List<Violation> out) {
    if (value == null) {
      return;
    }
    if (startsWithUrl(value) || value.startsWith("aliyun") || value.startsWith("acs:")) {
      out.add(
          Violation.of(
              "imageFamily",
              "image-family.forbidden-prefix",
              value,
              "the image family must not start with http://, https://, aliyun or acs:"));
    } else if (!NAME.matcher(value).matches()) {
      out.add(
          Violation.of(
              "imageFamily",
              "image-family.format",
              value,
              "the image family must be 2-128 characters, start with a letter and contain only letters, digits, ':', '_', '-' and '.'"));
    }
  }

  public static void imageVersion(String value, List<Violation> out) {
    if (value != null && !VERSION.matcher(value).matches()) {
      out.add(
          Violation.of(
              "imageVersion",
              "image-version.format",
              value,
              "the image version must be 1-40 characters of letters, digits, '.', '_' and '-'"));
    }
  }

  public static void oneOf(String field, String value, Set<String> allowed, List<Violation> out) {
    if (value != null && !allowed.contains(value)) {
      out.add(
          Violation.of(
              field,
              field.replaceAll("([A-Z])", "-$1").toLowerCase() + ".unsupported",
              value,
              field + " must be one of " + allowed.stream().sorted().toList()));
    }
  }

  public static boolean startsWithUrl(String value) {
    String lower = value.toLowerCase();
    return lower.startsWith("http://") || lower.startsWith("https://");
  }
}
