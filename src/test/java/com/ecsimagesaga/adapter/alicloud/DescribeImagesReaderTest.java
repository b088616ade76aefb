package com.ecsimagesaga.adapter.alicloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.ecsimagesaga.image.ImageObservation;
import com.ecsimagesaga.image.ImageState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The one-pass reader finds in a DescribeImages page everything the saga and the lookup API use.
 */
class DescribeImagesReaderTest {

  static final String PAGE =
      """
      {"RequestId":"r-1","TotalCount":230,"PageNumber":1,"PageSize":100,"RegionId":"cn-hangzhou",
       "Images":{"Image":[
         {"ImageId":"m-1","ImageName":"web","Status":"Available","Progress":"100%","Usable":true,"Size":40,
          "Description":"golden","IsSelfShared":"False","ImageFamily":null,"CreationTime":"2026-11-28T10:00:00Z",
          "Platform":"Ubuntu","Architecture":"x86_64","DetectionOptions":{"Status":"Finished","Items":{"Item":[]}},
          "DiskDeviceMappings":{"DiskDeviceMapping":[{"SnapshotId":"s-1","Device":"/dev/xvda","Size":"40"},
                                                     {"SnapshotId":"","Device":"/dev/xvdb"}]},
          "Tags":{"Tag":[{"TagKey":"ecs-image-saga/saga-id","TagValue":"a-b"},{"TagKey":"env","TagValue":null}]}},
         {"ImageId":"m-2","Status":"Creating","Progress":"42%","Usable":"false","Tags":{"Tag":[]},
          "DiskDeviceMappings":{}},
         {"ImageId":"m-3","Status":"Waiting"}
       ]}}""";

  @Test
  void readsImagesSnapshotsTagsAttributesAndTheTotalCountInOnePass() {
    var page = DescribeImagesReader.readPage(PAGE);

    assertThat(page.totalCount()).isEqualTo(230);
    assertThat(page.images())
        .extracting(ImageObservation::imageId)
        .containsExactly("m-1", "m-2", "m-3");
    ImageObservation first = page.images().get(0);
    assertThat(first.imageName()).isEqualTo("web");
    assertThat(first.state()).isEqualTo(ImageState.AVAILABLE);
    assertThat(first.progress()).isEqualTo(100);
    assertThat(first.usable()).isTrue();
    assertThat(first.snapshotIds()).containsExactly("s-1");
    assertThat(first.tags())
        .containsOnly(Map.entry("ecs-image-saga/saga-id", "a-b"), Map.entry("env", "null"));
    // Numbers as written; nulls, nested objects and fields not in the attribute list left out.
    assertThat(first.attributes())
        .containsOnly(
            Map.entry("Status", "Available"),
            Map.entry("Description", "golden"),
            Map.entry("Architecture", "x86_64"),
            Map.entry("Platform", "Ubuntu"),
            Map.entry("CreationTime", "2026-11-28T10:00:00Z"),
            Map.entry("Size", "40"));

    ImageObservation creating = page.images().get(1);
    assertThat(creating.state()).isEqualTo(ImageState.CREATING);
    assertThat(creating.progress()).isEqualTo(42);
    assertThat(creating.usable()).isFalse();
    assertThat(creating.tags()).isEmpty();
    assertThat(creating.snapshotIds()).isEmpty();
    assertThat(page.images().get(2).usable()).isFalse();
  }

  @Test
  void aPageWithoutImagesOrCountIsEmpty() {
    assertThat(DescribeImagesReader.readPage("{\"RequestId\":\"r\",\"Images\":{\"Image\":[]}}"))
        .isEqualTo(new DescribeImagesReader.Page(List.of(), 0));
    assertThat(DescribeImagesReader.read("{\"Images\":null}")).isEmpty();
    assertThat(DescribeImagesReader.totalCount("{\"TotalCount\":7}")).isEqualTo(7);
  }
}
