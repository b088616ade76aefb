package com.ecsimagesaga.app;

import com.ecsimagesaga.saga.SagaDefinition;
import com.ecsimagesaga.saga.SagaKind;
import com.ecsimagesaga.saga.SagaKinds;
import com.ecsimagesaga.saga.SagaPolicies;
import com.ecsimagesaga.saga.SagaType;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Every saga definition of the service, by type. */
public final class SagaDefinitions {

  private final SagaPolicies policies;
  private final Map<SagaType, SagaDefinition> byType;

  public SagaDefinitions(SagaPolicies policies) {
    this.policies = policies;
    Map<SagaType, SagaDefinition> all = new HashMap<>();
    SagaKinds.ALL.forEach(kind -> all.put(kind.type(), kind.definition(policies)));
    this.byType = Map.copyOf(all);
  }

  public SagaDefinition of(SagaType type) {
    return byType.get(type);
  }

  /** The kind that takes a command of this class. */
  public Optional<SagaKind<?>> kindFor(SagaKind.Command command) {
    return SagaKinds.forCommand(command);
  }

  /** The kind of a saga type. */
  public SagaKind<?> kind(SagaType type) {
    return SagaKinds.of(type);
  }

  public SagaPolicies policies() {
    return policies;
  }
}
