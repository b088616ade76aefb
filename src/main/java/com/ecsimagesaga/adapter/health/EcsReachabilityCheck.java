package com.ecsimagesaga.adapter.health;

import com.ecsimagesaga.config.EcsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness: the configured ECS endpoint accepts a TCP connection. Our gateway has no cheap read
 * call that needs no resource, and a signed call would spend the account's API quota on health
 * checks, so a TCP connect is the honest minimum. With regional endpoints (no {@code
 * saga.ecs.endpoint}) the region is only known per command; the check then reports up without
 * probing and says so.
 */
@Readiness
@ApplicationScoped
public class EcsReachabilityCheck implements HealthCheck {

  @Inject EcsConfig config;

  @ConfigProperty(name = "ops.health.ecs-connect-timeout")
  Duration timeout;

  @Override
  public HealthCheckResponse call() {
    var builder = HealthCheckResponse.named("ECS endpoint reachable");
    if (config.endpoint().isEmpty()) {
      return builder.up().withData("endpoint", "regional, not probed").build();
    }
    String endpoint = config.endpoint().get();
    int colon = endpoint.lastIndexOf(':');
    String host = colon > 0 ? endpoint.substring(0, colon) : endpoint;
    int port = colon > 0 ? Integer.parseInt(endpoint.substring(colon + 1)) : 443;
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
      return builder.up().withData("endpoint", endpoint).build();
    } catch (IOException e) {
      return builder
          .down()
          .withData("endpoint", endpoint)
          .withData("error", "EIS-6402 " + e.getClass().getSimpleName())
          .build();
    }
  }
}
