package com.ecsimagesaga.testsupport.stack;

import java.util.function.UnaryOperator;

/**
 * The images of the containers stack. Each is a system property; unset or blank takes the image
 * deploy/compose/compose.yaml runs, so the tests meet the versions the project deploys ({@code
 * ContainerImagesTest} fails when the two drift apart).
 *
 * @param kafka an {@code apache/kafka} (or {@code apache/kafka-native}) image, or a Confluent
 *     {@code confluentinc/cp-kafka} image
 * @param postgres an official {@code postgres} image, or one built from it
 */
public record ContainerImages(String kafka, String postgres) {

  /** System property naming the Kafka image, for example {@code apache/kafka:4.1.2}. */
  public static final String KAFKA_PROPERTY = "test.stack.kafka-image";

  /** System property naming the PostgreSQL image, for example {@code postgres:17}. */
  public static final String POSTGRES_PROPERTY = "test.stack.postgres-image";

  /** The Kafka image deploy/compose/compose.yaml runs. */
  public static final String DEFAULT_KAFKA = "apache/kafka:4.1.0";

  /** The PostgreSQL image deploy/compose/compose.yaml runs. */
  public static final String DEFAULT_POSTGRES = "postgres:16";

  /**
   * @return the images this JVM's system properties name, defaults for those unset
   */
  public static ContainerImages fromSystemProperties() {
    return from(System::getProperty);
  }

  /**
   * @param properties reads a property by name; {@code null} or blank takes the default
   * @return the images
   */
  public static ContainerImages from(UnaryOperator<String> properties) {
    return new ContainerImages(
        orDefault(properties.apply(KAFKA_PROPERTY), DEFAULT_KAFKA),
        orDefault(properties.apply(POSTGRES_PROPERTY), DEFAULT_POSTGRES));
  }

  private static String orDefault(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value.trim();
  }
}
