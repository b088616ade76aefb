package com.ecsimagesaga.saga;

import static org.assertj.core.api.Assertions.assertThat;

import com.ecsimagesaga.saga.create.CreateImageSaga;
import java.util.List;
import org.junit.jupiter.api.Test;

class StateDiagramTest {

  @Test
  void everyRowBecomesAnEdge() {
    String text = StateDiagram.render(List.of(CreateImageSaga.TABLE));
    assertThat(text).contains("CHECK_SOURCE --> SUBMIT_CREATE_IMAGE: source ready [RUNNING]");
    assertThat(text.lines().filter(l -> l.startsWith("    ") && l.contains(" --> ")).count())
        .isEqualTo(CreateImageSaga.TABLE.rows().size() + 1);
  }
}
