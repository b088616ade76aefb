package com.ecsimagesaga.simulator;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
 * A hand-built RPC call, for the wire cases the SDK never produces (missing or replayed signature
 * parts, form bodies). Signs independently of the simulator code, following the published
 * algorithm.
 */
final class RawEcsCall {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private final EcsSimulator sim;
  final Map<String, String> params = new TreeMap<>();

  RawEcsCall(EcsSimulator sim, String action) {
    this.sim = sim;
    params.put("Action", action);
    params.put("Version", "2014-05-26");
    params.put("Format", "JSON");
    params.put("RegionId", SdkClients.REGION);
    params.put("AccessKeyId", sim.config().accessKeyId());
    params.put("SignatureMethod", "HMAC-SHA1");
    params.put("SignatureVersion", "1.0");
    params.put("SignatureNonce", UUID.randomUUID().toString().replace("-", ""));
    params.put("Timestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
  }

  RawEcsCall with(String name, String value) {
    params.put(name, value);
    return this;
  }

  RawEcsCall without(String name) {
    params.remove(name);
    return this;
  }

  /** Adds the signature for {@code method} with the simulator's secret. */
  RawEcsCall signed(String method) throws Exception {
    String canonical =
        params.entrySet().stream()
            .filter(e -> !e.getKey().equals("Signature"))
            .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
            .collect(Collectors.joining("&"));
    String toSign = method + "&" + encode("/") + "&" + encode(canonical);
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(
        new SecretKeySpec(
            (sim.config().accessKeySecret() + "&").getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
    params.put(
        "Signature",
        Base64.getEncoder().encodeToString(mac.doFinal(toSign.getBytes(StandardCharsets.UTF_8))));
    return this;
  }

  /** POST with every parameter in the query string, as the SDK sends typed requests. */
  HttpResponse<String> postQuery() throws Exception {
    return send(
        HttpRequest.newBuilder(URI.create("http://" + sim.endpoint() + "/?" + encoded()))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.noBody())
            .build());
  }

  /** POST with every parameter in a form body. */
  HttpResponse<String> postForm() throws Exception {
    return send(
        HttpRequest.newBuilder(URI.create("http://" + sim.endpoint() + "/"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(encoded()))
            .build());
  }

  /** GET with every parameter in the query string. */
  HttpResponse<String> get() throws Exception {
    return send(
        HttpRequest.newBuilder(URI.create("http://" + sim.endpoint() + "/?" + encoded()))
            .GET()
            .build());
  }

  private String encoded() {
    return params.entrySet().stream()
        .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
        .collect(Collectors.joining("&"));
  }

  private static HttpResponse<String> send(HttpRequest request) throws Exception {
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8)
        .replace("+", "%20")
        .replace("*", "%2A")
        .replace("%7E", "~");
  }
}
