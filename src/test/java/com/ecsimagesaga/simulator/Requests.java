package com.ecsimagesaga.simulator;

import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.ecs.model.v20140526.CreateImageRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeImagesRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeImagesResponse;
import java.util.ArrayList;
import java.util.List;

/** Builders for the SDK requests the tests send most. */
final class Requests {
  static final String ALL_STATUSES =
      "Waiting,Creating,Available,UnAvailable,CreateFailed,Deprecated";

  private Requests() {}

  static CreateImageRequest fromInstance(String instanceId) {
    CreateImageRequest request = new CreateImageRequest();
    request.setInstanceId(instanceId);
    return request;
  }

  static CreateImageRequest fromSnapshot(String snapshotId) {
    CreateImageRequest request = new CreateImageRequest();
    request.setSnapshotId(snapshotId);
    return request;
  }

  static CreateImageRequest.DiskDeviceMapping mapping(
      String snapshotId, String type, String device, Integer size) {
    CreateImageRequest.DiskDeviceMapping mapping = new CreateImageRequest.DiskDeviceMapping();
    mapping.setSnapshotId(snapshotId);
    mapping.setDiskType(type);
    mapping.setDevice(device);
    mapping.setSize(size);
    return mapping;
  }

  static List<CreateImageRequest.Tag> tags(String... keyValues) {
    List<CreateImageRequest.Tag> tags = new ArrayList<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      CreateImageRequest.Tag tag = new CreateImageRequest.Tag();
      tag.setKey(keyValues[i]);
      tag.setValue(keyValues[i + 1]);
      tags.add(tag);
    }
    return tags;
  }

  static DescribeImagesRequest describe(String imageId, String status) {
    DescribeImagesRequest request = new DescribeImagesRequest();
    request.setImageId(imageId);
    request.setStatus(status);
    return request;
  }

  /** The images with the given id in any status (the list the saga should poll with). */
  static List<DescribeImagesResponse.Image> anyStatus(DefaultAcsClient client, String imageId)
      throws Exception {
    return client.getAcsResponse(describe(imageId, ALL_STATUSES)).getImages();
  }
}
