package com.ecsimagesaga.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The service's compiled classes, without the tests, as the architecture checks read them. */
final class MainClasses {

  private MainClasses() {}

  static JavaClasses imported() {
    return new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("com.ecsimagesaga");
  }
}
