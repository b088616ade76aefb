package com.ecsimagesaga.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The probes and the ServiceMonitor ask for paths and a port the service's configuration serves:
 * SmallRye Health's groups and Micrometer's Prometheus endpoint under the non-application root, on
 * the management interface.
 */
class ServedPathsTest {

  private final Properties service = ConfigurationNames.load().applicationPropertiesFile();

  @Test
  void healthGroupsAndMetricsAreWhereTheManifestsLook() {
    String root = "/" + service.getProperty("quarkus.http.non-application-root-path", "q");
    String health = root + "/" + service.getProperty("quarkus.smallrye-health.root-path", "health");
    assertThat(health + "/" + service.getProperty("quarkus.smallrye-health.liveness-path", "live"))
        .isEqualTo("/q/health/live");
    assertThat(
            health + "/" + service.getProperty("quarkus.smallrye-health.readiness-path", "ready"))
        .isEqualTo("/q/health/ready");
    assertThat(
            health + "/" + service.getProperty("quarkus.smallrye-health.startup-path", "started"))
        .isEqualTo("/q/health/started");
    assertThat(
            root
                + "/"
                + service.getProperty("quarkus.micrometer.export.prometheus.path", "metrics"))
        .isEqualTo("/q/metrics");
  }

  @Test
  void theManagementInterfaceListensOnThePortTheManifestsName() {
    assumeThat(service.getProperty("quarkus.management.enabled"))
        .as("the management interface is enabled in application.properties")
        .isEqualTo("true");
    assertThat(service.getProperty("quarkus.management.port", "9000")).isEqualTo("9000");
    assertThat(service.getProperty("quarkus.management.root-path", "/q")).isEqualTo("/q");
  }
}
