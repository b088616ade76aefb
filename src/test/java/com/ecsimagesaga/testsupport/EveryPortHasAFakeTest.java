package com.ecsimagesaga.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every interface in {@code com.ecsimagesaga.port} has a fake here, named {@code InMemory*} or
 * {@code Fake*}, so a use case can be tested on its ports without Quarkus, a broker or a database.
 * The ports are read from the compiled main classes: a new port without a fake fails this test.
 */
class EveryPortHasAFakeTest {

  private static JavaClasses ports;
  private static JavaClasses fakes;

  @BeforeAll
  static void importClasses() {
    ports =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.ecsimagesaga.port");
    fakes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
            .importPackages("com.ecsimagesaga.testsupport");
  }

  @Test
  void everyPortHasAnInMemoryOrFakeImplementationInTestSupport() {
    assertThat(portInterfaces()).as("ports found").hasSizeGreaterThanOrEqualTo(20);
    assertThat(portsWithoutFake(portInterfaces(), fakes)).isEmpty();
  }

  @Test
  void aPortWhoseFakeIsMissingIsNamed() {
    List<JavaClass> withoutOne =
        fakes.stream().filter(c -> !c.getSimpleName().equals("FakeLiveInstances")).toList();
    assertThat(portsWithoutFake(portInterfaces(), withoutOne))
        .containsExactly("com.ecsimagesaga.port.LiveInstances");
  }

  private static List<JavaClass> portInterfaces() {
    return ports.stream()
        .filter(JavaClass::isInterface)
        .filter(c -> c.getPackageName().equals("com.ecsimagesaga.port"))
        .toList();
  }

  /** The ports no concrete {@code InMemory*} or {@code Fake*} class implements, by name. */
  static Set<String> portsWithoutFake(
      Collection<JavaClass> portInterfaces, Iterable<JavaClass> candidates) {
    List<JavaClass> named =
        StreamSupport.stream(candidates.spliterator(), false)
            .filter(c -> !c.isInterface() && !c.getModifiers().contains(JavaModifier.ABSTRACT))
            .filter(
                c ->
                    c.getSimpleName().startsWith("InMemory")
                        || c.getSimpleName().startsWith("Fake"))
            .toList();
    return portInterfaces.stream()
        .filter(port -> named.stream().noneMatch(fake -> fake.isAssignableTo(port.getName())))
        .map(JavaClass::getName)
        .collect(Collectors.toCollection(TreeSet::new));
  }
}
