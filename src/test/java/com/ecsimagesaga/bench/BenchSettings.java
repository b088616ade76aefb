package com.ecsimagesaga.bench;

/**
 * Settings of the process benchmarks, from system properties. The Maven profile passes every
 * setting, empty when not given on the command line, so an empty value means the benchmark's own
 * default.
 */
final class BenchSettings {

  private BenchSettings() {}

  static String text(String name, String fallback) {
    String value = System.getProperty(name);
    return value == null || value.isBlank() ? fallback : value.trim();
  }

  static int integer(String name, int fallback) {
    return Integer.parseInt(text(name, String.valueOf(fallback)));
  }

  static double decimal(String name, double fallback) {
    return Double.parseDouble(text(name, String.valueOf(fallback)));
  }
}
