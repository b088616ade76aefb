package com.ecsimagesaga.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyuncs.DefaultAcsClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The JSON control API on the control port. */
class SimControlApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private EcsSimulator sim;
  private DefaultAcsClient client;

  @BeforeEach
  void start() {
    sim = EcsSimulator.start(SimulatorConfig.builder().build());
    client = SdkClients.client(sim);
  }

  @AfterEach
  void stop() {
    client.shutdown();
    sim.close();
  }

  @Test
  void seedsInstancesAndSnapshotsAndListsImages() throws Exception {
    JsonNode seeded =
        call(
            "POST",
            "/instances",
            "{\"regionId\":\"cn-hangzhou\",\"instanceId\":\"i-ctl\",\"status\":\"Stopped\",\"dataDiskGiB\":[50]}");
    call(
        "POST",
        "/snapshots",
        "{\"snapshotId\":\"s-ctl\",\"sourceDiskType\":\"system\",\"status\":\"accomplished\","
            + "\"creationTime\":\"2026-01-01T00:00:00Z\",\"sizeGiB\":30}");
    client.getAcsResponse(Requests.fromInstance("i-ctl"));
    client.getAcsResponse(Requests.fromSnapshot("s-ctl"));

    JsonNode images = call("GET", "/images?regionId=cn-hangzhou", null);

    assertThat(seeded.path("dataDiskIds")).hasSize(1);
    assertThat(images).hasSize(2);
    assertThat(images.get(0).path("status").asText()).isEqualTo("Waiting");
    assertThat(call("GET", "/snapshots?regionId=cn-hangzhou", null)).hasSize(3);
  }

  @Test
  void scriptsFaultsAndReadsCounters() throws Exception {
    call(
        "POST",
        "/faults",
        "{\"action\":\"DescribeImages\",\"kind\":\"THROTTLING\",\"count\":1,\"delayMillis\":900}");

    SdkClients.thrown(
        client,
        new com.aliyuncs.ecs.model.v20140526.DescribeImagesRequest(),
        400,
        "Throttling.User");
    client.getAcsResponse(new com.aliyuncs.ecs.model.v20140526.DescribeImagesRequest());

    JsonNode counters = call("GET", "/counters", null);
    assertThat(counters.path("total").asLong()).isEqualTo(2);
    assertThat(counters.path("calls").path("DescribeImages").path("Throttling.User").asLong())
        .isEqualTo(1);
    assertThat(counters.path("calls").path("DescribeImages").path("OK").asLong()).isEqualTo(1);
  }

  @Test
  void errorFaultFromJsonAndClearing() throws Exception {
    call(
        "POST",
        "/faults",
        "{\"action\":\"CreateImage\",\"kind\":\"ERROR\",\"count\":5,"
            + "\"httpStatus\":403,\"code\":\"Forbidden.RAM\",\"message\":\"denied\"}");
    sim.world().seedInstance("cn-hangzhou", "i-e", InstanceStatus.Running);

    SdkClients.thrown(client, Requests.fromInstance("i-e"), 403, "Forbidden.RAM");
    call("DELETE", "/faults", null);

    assertThat(client.getAcsResponse(Requests.fromInstance("i-e")).getImageId()).startsWith("m-");
  }

  @Test
  void setsSpeedAndResets() throws Exception {
    sim.world().seedInstance("cn-hangzhou", "i-x", InstanceStatus.Running);

    JsonNode speed = call("POST", "/speed", "{\"speedFactor\":250}");
    call("POST", "/reset", null);

    assertThat(speed.path("speedFactor").asDouble()).isEqualTo(250.0);
    assertThat(sim.speedFactor()).isEqualTo(250.0);
    assertThat(call("GET", "/health", null).path("status").asText()).isEqualTo("UP");
    SdkClients.thrown(client, Requests.fromInstance("i-x"), 404, "InvalidInstanceId.NotFound");
  }

  @Test
  void unknownEndpointIs404AndBadInputIs400() throws Exception {
    assertThat(raw("GET", "/nothing", null).statusCode()).isEqualTo(404);
    assertThat(raw("POST", "/faults", "{\"action\":\"X\",\"kind\":\"NOPE\"}").statusCode())
        .isEqualTo(400);
  }

  private JsonNode call(String method, String path, String body) throws Exception {
    HttpResponse<String> response = raw(method, path, body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private HttpResponse<String> raw(String method, String path, String body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sim.controlPort() + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
