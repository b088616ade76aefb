package com.ecsimagesaga.simulator.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An HTTP answer ready to send: status, content type, extra headers and body.
 *
 * @param status HTTP status
 * @param contentType Content-Type header
 * @param headers extra headers
 * @param body body bytes
 * @param outcome what the call counters record ({@code OK} or the error code)
 */
public record Answer(
    int status, String contentType, Map<String, String> headers, byte[] body, String outcome) {
  /** Content type of every ECS JSON answer. */
  public static final String JSON = "application/json;charset=utf-8";

  private static final ObjectMapper MAPPER =
      new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

  /** A 200 answer: {@code RequestId} first, then the action's fields. */
  public static Answer ok(String requestId, Map<String, Object> fields) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("RequestId", requestId);
    body.putAll(fields);
    return new Answer(200, JSON, new LinkedHashMap<>(), json(body), "OK");
  }

  /** The ECS error document for {@code error}. */
  public static Answer error(String requestId, ApiError error) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("RequestId", requestId);
    body.put("HostId", "ecs.aliyuncs.com");
    body.put("Code", error.code());
    body.put("Message", error.getMessage());
    body.put(
        "Recommend",
        "https://api.aliyun.com/troubleshoot?q="
            + error.code()
            + "&product=Ecs&requestId="
            + requestId);
    return new Answer(error.status(), JSON, new LinkedHashMap<>(), json(body), error.code());
  }

  /** The HTML page a proxy returns for 502. */
  public static Answer badGatewayHtml() {
    String html =
        "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center>"
            + "<hr><center>Tengine</center></body></html>";
    return new Answer(
        502,
        "text/html",
        new LinkedHashMap<>(),
        html.getBytes(StandardCharsets.UTF_8),
        "BadGateway");
  }

  /** A 200 with an empty plain-text body, which no ECS client can parse. */
  public static Answer emptyOk() {
    return new Answer(200, "text/plain", new LinkedHashMap<>(), new byte[0], "EmptyBody");
  }

  /** This answer with one more header. */
  public Answer withHeader(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.put(name, value);
    return new Answer(status, contentType, copy, body, outcome);
  }

  private static byte[] json(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("response not serializable", e);
    }
  }
}
