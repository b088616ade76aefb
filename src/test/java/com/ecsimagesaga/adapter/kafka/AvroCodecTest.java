package com.ecsimagesaga.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ecsimagesaga.contract.v1.CreateImage;
import com.ecsimagesaga.contract.v1.DeleteImage;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.Arrays;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.junit.jupiter.api.Test;

class AvroCodecTest {

  private final AvroCodec codec = new AvroCodec();

  static DeleteImage delete() {
    return DeleteImage.newBuilder()
        .setCommandId("c-1")
        .setIssuedAt(Instant.parse("2026-11-28T00:00:00Z"))
        .setRegionId("cn-hangzhou")
        .setImageId("m-abc")
        .setForce(true)
        .build();
  }

  @Test
  void writesTheSingleObjectHeaderAndFingerprint() {
    byte[] bytes = codec.encode(delete());
    assertThat(bytes[0]).isEqualTo((byte) 0xC3);
    assertThat(bytes[1]).isEqualTo((byte) 0x01);
    long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    assertThat(fingerprint)
        .isEqualTo(SchemaNormalization.parsingFingerprint64(DeleteImage.getClassSchema()));
  }

  @Test
  void tellsRecordTypesApartByFingerprint() {
    assertThat(codec.decode(codec.encode(delete()))).isEqualTo(delete());
    var create =
        CreateImage.newBuilder()
            .setCommandId("c-2")
            .setIssuedAt(Instant.EPOCH)
            .setRegionId("cn-hangzhou")
            .setInstanceId("i-1")
            .build();
    assertThat(codec.decode(codec.encode(create)))
        .isInstanceOf(CreateImage.class)
        .isEqualTo(create);
  }

  @Test
  void refusesWhatIsNotAKnownRecord() {
    assertThatThrownBy(() -> codec.decode("hello".getBytes()))
        .isInstanceOf(UndecodableRecordException.class)
        .hasMessageContaining("C3 01");
    byte[] unknown = codec.encode(delete());
    unknown[5] ^= 0x55;
    assertThatThrownBy(() -> codec.decode(unknown))
        .hasMessageContaining("unknown schema fingerprint");
    byte[] truncated = Arrays.copyOf(codec.encode(delete()), 14);
    assertThatThrownBy(() -> codec.decode(truncated)).hasMessageContaining("does not match schema");
    assertThatThrownBy(() -> codec.decode(null)).hasMessageContaining("no value");
  }

  @Test
  void theSchemaFilesAloneDecodeWhatTheServiceWrites() throws IOException {
    Schema.Parser parser = new Schema.Parser();
    for (String common : new String[] {"Tag", "DiskDeviceMapping", "Violation"}) {
      parser.parse(new File("schemas/avro/common/" + common + ".avsc"));
    }
    Schema schema = parser.parse(new File("schemas/avro/DeleteImage.avsc"));
    byte[] bytes = codec.encode(delete());
    var body = DecoderFactory.get().binaryDecoder(bytes, 10, bytes.length - 10, null);
    GenericRecord r = new GenericDatumReader<GenericRecord>(schema).read(null, body);
    assertThat(r.get("imageId").toString()).isEqualTo("m-abc");
    assertThat(r.get("force")).isEqualTo(true);
  }
}
