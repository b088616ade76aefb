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
  private final SagaKinds kinds;
  private final Map<SagaType, SagaDefinition> byType;

  public SagaDefinitions(SagaPolicies policies, SagaKinds kinds) {
    this.policies = policies;
    this.kinds = kinds;
    Map<SagaType, SagaDefinition> all = new HashMap<>();
    kinds.all().forEach(kind -> all.put(kind.type(), kind.definition(policies)));
    this.byType = Map.copyOf(all);
  }

  public SagaDefinition of(SagaType type) {
    return byType.get(type);
  }

  /** The kind that takes a command of this class. */
  public Optional<SagaKind<?>> kindFor(SagaKind.Command command) {
    return kinds.forCommand(command);
  }

  /** The kind of a saga type. */
  public SagaKind<?> kind(SagaType type) {
    return kinds.of(type);
  }

  /** Every kind the service runs. */
  public SagaKinds kinds() {
    return kinds;
  }

  public SagaPolicies policies() {
    return policies;
  }
}
