package com.ecsimagesaga.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.ecsimagesaga.image.DiskMapping;
import com.ecsimagesaga.image.ImageSource;
import com.ecsimagesaga.image.ImageSpec;
import com.ecsimagesaga.image.ImageTag;
import com.ecsimagesaga.saga.Step;
import com.ecsimagesaga.saga.create.CreateImageSaga;
import com.ecsimagesaga.saga.create.CreateInput;
import com.ecsimagesaga.saga.delete.DeleteImageSaga;
import com.ecsimagesaga.saga.delete.DeleteInput;
import com.ecsimagesaga.saga.update.UpdateImageSaga;
import com.ecsimagesaga.saga.update.UpdateInput;
import com.ecsimagesaga.testsupport.ImageSpecs;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SagaInputJsonTest {

  static ImageSpec spec(ImageSource source) {
    return new ImageSpec(
        "cn-hangzhou",
        source,
        "web",
        "a description",
        "arm64",
        "Ubuntu",
        "rg-abc",
        List.of(new ImageTag("team", "")),
        "UEFI",
        "web-family",
        "1.2",
        "Standard");
  }

  @Test
  void everySourceKindSurvivesTheRoundTrip() {
    for (ImageSource source :
        List.of(
            new ImageSource.FromInstance("i-1"),
            new ImageSource.FromSnapshot("s-1"),
            new ImageSource.FromDiskMappings(
                List.of(
                    new DiskMapping("/dev/xvda", "system", "s-sys", null),
                    new DiskMapping(null, "data", null, 100))))) {
      var in = new CreateInput(spec(source), Duration.ofMinutes(20), true);
      assertThat(SagaInputJson.read(SagaInputJson.write(in))).isEqualTo(in);
    }
  }

  @Test
  void updatesSurviveTheRoundTrip() {
    var in =
        new UpdateInput(
            new com.ecsimagesaga.image.ImageChanges(
                "cn-hangzhou",
                "m-1",
                "new-name",
                null,
                "fam",
                "UEFI",
                true,
                List.of(new ImageTag("a", "b")),
                List.of("old"),
                "rg-1"));
    assertThat(SagaInputJson.read(SagaInputJson.write(in))).isEqualTo(in);
  }

  @Test
  void deletesSurviveTheRoundTrip() {
    var in = new DeleteInput("m-1", true, false);
    assertThat(SagaInputJson.read(SagaInputJson.write(in))).isEqualTo(in);
  }

  @Test
  void aCommandsStepTimeoutsSurviveTheRoundTripAndOlderRowsHaveNone() {
    var steps =
        Map.of(
            CreateImageSaga.AWAIT_IMAGE_USABLE,
            Duration.ofSeconds(90),
            Step.COMPENSATE_DELETE_IMAGE,
            Duration.ofMinutes(5));
    var create = new CreateInput(spec(new ImageSource.FromInstance("i-1")), null, false, steps);
    assertThat(SagaInputJson.read(SagaInputJson.write(create)).stepTimeouts()).isEqualTo(steps);
    var delete =
        new DeleteInput(
            "m-1", false, true, Map.of(DeleteImageSaga.AWAIT_IMAGE_GONE, Duration.ofSeconds(30)));
    assertThat(SagaInputJson.read(SagaInputJson.write(delete))).isEqualTo(delete);
    var update =
        new UpdateInput(
            new com.ecsimagesaga.image.ImageChanges(
                "cn-hangzhou", "m-1", "n-1", null, null, null, null, List.of(), List.of(), null),
            Map.of(UpdateImageSaga.MODIFY_IMAGE_ATTRIBUTES, Duration.ofSeconds(45)));
    assertThat(SagaInputJson.read(SagaInputJson.write(update))).isEqualTo(update);
    String older =
        "{\"kind\":\"delete\",\"imageId\":\"m-1\",\"force\":false,\"deleteSnapshots\":false}";
    assertThat(SagaInputJson.read(older).stepTimeouts()).isEmpty();
  }

  /** Rows written by every earlier version, in the shapes they had. */
  @Test
  void rowsOfTheFirstKindsWrittenByEarlierVersionsReadBackAndAreWrittenTheSameToday() {
    String createRow =
        "{\"kind\":\"create\",\"timeoutSeconds\":600,\"deleteSnapshotsOnFailure\":true,"
            + "\"spec\":{\"regionId\":\"cn-hangzhou\",\"instanceId\":\"i-1\",\"snapshotId\":null,"
            + "\"diskDeviceMappings\":[],\"imageName\":\"web\",\"description\":null,"
            + "\"architecture\":null,\"platform\":null,\"resourceGroupId\":null,\"tags\":[],"
            + "\"bootMode\":null,\"imageFamily\":null,\"imageVersion\":null,"
            + "\"detectionStrategy\":null},\"stepTimeoutSeconds\":{\"CHECK_SOURCE\":60}}";
    var create =
        new CreateInput(
            ImageSpecs.fromInstance("cn-hangzhou", "i-1", "web"),
            Duration.ofSeconds(600),
            true,
            Map.of(CreateImageSaga.CHECK_SOURCE, Duration.ofSeconds(60)));
    assertThat(SagaInputJson.read(createRow)).isEqualTo(create);
    assertThat(SagaInputJson.write(create)).isEqualTo(createRow);

    String deleteRow =
        "{\"kind\":\"delete\",\"imageId\":\"m-1\",\"force\":true,\"deleteSnapshots\":false}";
    var delete = new DeleteInput("m-1", true, false);
    assertThat(SagaInputJson.read(deleteRow)).isEqualTo(delete);
    assertThat(SagaInputJson.write(delete)).isEqualTo(deleteRow);
  }

  @Test
  void anyOtherKindIsStoredByItsRecordUnderItsType() {
    var copy =
        new com.ecsimagesaga.saga.copy.CopyInput(
            "cmd-1",
            "cn-hangzhou",
            "m-1",
            new com.ecsimagesaga.saga.copy.CopyDestination(
                "cn-beijing", "web", null, false, null, List.of()),
            List.of("1234567890123456"),
            3600);
    String row = SagaInputJson.write(copy);
    assertThat(row).startsWith("{\"kind\":\"COPY_IMAGE\",\"input\":{");
    assertThat(SagaInputJson.read(row)).isEqualTo(copy);
  }
}
