package com.ecsimagesaga.adapter.alicloud;

import com.aliyuncs.ecs.model.v20140526.CreateImageRequest;
import com.ecsimagesaga.image.DiskMapping;
import com.ecsimagesaga.image.ImageSource;
import com.ecsimagesaga.image.ImageSpec;
import com.ecsimagesaga.image.ImageTag;
import com.ecsimagesaga.saga.CloudAction;
import java.util.ArrayList;
import java.util.List;

/** Builds the SDK's CreateImage request from an image spec. */
final class CreateImageRequests {

  private CreateImageRequests() {}

  static CreateImageRequest of(CloudAction.SubmitCreateImage a) {
    ImageSpec spec = a.spec();
    CreateImageRequest r = new CreateImageRequest();
    r.setClientToken(a.clientToken());
    ImageSource source = spec.source();
    if (source instanceof ImageSource.FromInstance i) {
      r.setInstanceId(i.instanceId());
    } else if (source instanceof ImageSource.FromSnapshot s) {
      r.setSnapshotId(s.snapshotId());
    } else {
      r.setDiskDeviceMappings(mappings(((ImageSource.FromDiskMappings) source).mappings()));
    }
    r.setImageName(spec.imageName());
    r.setDescription(spec.description());
    r.setArchitecture(spec.architecture());
    r.setPlatform(spec.platform());
    r.setResourceGroupId(spec.resourceGroupId());
    r.setBootMode(spec.bootMode());
    r.setImageFamily(spec.imageFamily());
    r.setImageVersion(spec.imageVersion());
    r.setDetectionStrategy(spec.detectionStrategy());
    List<CreateImageRequest.Tag> tags = new ArrayList<>();
    for (ImageTag t : spec.tags()) {
      tags.add(tag(t));
    }
    a.serviceTags().forEach(t -> tags.add(tag(t)));
    r.setTags(tags);
    return r;
  }

  private static CreateImageRequest.Tag tag(ImageTag t) {
    CreateImageRequest.Tag tag = new CreateImageRequest.Tag();
    tag.setKey(t.key());
    tag.setValue(t.value());
    return tag;
  }

  private static List<CreateImageRequest.DiskDeviceMapping> mappings(List<DiskMapping> in) {
    List<CreateImageRequest.DiskDeviceMapping> out = new ArrayList<>();
    for (DiskMapping m : in) {
      CreateImageRequest.DiskDeviceMapping d = new CreateImageRequest.DiskDeviceMapping();
      d.setDevice(m.device());
      d.setDiskType(m.diskType());
      d.setSnapshotId(m.snapshotId());
      d.setSize(m.sizeGiB());
      out.add(d);
    }
    return out;
  }
}
