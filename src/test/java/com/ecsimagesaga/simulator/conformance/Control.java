package com.ecsimagesaga.simulator.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The simulator's control API over HTTP, as docs/simulator.md describes it. */
final class Control {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  private Control() {}

  /** An answer of the control API. */
  record Answer(int status, JsonNode body) {}

  static Answer send(String method, String path, String json)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                URI.create("http://" + StandaloneSimulator.running().controlEndpoint() + path))
            .header("Content-Type", "application/json");
    request.method(
        method,
        json == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(json));
    HttpResponse<String> response =
        HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(response.statusCode(), JSON.readTree(response.body()));
  }

  /** A request that must succeed; its answer. */
  static JsonNode ok(String method, String path, String json)
      throws IOException, InterruptedException {
    Answer answer = send(method, path, json);
    if (answer.status() != 200) {
      throw new AssertionError(method + " " + path + " answered " + answer);
    }
    return answer.body();
  }
}
