package com.ecsimagesaga.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ecsimagesaga.contract.v1.DeleteImage;
import com.ecsimagesaga.contract.v1.ImageCreationProgressed;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/**
 * The registry's framing: {@code 00}, the 4-byte big-endian content id, the Avro body (the framing
 * of Confluent's serdes and of Apicurio 3's with 4-byte content ids), to and from single-object
 * encoding; during a migration single-object records still pass.
 */
class RegistryFramingTest {

  private final AvroCodec codec = new AvroCodec();
  private final RegistryFraming framing = new RegistryFraming();

  @Test
  void aRecordInTheRegistrysFramingIsMagicZeroTheContentIdAndTheSameBody() {
    framing.learn(DeleteImage.getClassSchema(), 42);
    byte[] single = codec.encode(AvroCodecTest.delete());

    byte[] wire = framing.toRegistry(single);

    assertThat(HexFormat.of().formatHex(wire, 0, 5)).isEqualTo("000000002a");
    assertThat(Arrays.copyOfRange(wire, 5, wire.length))
        .isEqualTo(Arrays.copyOfRange(single, 10, single.length));
    assertThat(codec.decode(framing.toSingleObject(wire))).isEqualTo(AvroCodecTest.delete());
  }

  @Test
  void singleObjectRecordsStillPassDuringAMigration() {
    framing.learn(DeleteImage.getClassSchema(), 42);
    byte[] single = codec.encode(AvroCodecTest.delete());
    assertThat(framing.toSingleObject(single)).isSameAs(single);
  }

  @Test
  void aRecordOfAReleasedSchemaRegisteredUnderItsOwnIdIsReadAsTheCurrentRecord() {
    Schema v1 =
        ReleasedSchemas.records("v1").stream()
            .filter(s -> s.getName().equals("ImageCreationProgressed"))
            .findFirst()
            .orElseThrow();
    framing.learn(v1, 7);
    byte[] body = new byte[] {2, 'e', 2, 's', 2, 'c', (byte) 0x80, 1, 2, 'r', 2, 'm', 2, 'C', 20};
    byte[] wire = ByteBuffer.allocate(5 + body.length).put((byte) 0).putInt(7).put(body).array();

    var read = (ImageCreationProgressed) codec.decode(framing.toSingleObject(wire));

    assertThat(read.getProgress()).isEqualTo(10);
    assertThat(read.getOccurredAt()).isEqualTo(Instant.ofEpochMilli(64));
    assertThat(read.getPhase()).as("the default of a field added since v1").isEqualTo("CREATING");
  }

  @Test
  void anIdTheServiceDidNotRegisterIsUndecodableAndAnUnregisteredSchemaCannotBeWritten() {
    byte[] wire = ByteBuffer.allocate(6).put((byte) 0).putInt(99).put((byte) 0).array();
    assertThatThrownBy(() -> framing.toSingleObject(wire))
        .isInstanceOf(UndecodableRecordException.class)
        .hasMessageContaining("registry schema id 99");
    assertThatThrownBy(() -> framing.toSingleObject(new byte[] {0, 0, 1}))
        .isInstanceOf(UndecodableRecordException.class)
        .hasMessageContaining("too short");
    assertThatThrownBy(() -> framing.toRegistry(codec.encode(AvroCodecTest.delete())))
        .hasMessageContaining("was not registered at start");
  }

  @Test
  void withoutARegistryNothingChanges() {
    WireFormat wire = WireFormat.withoutRegistry();
    byte[] single = codec.encode(AvroCodecTest.delete());
    assertThat(wire.outgoing(single)).isSameAs(single);
    assertThat(wire.incoming(single)).isSameAs(single);
  }
}
