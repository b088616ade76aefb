package com.ecsimagesaga.saga.delete;

import static org.assertj.core.api.Assertions.assertThat;

import com.ecsimagesaga.command.Violation;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeleteImageRulesTest {

  @Test
  void aValidDeleteIsAccepted() {
    var c =
        new DeleteImageCommand("c-1", Instant.EPOCH, "cn-hangzhou", "m-bp1abc", true, false, null);
    assertThat(DeleteImageRules.check(c).isValid()).isTrue();
  }

  @Test
  void imageIdAndRegionAreChecked() {
    var c =
        new DeleteImageCommand(
            "c-1", Instant.EPOCH, "Hangzhou!", "i-notanimage", false, false, null);
    assertThat(DeleteImageRules.check(c).violations())
        .extracting(Violation::rule)
        .containsExactlyInAnyOrder("region-id.format", "image-id.format");
  }
}
