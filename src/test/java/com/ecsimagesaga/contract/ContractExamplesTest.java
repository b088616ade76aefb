package com.ecsimagesaga.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.ecsimagesaga.adapter.kafka.AvroCodec;
import com.ecsimagesaga.adapter.kafka.AvroEventEncoder;
import com.ecsimagesaga.port.OutboxMessage;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.junit.jupiter.api.Test;

/**
 * The examples of docs/contract.md are real records: commands encoded as any producer encodes them,
 * events encoded by the service's own encoder (key and headers included), each decoded with nothing
 * but the schema files. The section is rewritten when it is stale, and the test then fails until
 * the new text is committed.
 */
class ContractExamplesTest {

  static final Path DOC = Path.of("docs", "contract.md");
  static final String BEGIN = "<!-- BEGIN GENERATED EXAMPLES (ContractExamplesTest) -->";
  static final String END = "<!-- END GENERATED EXAMPLES -->";
  static final String COMMANDS = "ecs.image.commands";
  static final String EVENTS = "ecs.image.events";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Map<Long, Schema> byFingerprint = new HashMap<>();
  private final Set<String> shown = new LinkedHashSet<>();

  ContractExamplesTest() {
    CurrentSchemas.records()
        .values()
        .forEach(s -> byFingerprint.put(SchemaNormalization.parsingFingerprint64(s), s));
  }

  @Test
  void theExamplesInTheContractAreRealRecordsDecodedFromTheSchemaFilesAlone() throws IOException {
    StringBuilder out = new StringBuilder(BEGIN).append("\n");
    AvroCodec codec = new AvroCodec();
    for (ContractExamples.Command c : ContractExamples.commands()) {
      section(out, COMMANDS, c.key(), Map.of(), codec.encode(c.record()));
    }
    AvroEventEncoder encoder = new AvroEventEncoder();
    for (var e : ContractExamples.events()) {
      event(out, ContractExamples.traced(encoder.encode(e)));
    }
    event(
        out,
        encoder.encodeRejection(
            ContractExamples.id(11),
            "orders-svc-20261201-0004",
            "CreateImage",
            ContractExamples.AT,
            ContractExamples.violations()));
    out.append(END);

    assertThat(shown)
        .as("every record of schemas/avro has an example")
        .containsExactlyInAnyOrderElementsOf(
            CurrentSchemas.records().values().stream().map(Schema::getName).toList());
    String doc = Files.readString(DOC);
    int from = doc.indexOf(BEGIN);
    int to = doc.indexOf(END);
    assertThat(from).as("docs/contract.md has the examples markers").isNotNegative();
    String fresh = doc.substring(0, from) + out + doc.substring(to + END.length());
    if (!fresh.equals(doc)) {
      Files.writeString(DOC, fresh);
    }
    assertThat(doc)
        .as("the examples in docs/contract.md were stale and have been regenerated; commit them")
        .isEqualTo(fresh);
  }

  private void event(StringBuilder out, OutboxMessage m) throws IOException {
    section(out, EVENTS, m.key(), m.headers(), m.payload());
  }

  private void section(
      StringBuilder out, String topic, String key, Map<String, String> headers, byte[] bytes)
      throws IOException {
    long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    Schema schema = byFingerprint.get(fingerprint);
    assertThat(schema).as("a schema file with fingerprint %016x", fingerprint).isNotNull();
    GenericRecord record =
        new GenericDatumReader<GenericRecord>(schema)
            .read(null, DecoderFactory.get().binaryDecoder(bytes, 10, bytes.length - 10, null));
    String name = schema.getName();
    out.append("\n### ")
        .append(shown.add(name) ? name : name + " (" + variant(record) + ")")
        .append("\n\nTopic `")
        .append(topic)
        .append("`, key `")
        .append(key)
        .append("`, ")
        .append(bytes.length)
        .append(" bytes starting `")
        .append(HexFormat.ofDelimiter(" ").formatHex(bytes, 0, 10))
        .append("` (single-object header, fingerprint of `")
        .append(name)
        .append(".avsc`).\n");
    if (!headers.isEmpty()) {
      out.append("\nHeaders:\n\n```\n");
      new TreeMap<>(headers).forEach((k, v) -> out.append(k).append(": ").append(v).append("\n"));
      out.append("```\n");
    }
    out.append("\nPayload, decoded with the schema file alone:\n\n```json\n")
        .append(JSON.writeValueAsString(JSON.readTree(GenericData.get().toString(record))))
        .append("\n```\n");
  }

  private static String variant(GenericRecord record) {
    Object phase = record.getSchema().getField("phase") == null ? null : record.get("phase");
    return phase == null ? "another" : "phase " + phase;
  }
}
