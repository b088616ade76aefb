package com.ecsimagesaga.app;

import com.ecsimagesaga.saga.CreateImageSaga;
import com.ecsimagesaga.saga.DeleteImageSaga;
import com.ecsimagesaga.saga.SagaDefinition;
import com.ecsimagesaga.saga.SagaPolicies;
import com.ecsimagesaga.saga.SagaType;
import com.ecsimagesaga.saga.UpdateImageSaga;
import java.util.Map;

/** Every saga definition of the service, by type. */
public final class SagaDefinitions {

  private final SagaPolicies policies;
  private final Map<SagaType, SagaDefinition> byType;

  public SagaDefinitions(SagaPolicies policies) {
    this.policies = policies;
    this.byType =
        Map.of(
            SagaType.CREATE_IMAGE,
            new CreateImageSaga(policies),
            SagaType.DELETE_IMAGE,
            new DeleteImageSaga(policies),
            SagaType.UPDATE_IMAGE,
            new UpdateImageSaga(policies));
  }

  public SagaDefinition of(SagaType type) {
    return byType.get(type);
  }

  public SagaPolicies policies() {
    return policies;
  }
}
