package com.ecsimagesaga.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ecsimagesaga.contract.v1.CopyImage;
import com.ecsimagesaga.contract.v1.ShareImage;
import com.ecsimagesaga.contract.v1.UnshareImage;
import com.ecsimagesaga.image.ImageTag;
import com.ecsimagesaga.saga.SagaKind;
import com.ecsimagesaga.saga.copy.CopyDestination;
import com.ecsimagesaga.saga.copy.CopyImageCommand;
import com.ecsimagesaga.saga.share.ShareImageCommand;
import java.time.Instant;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/**
 * A kind's command written by its wire, encoded and read back is the same command: what the JSON
 * gateway publishes is what the consumer takes in.
 */
class KindWiresTest {

  static final Instant AT = Instant.parse("2026-12-07T02:00:00Z");
  static final AvroCodec CODEC = new AvroCodec();

  static SagaKind.Command roundTrip(SagaKind.Command command) {
    SpecificRecord record = KindWires.toRecord(command).orElseThrow();
    return KindWires.toCommand(CODEC.decode(CODEC.encode(record))).orElseThrow();
  }

  @Test
  void aCopyIsWrittenAsCopyImageAndReadBackTheSame() {
    var copy =
        new CopyImageCommand(
            "c-1",
            AT,
            "cn-hangzhou",
            "m-abc",
            List.of(
                new CopyDestination(
                    "cn-beijing",
                    "golden",
                    "a copy",
                    true,
                    "key-1",
                    List.of(new ImageTag("a", "b"))),
                new CopyDestination("cn-shanghai", null, null, false, null, List.of())),
            List.of("1234567890123456"),
            3600);
    assertThat(KindWires.toRecord(copy)).containsInstanceOf(CopyImage.class);
    assertThat(roundTrip(copy)).isEqualTo(copy);
  }

  @Test
  void aShareIsShareImageAndAnUnshareIsUnshareImage() {
    var share =
        new ShareImageCommand("s-1", AT, "cn-hangzhou", "m-abc", List.of("1", "2"), List.of());
    var unshare = new ShareImageCommand("u-1", AT, "cn-hangzhou", "m-abc", List.of(), List.of("2"));
    assertThat(KindWires.toRecord(share)).containsInstanceOf(ShareImage.class);
    assertThat(KindWires.toRecord(unshare)).containsInstanceOf(UnshareImage.class);
    assertThat(roundTrip(share)).isEqualTo(share);
    assertThat(roundTrip(unshare)).isEqualTo(unshare);
  }

  @Test
  void aChangeThatBothAddsAndRemovesAccountsHasNoRecord() {
    var both = new ShareImageCommand("b-1", AT, "cn-hangzhou", "m-abc", List.of("1"), List.of("2"));
    assertThatThrownBy(() -> KindWires.toRecord(both))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("b-1");
  }
}
