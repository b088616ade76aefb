package com.ecsimagesaga.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.ecsimagesaga.port.CloudActionNames;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The RAM policy in deploy/alicloud allows exactly the ECS actions the service calls. */
class RamPolicyTest {

  @Test
  void thePolicyAllowsExactlyTheActionsTheGatewayCalls() throws Exception {
    Field names = CloudActionNames.class.getDeclaredField("NAMES");
    names.setAccessible(true);
    Set<String> called = new TreeSet<>();
    ((Map<?, ?>) names.get(null)).values().forEach(name -> called.add("ecs:" + name));

    JsonNode policy =
        new ObjectMapper().readTree(Path.of("deploy/alicloud/ram-policy.json").toFile());
    Set<String> allowed = new TreeSet<>();
    for (JsonNode statement : policy.path("Statement")) {
      assertThat(statement.path("Effect").asText()).isEqualTo("Allow");
      statement.path("Action").forEach(a -> allowed.add(a.asText()));
    }
    assertThat(allowed).isEqualTo(called);
  }
}
