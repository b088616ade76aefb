package com.ecsimagesaga.simulator.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks RPC signature version 1.0 as ECS does: HMAC-SHA1 with key {@code secret + "&"} over {@code
 * METHOD&%2F&percentEncode(sorted canonical query)}, plus timestamp skew and nonce replay.
 */
public final class SignatureVerifier {
  private final String accessKeyId;
  private final String accessKeySecret;
  private final Clock clock;
  private volatile Duration tolerance;
  private final Map<String, Instant> usedNonces = new ConcurrentHashMap<>();

  /** The remembered nonces in the order they arrived, so the oldest are forgotten first. */
  private final Deque<UsedNonce> arrivals = new ArrayDeque<>();

  private record UsedNonce(String nonce, Instant at) {}

  /** A verifier accepting exactly one key pair. */
  public SignatureVerifier(
      String accessKeyId, String accessKeySecret, Clock clock, Duration tolerance) {
    this.accessKeyId = accessKeyId;
    this.accessKeySecret = accessKeySecret;
    this.clock = clock;
    this.tolerance = tolerance;
  }

  /** Changes the accepted skew of {@code Timestamp}. */
  public void tolerance(Duration value) {
    tolerance = value;
  }

  /**
   * Throws the ECS error for the first problem found; returns normally for a valid, fresh request.
   */
  public void verify(String method, RequestParams params) {
    String signature = params.get("Signature");
    String keyId = params.get("AccessKeyId");
    String nonce = params.get("SignatureNonce");
    if (signature == null || keyId == null || nonce == null) {
      throw new ApiError(
          400,
          "IncompleteSignature",
          "The request signature does not conform to Aliyun standards.");
    }
    required(params, "SignatureMethod", "HMAC-SHA1");
    required(params, "SignatureVersion", "1.0");
    if (!accessKeyId.equals(keyId)) {
      throw new ApiError(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.");
    }
    Instant now = clock.instant();
    checkTimestamp(params.get("Timestamp"), now);
    String expected = sign(method, params.all());
    if (!MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.UTF_8), signature.getBytes(StandardCharsets.UTF_8))) {
      throw new ApiError(
          400,
          "SignatureDoesNotMatch",
          "Specified signature is not matched with our calculation. server string to sign is:"
              + stringToSign(method, params.all()));
    }
    forgetOldNonces(now);
    if (usedNonces.putIfAbsent(nonce, now) != null) {
      throw new ApiError(400, "SignatureNonceUsed", "Specified signature nonce was used already.");
    }
    synchronized (arrivals) {
      arrivals.addLast(new UsedNonce(nonce, now));
    }
  }

  /**
   * A common parameter the signature needs: absent is 400 {@code Missing<Name>} ("... is mandatory
   * for this action", the gateway's form for every missing common parameter), any value but the one
   * supported is 400 {@code Invalid<Name>}.
   */
  private static void required(RequestParams params, String name, String supported) {
    String value = params.get(name);
    if (value == null) {
      throw new ApiError(400, "Missing" + name, name + " is mandatory for this action.");
    }
    if (!supported.equals(value)) {
      throw new ApiError(
          400, "Invalid" + name, "Specified " + name + " is not valid: only " + supported + ".");
    }
  }

  private void checkTimestamp(String timestamp, Instant now) {
    try {
      Instant sent = Instant.parse(timestamp == null ? "" : timestamp);
      if (Duration.between(sent, now).abs().compareTo(tolerance) > 0) {
        throw illegalTimestamp(timestamp);
      }
    } catch (DateTimeParseException e) {
      throw illegalTimestamp(timestamp);
    }
  }

  private static ApiError illegalTimestamp(String timestamp) {
    return new ApiError(
        400,
        "IllegalTimestamp",
        "The input parameter \"Timestamp\" that is mandatory for processing this request is not supplied or is invalid: "
            + timestamp);
  }

  /**
   * A nonce only has to stay remembered as long as its timestamp would still be accepted. The
   * oldest arrivals are forgotten first, so a request costs the same however many were remembered.
   */
  private void forgetOldNonces(Instant now) {
    Instant horizon = now.minus(tolerance.multipliedBy(2));
    synchronized (arrivals) {
      while (!arrivals.isEmpty() && arrivals.peekFirst().at().isBefore(horizon)) {
        UsedNonce old = arrivals.removeFirst();
        usedNonces.remove(old.nonce(), old.at());
      }
    }
  }

  /** How many nonces are remembered. */
  int rememberedNonces() {
    return usedNonces.size();
  }

  /** The Base64 HMAC-SHA1 signature the client should have sent. */
  public String sign(String method, Map<String, String> params) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(
          new SecretKeySpec((accessKeySecret + "&").getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      byte[] raw = mac.doFinal(stringToSign(method, params).getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(raw);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 unavailable", e);
    }
  }

  /**
   * {@code METHOD&%2F&percentEncode(canonicalized query)} over every parameter except Signature.
   */
  public static String stringToSign(String method, Map<String, String> params) {
    StringBuilder canonical = new StringBuilder();
    new TreeMap<>(params)
        .forEach(
            (name, value) -> {
              if (!"Signature".equals(name)) {
                canonical
                    .append('&')
                    .append(percentEncode(name))
                    .append('=')
                    .append(percentEncode(value));
              }
            });
    String query = canonical.length() == 0 ? "" : canonical.substring(1);
    return method + "&" + percentEncode("/") + "&" + percentEncode(query);
  }

  /** RFC 3986 encoding as Alibaba Cloud uses it: space as %20, * as %2A, ~ kept. */
  public static String percentEncode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8)
        .replace("+", "%20")
        .replace("*", "%2A")
        .replace("%7E", "~");
  }
}
