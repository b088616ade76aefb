package com.ecsimagesaga.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Arrows point inward only: adapter -> app -> port -> saga/image/command. Each {@code check}
 * asserts its rule and fails the test with every violating dependency listed.
 */
class ArchitectureTest {

  private static JavaClasses main;

  @BeforeAll
  static void importMain() {
    main = MainClasses.imported();
  }

  @Test
  void theCoreImportsNoFramework() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "com.ecsimagesaga.saga..", "com.ecsimagesaga.image..", "com.ecsimagesaga.command..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.quarkus..",
            "io.smallrye..",
            "io.vertx..",
            "jakarta..",
            "org.hibernate..",
            "org.apache.kafka..",
            "org.apache.avro..",
            "com.aliyuncs..",
            "com.fasterxml..",
            "org.jboss..",
            "com.ecsimagesaga.port..",
            "com.ecsimagesaga.app..",
            "com.ecsimagesaga.adapter..",
            "com.ecsimagesaga.config..",
            "com.ecsimagesaga.simulator..")
        .check(main);
  }

  @Test
  void useCasesAndPortsSeeNoAdapterOrTechnology() {
    noClasses()
        .that()
        .resideInAnyPackage("com.ecsimagesaga.app..", "com.ecsimagesaga.port..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "com.ecsimagesaga.adapter..",
            "com.ecsimagesaga.simulator..",
            "org.hibernate..",
            "org.apache.kafka..",
            "org.apache.avro..",
            "com.aliyuncs..",
            "io.vertx..",
            "jakarta..")
        .check(main);
  }

  @Test
  void onlyTheKafkaAdapterSeesAvroContracts() {
    noClasses()
        .that()
        .resideOutsideOfPackages("com.ecsimagesaga.adapter.kafka..", "com.ecsimagesaga.contract..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("com.ecsimagesaga.contract..")
        .check(main);
  }

  @Test
  void onlyTheAlicloudAdapterSeesTheSdk() {
    noClasses()
        .that()
        .resideOutsideOfPackages(
            "com.ecsimagesaga.adapter.alicloud..", "com.ecsimagesaga.simulator..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("com.aliyuncs..")
        .check(main);
  }

  /**
   * Each adapter speaks to the others only through ports (a gateway decorated by metrics reads the
   * call's name from {@code port.CloudActionNames}; the store announces outbox rows with {@code
   * port.OutboxWritten}). Nothing is allowed here. The package {@code adapter} itself is not an
   * adapter: it holds the few technology helpers several adapters need (the Vert.x caller context,
   * the W3C trace context text), and the next rule keeps it from importing any adapter.
   */
  @Test
  void adaptersDoNotImportEachOther() {
    slices().matching("com.ecsimagesaga.adapter.(*)..").should().notDependOnEachOther().check(main);
    noClasses()
        .that()
        .resideInAPackage("com.ecsimagesaga.adapter")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("com.ecsimagesaga.adapter.*..")
        .check(main);
  }

  /**
   * Only the adapters that drive use cases call them: Kafka (commands), REST (the operator API) and
   * scheduling (the timers that run the coordinator, the relay and the heartbeat). The driven
   * adapters (persistence, alicloud, metrics, tracing, health) implement ports and see no use case.
   */
  @Test
  void onlyDrivingAdaptersSeeUseCases() {
    noClasses()
        .that()
        .resideInAPackage("com.ecsimagesaga.adapter..")
        .and()
        .resideOutsideOfPackages(
            "com.ecsimagesaga.adapter.kafka..",
            "com.ecsimagesaga.adapter.rest..",
            "com.ecsimagesaga.adapter.scheduling..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("com.ecsimagesaga.app..")
        .check(main);
  }

  @Test
  void onlyThePersistenceAdapterSeesPanache() {
    noClasses()
        .that()
        .resideOutsideOfPackage("com.ecsimagesaga.adapter.persistence..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.quarkus.hibernate..", "org.hibernate..", "jakarta.persistence..")
        .check(main);
  }

  @Test
  void theSagaNeverImportsTheSimulatorAndTheSimulatorNeverImportsTheService() {
    noClasses()
        .that()
        .resideOutsideOfPackage("com.ecsimagesaga.simulator..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("com.ecsimagesaga.simulator..")
        .check(main);
    noClasses()
        .that()
        .resideInAPackage("com.ecsimagesaga.simulator..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "com.ecsimagesaga.saga..",
            "com.ecsimagesaga.app..",
            "com.ecsimagesaga.port..",
            "com.ecsimagesaga.adapter..",
            "com.ecsimagesaga.image..",
            "com.ecsimagesaga.command..",
            "com.ecsimagesaga.config..")
        .check(main);
  }
}
