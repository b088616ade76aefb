package com.ecsimagesaga.simulator.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One ECS RPC call built by hand from the API reference, no SDK: the common parameters ("Common
 * parameters" page), signature version 1.0 ("Request signatures": HMAC-SHA1 with key {@code secret
 * + "&"} over {@code POST&%2F&percentEncode(sorted canonical query)}), every parameter in the query
 * string of a POST, as the SDK sends typed requests.
 */
final class SignedRpc {
  static final String ACCESS_KEY_ID = "sim-access-key-id";
  private static final String ACCESS_KEY_SECRET = "sim-access-key-secret";
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();
  private final String endpoint;
  private final Map<String, String> params = new TreeMap<>();
  private Duration timeout = Duration.ofSeconds(10);

  private SignedRpc(String endpoint, String action, String regionId) {
    this.endpoint = endpoint;
    params.put("Action", action);
    params.put("Version", "2014-05-26");
    params.put("Format", "JSON");
    params.put("RegionId", regionId);
    params.put("AccessKeyId", ACCESS_KEY_ID);
    params.put("SignatureMethod", "HMAC-SHA1");
    params.put("SignatureVersion", "1.0");
    params.put("SignatureNonce", UUID.randomUUID().toString().replace("-", ""));
    params.put("Timestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
  }

  /** A call of {@code action} in {@code regionId} to the standalone simulator. */
  static SignedRpc call(String action, String regionId) {
    return new SignedRpc(StandaloneSimulator.running().apiEndpoint(), action, regionId);
  }

  SignedRpc with(String name, String value) {
    params.put(name, value);
    return this;
  }

  SignedRpc without(String name) {
    params.remove(name);
    return this;
  }

  /** Gives up waiting for the answer after {@code value}. */
  SignedRpc timeout(Duration value) {
    timeout = value;
    return this;
  }

  /** The signed query string, for a request written by hand. */
  String signedQuery() {
    Map<String, String> signed = new TreeMap<>(params);
    signed.put("Signature", signature(signed));
    return signed.entrySet().stream()
        .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
        .collect(Collectors.joining("&"));
  }

  /** Signs and sends the call. */
  Reply send() throws IOException, InterruptedException {
    String query = signedQuery();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://" + endpoint + "/?" + query))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .timeout(timeout)
            .POST(HttpRequest.BodyPublishers.noBody())
            .build();
    HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    return new Reply(response);
  }

  private static String signature(Map<String, String> params) {
    String canonical =
        params.entrySet().stream()
            .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
            .collect(Collectors.joining("&"));
    String toSign = "POST&" + encode("/") + "&" + encode(canonical);
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(
          new SecretKeySpec(
              (ACCESS_KEY_SECRET + "&").getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return Base64.getEncoder()
          .encodeToString(mac.doFinal(toSign.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 unavailable", e);
    }
  }

  /** RFC 3986 percent-encoding as the signature page defines it. */
  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8)
        .replace("+", "%20")
        .replace("*", "%2A")
        .replace("%7E", "~");
  }

  /** An answer: status, headers and body. */
  record Reply(HttpResponse<String> response) {
    int status() {
      return response.statusCode();
    }

    String body() {
      return response.body();
    }

    String header(String name) {
      return response.headers().firstValue(name).orElse(null);
    }

    JsonNode json() throws IOException {
      return JSON.readTree(response.body());
    }

    /** The error code of an error answer. */
    String code() throws IOException {
      return json().path("Code").asText(null);
    }

    /** The ids of the images of a DescribeImages answer. */
    java.util.List<String> imageIds() throws IOException {
      java.util.List<String> ids = new java.util.ArrayList<>();
      json().path("Images").path("Image").forEach(i -> ids.add(i.path("ImageId").asText()));
      return ids;
    }
  }
}
