package com.ecsimagesaga.adapter.kafka;

import com.ecsimagesaga.contract.v1.CommandRejected;
import com.ecsimagesaga.contract.v1.ReplaySagas;
import com.ecsimagesaga.contract.v1.SagaStateReported;
import com.ecsimagesaga.contract.v1.SagaStuck;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Avro single-object encoding (header {@code C3 01}, the 8-byte little-endian CRC-64-AVRO
 * fingerprint of the writer schema, then the binary body). The fingerprint tells the record types
 * of one topic apart, so no schema registry is needed. It knows the current schemas and every
 * released one ({@link ReleasedSchemas}), so records of producers still on a released schema are
 * read too.
 */
public final class AvroCodec {

  private static final byte MAGIC_0 = (byte) 0xC3;
  private static final byte MAGIC_1 = (byte) 0x01;
  private static final int HEADER_LENGTH = 10;

  private final Map<Long, BinaryMessageDecoder<? extends SpecificRecord>> decoders =
      new HashMap<>();
  private final Map<String, BinaryMessageDecoder<? extends SpecificRecord>> byName =
      new HashMap<>();
  private final List<Schema> current = new ArrayList<>();

  public AvroCodec() {
    know(CommandRejected.getClassSchema(), CommandRejected.createDecoder(null));
    know(SagaStateReported.getClassSchema(), SagaStateReported.createDecoder(null));
    know(SagaStuck.getClassSchema(), SagaStuck.createDecoder(null));
    know(ReplaySagas.getClassSchema(), ReplaySagas.createDecoder(null));
    KindWires.ALL.forEach(
        w ->
            w.schemas()
                .forEach(
                    schema ->
                        know(
                            schema,
                            new BinaryMessageDecoder<SpecificRecord>(
                                SpecificData.getForSchema(schema), schema))));
    for (String version : ReleasedSchemas.VERSIONS) {
      ReleasedSchemas.records(version).forEach(this::knowReleased);
    }
  }

  /**
   * A released writer schema of a record the codec reads: records written with it are resolved to
   * the current record (fields added since take their defaults).
   */
  private void knowReleased(Schema released) {
    BinaryMessageDecoder<? extends SpecificRecord> decoder = byName.get(released.getFullName());
    if (decoder == null) {
      throw new IllegalStateException(
          "released record " + released.getFullName() + " has no current schema");
    }
    decoder.addSchema(released);
    decoders.put(SchemaNormalization.parsingFingerprint64(released), decoder);
  }

  private void know(Schema schema, BinaryMessageDecoder<? extends SpecificRecord> decoder) {
    decoders.put(SchemaNormalization.parsingFingerprint64(schema), decoder);
    byName.put(schema.getFullName(), decoder);
    current.add(schema);
  }

  /** The current schema of every record the codec reads and writes. */
  public List<Schema> currentSchemas() {
    return List.copyOf(current);
  }

  /** Encodes a record in single-object encoding. */
  public byte[] encode(SpecificRecord record) {
    try {
      var encoder =
          new BinaryMessageEncoder<SpecificRecord>(
              SpecificData.getForSchema(record.getSchema()), record.getSchema());
      ByteBuffer buffer = encoder.encode(record);
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode " + record.getSchema().getFullName(), e);
    }
  }

  /** Decodes any known record type; anything else is an {@link UndecodableRecordException}. */
  public SpecificRecord decode(byte[] bytes) {
    if (bytes == null) {
      throw new UndecodableRecordException("empty record: no value", null);
    }
    if (bytes.length < HEADER_LENGTH || bytes[0] != MAGIC_0 || bytes[1] != MAGIC_1) {
      throw new UndecodableRecordException(
          "not Avro single-object encoding: missing C3 01 header", null);
    }
    long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    BinaryMessageDecoder<? extends SpecificRecord> decoder = decoders.get(fingerprint);
    if (decoder == null) {
      throw new UndecodableRecordException(
          String.format("unknown schema fingerprint %016x", fingerprint), null);
    }
    try {
      return decoder.decode(bytes);
    } catch (IOException
        | AvroRuntimeException
        | IndexOutOfBoundsException
        | NegativeArraySizeException e) {
      throw new UndecodableRecordException(
          "body does not match schema " + String.format("%016x", fingerprint) + ": " + e, e);
    }
  }
}
