package com.ecsimagesaga.app;

import com.ecsimagesaga.saga.CreateImageSaga;
import com.ecsimagesaga.saga.DeleteImageSaga;
import com.ecsimagesaga.saga.SagaDefinition;
import com.ecsimagesaga.saga.SagaKinds;
import com.ecsimagesaga.saga.SagaPolicies;
import com.ecsimagesaga.saga.SagaType;
import com.ecsimagesaga.saga.UpdateImageSaga;
import java.util.EnumMap;
import java.util.Map;

/** Every saga definition of the service, by type. */
public final class SagaDefinitions {

  private final SagaPolicies policies;
  private final Map<SagaType, SagaDefinition> byType;

  public SagaDefinitions(SagaPolicies policies) {
    this.policies = policies;
    Map<SagaType, SagaDefinition> all = new EnumMap<>(SagaType.class);
    all.put(SagaType.CREATE_IMAGE, new CreateImageSaga(policies));
    all.put(SagaType.DELETE_IMAGE, new DeleteImageSaga(policies));
    all.put(SagaType.UPDATE_IMAGE, new UpdateImageSaga(policies));
    SagaKinds.ALL.forEach(kind -> all.put(kind.type(), kind.definition(policies)));
    this.byType = Map.copyOf(all);
  }

  public SagaDefinition of(SagaType type) {
    return byType.get(type);
  }

  public SagaPolicies policies() {
    return policies;
  }
}
