package com.ecsimagesaga.simulator.http;

import java.util.Set;
import java.util.TreeMap;

/**
 * The business parameters of a call as one comparable string, for ClientToken parameter matching.
 */
public final class Fingerprint {
  // Parameters that legitimately differ between retries of the same logical request.
  private static final Set<String> TRANSPORT =
      Set.of(
          "Signature",
          "SignatureNonce",
          "Timestamp",
          "AccessKeyId",
          "SignatureMethod",
          "SignatureVersion",
          "SignatureType",
          "Format",
          "Version",
          "ClientToken");

  private Fingerprint() {}

  /** Sorted {@code name=value} pairs of every non-transport parameter. */
  public static String of(RequestParams params) {
    TreeMap<String, String> business = new TreeMap<>();
    params
        .all()
        .forEach(
            (name, value) -> {
              if (!TRANSPORT.contains(name)) {
                business.put(name, value);
              }
            });
    return business.toString();
  }
}
