package com.ecsimagesaga.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ecsimagesaga.saga.SagaKinds;
import com.ecsimagesaga.saga.create.CreateImageKind;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class KindRegistryTest {

  @Test
  void eachKindIsPairedWithTheWireThatCarriesItsCommand() {
    assertThat(KindRegistry.ALL)
        .allSatisfy(
            e ->
                assertThat(e.wire().schemas().stream().map(Schema::getName))
                    .as("the wire paired with %s", e.kind().type())
                    .contains(e.kind().commandType()));
  }

  @Test
  void theKindsAreThoseRegisteredInTheirOrder() {
    assertThat(KindRegistry.kinds().all())
        .containsExactlyElementsOf(
            KindRegistry.ALL.stream().map(KindRegistry.Entry::kind).toList());
    assertThat(KindRegistry.wires())
        .containsExactlyElementsOf(
            KindRegistry.ALL.stream().map(KindRegistry.Entry::wire).toList());
  }

  @Test
  void aKindRegisteredTwiceIsRefused() {
    var create = new CreateImageKind();
    assertThatThrownBy(() -> new SagaKinds(java.util.List.of(create, new CreateImageKind())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("CREATE_IMAGE");
  }
}
