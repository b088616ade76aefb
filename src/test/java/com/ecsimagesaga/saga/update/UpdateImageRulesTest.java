package com.ecsimagesaga.saga.update;

import static org.assertj.core.api.Assertions.assertThat;

import com.ecsimagesaga.command.Violation;
import com.ecsimagesaga.image.ImageTag;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class UpdateImageRulesTest {

  static UpdateImageCommand update(
      String name, List<ImageTag> add, List<String> remove, Boolean deprecated) {
    return new UpdateImageCommand(
        "c-1",
        Instant.EPOCH,
        "cn-hangzhou",
        "m-abc",
        name,
        null,
        null,
        null,
        deprecated,
        add,
        remove,
        null,
        null);
  }

  @Test
  void aValidUpdateBecomesChanges() {
    var v =
        UpdateImageRules.check(
            update("new-name", List.of(new ImageTag("a", "b")), List.of("old"), false));
    assertThat(v.isValid()).isTrue();
    assertThat(v.value().changesAttributes()).isTrue();
  }

  @Test
  void anUpdateThatChangesNothingIsRejected() {
    assertThat(UpdateImageRules.check(update(null, List.of(), List.of(), null)).violations())
        .extracting(Violation::rule)
        .containsExactly("update.empty");
  }

  @Test
  void modifyForbidsTheAliyunPrefixAndTheServiceTags() {
    assertThat(
            UpdateImageRules.check(
                    update("aliyun-x", List.of(), List.of("ecs-image-saga/saga-id"), null))
                .violations())
        .extracting(Violation::rule)
        .containsExactlyInAnyOrder("image-name.reserved-prefix", "tag-key.reserved");
  }
}
