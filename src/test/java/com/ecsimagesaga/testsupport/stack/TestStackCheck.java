package com.ecsimagesaga.testsupport.stack;

import com.ecsimagesaga.testsupport.KafkaBrokerResource;
import com.ecsimagesaga.testsupport.PostgresResource;

/**
 * Asks the broker and database resources for their addresses the way the first {@code QuarkusTest}
 * of a JVM does, in a JVM of its own: {@link ContainersWithoutDockerTest} runs it with {@code
 * -Dtest.stack=containers} to see what a user without Docker sees. Prints {@code refused:
 * <message>} for each resource the test stack refuses and exits with 2, or prints both addresses
 * and exits with 0.
 */
public final class TestStackCheck {

  private TestStackCheck() {}

  /**
   * @param args none
   */
  public static void main(String[] args) {
    int refused = 0;
    try {
      System.out.println("broker: " + KafkaBrokerResource.bootstrapServers());
    } catch (TestStackUnavailable e) {
      System.out.println("refused: " + e.getMessage());
      refused++;
    }
    try {
      System.out.println("database: " + PostgresResource.jdbcUrl());
    } catch (TestStackUnavailable e) {
      System.out.println("refused: " + e.getMessage());
      refused++;
    }
    System.exit(refused == 0 ? 0 : 2);
  }
}
