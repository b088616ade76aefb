package com.ecsimagesaga.adapter.alicloud;

import com.aliyuncs.AcsRequest;
import com.aliyuncs.AcsResponse;
import com.aliyuncs.ecs.model.v20140526.JoinResourceGroupRequest;
import com.aliyuncs.ecs.model.v20140526.ModifyImageAttributeRequest;
import com.aliyuncs.ecs.model.v20140526.TagResourcesRequest;
import com.aliyuncs.ecs.model.v20140526.UntagResourcesRequest;
import com.aliyuncs.exceptions.ClientException;
import com.ecsimagesaga.saga.CloudAction;
import com.ecsimagesaga.saga.StepOutcome;
import java.util.List;

/** The SDK calls that change an existing image: attributes, tags, resource group. */
final class ImageChangeCalls {

  private static final String IMAGE = "image";

  private final EcsClients clients;

  ImageChangeCalls(EcsClients clients) {
    this.clients = clients;
  }

  StepOutcome modify(CloudAction.ModifyImageAttributes a) throws ClientException {
    var r = clients.prepare(new ModifyImageAttributeRequest(), a.regionId());
    r.setImageId(a.imageId());
    r.setImageName(a.imageName());
    r.setDescription(a.description());
    r.setImageFamily(a.imageFamily());
    r.setBootMode(a.bootMode());
    r.setStatus(a.status());
    return applied(a.regionId(), r);
  }

  StepOutcome tag(CloudAction.TagImage a) throws ClientException {
    var r = clients.prepare(new TagResourcesRequest(), a.regionId());
    r.setResourceType(IMAGE);
    r.setResourceIds(List.of(a.imageId()));
    r.setTags(
        a.tags().stream()
            .map(
                t -> {
                  var tag = new TagResourcesRequest.Tag();
                  tag.setKey(t.key());
                  tag.setValue(t.value());
                  return tag;
                })
            .toList());
    return applied(a.regionId(), r);
  }

  StepOutcome untag(CloudAction.UntagImage a) throws ClientException {
    var r = clients.prepare(new UntagResourcesRequest(), a.regionId());
    r.setResourceType(IMAGE);
    r.setResourceIds(List.of(a.imageId()));
    r.setTagKeys(a.tagKeys());
    return applied(a.regionId(), r);
  }

  StepOutcome join(CloudAction.JoinResourceGroup a) throws ClientException {
    var r = clients.prepare(new JoinResourceGroupRequest(), a.regionId());
    r.setResourceType(IMAGE);
    r.setResourceId(a.imageId());
    r.setResourceGroupId(a.resourceGroupId());
    return applied(a.regionId(), r);
  }

  private <T extends AcsResponse> StepOutcome applied(String regionId, AcsRequest<T> request)
      throws ClientException {
    clients.client(regionId).getAcsResponse(request);
    return new StepOutcome.Applied(null);
  }
}
