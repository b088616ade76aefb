package com.ecsimagesaga.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.ecsimagesaga.adapter.kafka.ReleasedSchemas;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/**
 * The current contract against every released version. A failure names the record, the field and
 * Avro's reason; a change that cannot be made compatible needs a new major version
 * (docs/contract.md).
 */
class ContractCompatibilityTest {

  static Map<String, List<Schema>> released() {
    Map<String, List<Schema>> released = new LinkedHashMap<>();
    ReleasedSchemas.VERSIONS.forEach(v -> released.put(v, ReleasedSchemas.records(v)));
    return released;
  }

  @Test
  void theCurrentContractIsCompatibleWithEveryReleasedVersion() {
    assertThat(ContractCompatibility.breaches(CurrentSchemas.records(), released()))
        .as("breaking changes against the released contract (docs/contract.md)")
        .isEmpty();
  }

  @Test
  void everyRecordIsACommandOrAnEvent() {
    CurrentSchemas.records().values().forEach(ContractCompatibility.Role::of);
  }

  @Test
  void anEventFieldAddedWithoutADefaultFailsNamingTheRecordFieldAndReason() {
    var edited =
        CurrentSchemas.withEdit(
            "ImageCreationProgressed",
            "{\"name\": \"phase\", \"type\": \"string\", \"default\": \"CREATING\",",
            "{\"name\": \"phase\", \"type\": \"string\",");
    assertThat(ContractCompatibility.breaches(edited, released()))
        .containsExactly(
            "ImageCreationProgressed (event): a current consumer cannot read what a v1 service"
                + " writes: field 'phase': READER_FIELD_MISSING_DEFAULT_VALUE: phase");
  }

  @Test
  void aCommandFieldWhoseTypeChangesFailsNamingTheRecordFieldAndReason() {
    var edited =
        CurrentSchemas.withEdit(
            "DeleteImage",
            "{\"name\": \"regionId\", \"type\": \"string\"",
            "{\"name\": \"regionId\", \"type\": \"int\"");
    assertThat(ContractCompatibility.breaches(edited, released()))
        .containsExactly(
            "DeleteImage (command): the service cannot read what a v1 producer writes: field"
                + " 'regionId': TYPE_MISMATCH: reader type: INT not compatible with writer type:"
                + " STRING");
  }

  @Test
  void aRenamedEventFieldFailsBothWaysUnlessItKeepsAnAlias() {
    String from = "{\"name\": \"imageId\", \"type\": \"string\"";
    var renamed =
        CurrentSchemas.withEdit("ImageCreated", from, "{\"name\": \"id\", \"type\": \"string\"");
    assertThat(ContractCompatibility.breaches(renamed, released()))
        .containsExactly(
            "ImageCreated (event): a current consumer cannot read what a v1 service writes:"
                + " field 'id': READER_FIELD_MISSING_DEFAULT_VALUE: id",
            "ImageCreated (event): a v1 consumer cannot read what the current service writes:"
                + " field 'imageId': READER_FIELD_MISSING_DEFAULT_VALUE: imageId");
    var aliased =
        CurrentSchemas.withEdit(
            "ImageCreated",
            from,
            "{\"name\": \"id\", \"aliases\": [\"imageId\"], \"type\": \"string\"");
    assertThat(ContractCompatibility.breaches(aliased, released()))
        .as("an alias lets the current reader find the old field; old readers still miss it")
        .containsExactly(
            "ImageCreated (event): a v1 consumer cannot read what the current service writes:"
                + " field 'imageId': READER_FIELD_MISSING_DEFAULT_VALUE: imageId");
  }

  @Test
  void aRemovedRecordFails() {
    Map<String, Schema> current = new LinkedHashMap<>(CurrentSchemas.records());
    current.remove("com.ecsimagesaga.contract.v1.SagaStuck");
    assertThat(ContractCompatibility.breaches(current, released()))
        .containsExactly(
            "SagaStuck: released in v1 but no current schema: a record is never removed from a"
                + " major version");
  }

  @Test
  void theIndexOfEveryReleaseListsEachOfItsFiles() throws IOException {
    for (String version : ReleasedSchemas.VERSIONS) {
      Path dir = Path.of("schemas", "released", version);
      try (Stream<Path> files = Files.walk(dir)) {
        assertThat(
                files
                    .filter(p -> p.toString().endsWith(".avsc"))
                    .map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .toList())
            .containsExactlyInAnyOrderElementsOf(ReleasedSchemas.index(version));
      }
    }
  }
}
