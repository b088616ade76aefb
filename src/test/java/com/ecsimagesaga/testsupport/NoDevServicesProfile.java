package com.ecsimagesaga.testsupport;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * Turns Quarkus Dev Services off for a {@code @QuarkusTest}.
 *
 * <p>Dev Services decide at build time, before test resources start, whether to launch containers,
 * so they do not see the URLs that {@link PostgresResource} and {@link KafkaBrokerResource} return.
 * Without Docker the build then fails with "Please configure the datasource URL for default
 * datasource or ensure the Docker daemon is up and running". A profile's overrides are visible at
 * build time. Setting {@code %test.quarkus.devservices.enabled=false} in {@code
 * application.properties} has the same effect for every test and makes this profile unnecessary.
 */
public class NoDevServicesProfile implements QuarkusTestProfile {

  /**
   * @return {@code quarkus.devservices.enabled=false}
   */
  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of("quarkus.devservices.enabled", "false");
  }
}
