package com.ecsimagesaga.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.ecsimagesaga.image.DiskMapping;
import com.ecsimagesaga.image.ImageSource;
import com.ecsimagesaga.image.ImageSpec;
import com.ecsimagesaga.image.ImageTag;
import com.ecsimagesaga.saga.SagaInput;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SagaInputJsonTest {

  static ImageSpec spec(ImageSource source) {
    return new ImageSpec("cn-hangzhou", source, "web", "a description", "arm64", "Ubuntu", "rg-abc",
        List.of(new ImageTag("team", "")), "UEFI", "web-family", "1.2", "Standard");
  }

  @Test
  void everySourceKindSurvivesTheRoundTrip() {
    for (ImageSource source : List.of(new ImageSource.FromInstance("i-1"), new ImageSource.FromSnapshot("s-1"),
        new ImageSource.FromDiskMappings(List.of(new DiskMapping("/dev/xvda", "system", "s-sys", null),
            new DiskMapping(null, "data", null, 100))))) {
      var in = new SagaInput.Create(spec(source), Duration.ofMinutes(20), true);
      assertThat(SagaInputJson.read(SagaInputJson.write(in))).isEqualTo(in);
    }
  }

  @Test
  void updatesSurviveTheRoundTrip() {
    var in = new SagaInput.Update(new com.ecsimagesaga.image.ImageChanges("cn-hangzhou", "m-1", "new-name", null, "fam", "UEFI",
        true, List.of(new ImageTag("a", "b")), List.of("old"), "rg-1"));
    assertThat(SagaInputJson.read(SagaInputJson.write(in))).isEqualTo(in);
  }

  @Test
  void deletesSurviveTheRoundTrip() {
    var in = new SagaInput.Delete("m-1", true, false);
    assertThat(SagaInputJson.read(SagaInputJson.write(in))).isEqualTo(in);
  }
}
