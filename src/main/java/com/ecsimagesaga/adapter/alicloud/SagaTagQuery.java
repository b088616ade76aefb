package com.ecsimagesaga.adapter.alicloud;

import com.aliyuncs.CommonRequest;
import com.ecsimagesaga.image.ImageState;
import com.ecsimagesaga.saga.create.CreateImageSaga;
import java.util.UUID;

/**
 * DescribeImages requests for the images the service made, found by the saga tag every one of them
 * carries. Every status is asked for: the API's default filter hides every image that is not
 * Available, and a half-made image is exactly what these lookups are for.
 */
final class SagaTagQuery {

  private SagaTagQuery() {}

  /** Every image of the service in a region, of any saga. */
  static CommonRequest ownImages(EcsClients clients, String regionId) {
    var request = clients.common("DescribeImages", regionId);
    request.putQueryParameter("Tag.1.Key", CreateImageSaga.SAGA_TAG);
    request.putQueryParameter("Status", ImageState.allEcsNames());
    request.putQueryParameter("ImageOwnerAlias", "self");
    return request;
  }

  /** The images one saga made: normally at most one. */
  static CommonRequest imagesOf(EcsClients clients, String regionId, UUID sagaId) {
    var request = ownImages(clients, regionId);
    request.putQueryParameter("Tag.1.Value", sagaId.toString());
    return request;
  }
}
