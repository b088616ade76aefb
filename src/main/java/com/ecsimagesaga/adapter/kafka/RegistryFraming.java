package com.ecsimagesaga.adapter.kafka;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/**
 * The schema registry's framing ({@code 00}, the schema's 4-byte big-endian content id, the Avro
 * binary body: the framing of Confluent's serdes and of Apicurio's with 4-byte content ids) to and
 * from single-object encoding ({@code C3 01}, the 8-byte little-endian fingerprint, the same body).
 * Only the header differs, so a record changes framing without being decoded. It knows the ids of
 * the schemas the service registered or looked up; a record with any other id is undecodable.
 */
final class RegistryFraming {

  static final byte MAGIC = 0;
  private static final int REGISTRY_HEADER = 5;
  private static final int SINGLE_OBJECT_HEADER = 10;

  private final Map<Long, Integer> idByFingerprint = new ConcurrentHashMap<>();
  private final Map<Integer, Long> fingerprintById = new ConcurrentHashMap<>();

  /** Records that the registry knows {@code schema} by {@code id}. */
  void learn(Schema schema, long id) {
    if (id < 0 || id > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("registry id " + id + " does not fit the 4-byte framing");
    }
    long fingerprint = SchemaNormalization.parsingFingerprint64(schema);
    idByFingerprint.put(fingerprint, (int) id);
    fingerprintById.put((int) id, fingerprint);
  }

  /** A single-object-encoded record in the registry's framing. */
  byte[] toRegistry(byte[] singleObject) {
    long fingerprint = ByteBuffer.wrap(singleObject, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    Integer id = idByFingerprint.get(fingerprint);
    if (id == null) {
      throw new IllegalStateException(
          String.format("schema %016x was not registered at start", fingerprint));
    }
    int body = singleObject.length - SINGLE_OBJECT_HEADER;
    return ByteBuffer.allocate(REGISTRY_HEADER + body)
        .put(MAGIC)
        .putInt(id)
        .put(singleObject, SINGLE_OBJECT_HEADER, body)
        .array();
  }

  /**
   * A record as read from the topic, in single-object encoding: records already in it (producers
   * not yet on the registry) pass unchanged, records in the registry's framing get the header of
   * their schema.
   */
  byte[] toSingleObject(byte[] record) {
    if (record == null || record.length == 0 || record[0] != MAGIC) {
      return record;
    }
    if (record.length < REGISTRY_HEADER) {
      throw new UndecodableRecordException(
          "registry framing too short: " + record.length + " bytes", null);
    }
    int id = ByteBuffer.wrap(record, 1, 4).getInt();
    Long fingerprint = fingerprintById.get(id);
    if (fingerprint == null) {
      throw new UndecodableRecordException(
          "registry schema id " + id + " is not one this service registered or looked up", null);
    }
    int body = record.length - REGISTRY_HEADER;
    return ByteBuffer.allocate(SINGLE_OBJECT_HEADER + body)
        .put((byte) 0xC3)
        .put((byte) 0x01)
        .putLong(Long.reverseBytes(fingerprint))
        .put(record, REGISTRY_HEADER, body)
        .array();
  }
}
