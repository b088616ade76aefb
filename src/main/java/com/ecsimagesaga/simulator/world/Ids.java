package com.ecsimagesaga.simulator.world;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.UUID;

/**
 * Generates ECS-looking ids: {@code m-bp1...} images, {@code s-bp1...} snapshots, uppercase UUID
 * request ids.
 */
public final class Ids {
  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private Ids() {}

  /**
   * A new id with {@code prefix} ("m", "s", "i", "d") and 20 region-prefixed lowercase characters.
   */
  public static String next(String prefix, String regionId) {
    String regionPart = regionPrefix(regionId);
    StringBuilder id = new StringBuilder(prefix).append('-').append(regionPart);
    for (int i = regionPart.length(); i < 20; i++) {
      id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return id.toString();
  }

  /** A RequestId as ECS returns it: an uppercase UUID. */
  public static String requestId() {
    return UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
  }

  // ECS ids start with a short region code (bp1 = cn-hangzhou in every documentation example).
  private static String regionPrefix(String regionId) {
    if ("cn-hangzhou".equals(regionId)) {
      return "bp1";
    }
    if ("cn-shanghai".equals(regionId)) {
      return "uf6";
    }
    if ("cn-beijing".equals(regionId)) {
      return "2ze";
    }
    return "gw8";
  }
}
