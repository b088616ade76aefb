package com.ecsimagesaga.simulator.action;

import com.ecsimagesaga.simulator.http.ApiError;
import java.util.Set;

/**
 * Validation of the image attributes shared by CreateImage and ModifyImageAttribute (reference
 * section 1.1).
 */
final class ImageRules {
  static final Set<String> ARCHITECTURES = Set.of("i386", "x86_64", "arm64");
  static final Set<String> BOOT_MODES = Set.of("BIOS", "UEFI", "UEFI-Preferred");
  static final Set<String> PLATFORMS =
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

  private ImageRules() {}

  /**
   * 2-128 chars, starts with a letter, no http(s):// prefix, letters, digits, ':', '_', '-', '.'.
   */
  static void name(String name, boolean forbidReservedPrefix) {
    if (name != null && !(nameLike(name) && (!forbidReservedPrefix || !reservedPrefix(name)))) {
      throw new ApiError(400, "InvalidImageName.Malformed", "Specified image name is not valid.");
    }
  }

  /** Same shape as a name and never {@code aliyun}/{@code acs:} prefixed. */
  static void family(String family) {
    if (family != null && !(nameLike(family) && !reservedPrefix(family))) {
      throw new ApiError(
          400, "InvalidImageFamily.Malformed", "Specified image family is not valid.");
    }
  }

  /** 2-256 characters, not starting with http:// or https://. */
  static void description(String description) {
    if (description != null
        && (description.length() < 2 || description.length() > 256 || urlPrefix(description))) {
      throw new ApiError(
          400, "InvalidDescription.Malformed", "Specified description is not valid.");
    }
  }

  /** Up to 40 characters of letters, digits, '.', '_' and '-'. */
  static void version(String version) {
    if (version != null && !version.matches("[A-Za-z0-9._-]{1,40}")) {
      throw new ApiError(
          400, "InvalidImageVersion.Malformed", "Specified image version is not valid.");
    }
  }

  static void architecture(String architecture) {
    if (architecture != null && !ARCHITECTURES.contains(architecture)) {
      throw new ApiError(
          400, "InvalidArchitecture.Malformed", "Specified architecture is not valid.");
    }
  }

  static void platform(String platform) {
    if (platform != null && !PLATFORMS.contains(platform)) {
      throw new ApiError(400, "InvalidPlatform.Malformed", "Specified platform is not valid.");
    }
  }

  static void bootMode(String bootMode) {
    if (bootMode != null && !BOOT_MODES.contains(bootMode)) {
      throw new ApiError(
          400, "InvalidBootMode.ValueNotSupported", "Specified boot mode is not supported.");
    }
  }

  static void detectionStrategy(String strategy) {
    if (strategy != null && !"Standard".equals(strategy)) {
      throw new ApiError(
          400, "InvalidParameter.DetectionStrategy", "Specified detection strategy is not valid.");
    }
  }

  private static boolean nameLike(String value) {
    return value.length() >= 2
        && value.length() <= 128
        && Character.isLetter(value.codePointAt(0))
        && !urlPrefix(value)
        && value.codePoints().allMatch(c -> Character.isLetterOrDigit(c) || ":_-.".indexOf(c) >= 0);
  }

  private static boolean reservedPrefix(String value) {
    String lower = value.toLowerCase();
    return lower.startsWith("aliyun") || lower.startsWith("acs:");
  }

  private static boolean urlPrefix(String value) {
    return value.startsWith("http://") || value.startsWith("https://");
  }
}
