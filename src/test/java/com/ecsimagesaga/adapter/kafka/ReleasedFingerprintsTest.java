package com.ecsimagesaga.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.Utf8;
import org.junit.jupiter.api.Test;

/**
 * A producer still on a released schema keeps working: a record encoded with the released schema
 * alone (Avro's generic API, every field set) is read by the service's codec, and nothing it said
 * is lost on the way to the current record and back.
 */
class ReleasedFingerprintsTest {

  private final AvroCodec codec = new AvroCodec();

  @Test
  void everyReleasedSchemaIsReadByTheServicesDecoder() throws IOException {
    for (String version : ReleasedSchemas.VERSIONS) {
      for (Schema released : ReleasedSchemas.records(version)) {
        GenericRecord sent = (GenericRecord) sample(released, 0);
        byte[] bytes = encode(released, sent);

        SpecificRecord read = codec.decode(bytes);

        assertThat(read.getSchema().getFullName()).isEqualTo(released.getFullName());
        byte[] current = codec.encode(read);
        var reader = new GenericDatumReader<GenericRecord>(read.getSchema(), released);
        GenericRecord back =
            reader.read(
                null, DecoderFactory.get().binaryDecoder(current, 10, current.length - 10, null));
        assertThat(back).as(version + " " + released.getName()).isEqualTo(sent);
      }
    }
  }

  @Test
  void aReleasedSchemaThatChangedSinceHasAFingerprintOfItsOwn() {
    Schema v1 =
        ReleasedSchemas.records("v1").stream()
            .filter(s -> s.getName().equals("ImageCreationProgressed"))
            .findFirst()
            .orElseThrow();
    assertThat(SchemaNormalization.parsingFingerprint64(v1))
        .as("the test above then proves the old fingerprint is resolved, not just the current one")
        .isNotEqualTo(
            SchemaNormalization.parsingFingerprint64(
                com.ecsimagesaga.contract.v1.ImageCreationProgressed.getClassSchema()));
  }

  private static byte[] encode(Schema schema, GenericRecord record) throws IOException {
    ByteBuffer buffer =
        new BinaryMessageEncoder<GenericRecord>(GenericData.get(), schema).encode(record);
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return bytes;
  }

  /** A value for every field, non-null branches of unions taken, so every field is exercised. */
  static Object sample(Schema schema, int n) {
    return switch (schema.getType()) {
      case RECORD -> {
        GenericData.Record r = new GenericData.Record(schema);
        int i = 0;
        for (Schema.Field f : schema.getFields()) {
          r.put(f.pos(), sample(f.schema(), n + i++));
        }
        yield r;
      }
      case UNION ->
          sample(
              schema.getTypes().stream()
                  .filter(t -> t.getType() != Schema.Type.NULL)
                  .findFirst()
                  .orElseThrow(),
              n);
      case STRING -> new Utf8("s" + n);
      case INT -> 7 + n;
      case LONG -> 1_764_000_000_000L + n;
      case BOOLEAN -> n % 2 == 0;
      case ARRAY -> {
        List<Object> items = new ArrayList<>();
        items.add(sample(schema.getElementType(), n + 1));
        yield new GenericData.Array<>(schema, items);
      }
      case MAP -> {
        Map<Utf8, Object> map = new HashMap<>();
        map.put(new Utf8("k" + n), sample(schema.getValueType(), n + 1));
        yield map;
      }
      case ENUM -> new GenericData.EnumSymbol(schema, schema.getEnumSymbols().get(0));
      default -> throw new IllegalArgumentException("no sample for " + schema);
    };
  }
}
