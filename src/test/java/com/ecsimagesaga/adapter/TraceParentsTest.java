package com.ecsimagesaga.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TraceParentsTest {

  static final String VALID = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  @Test
  void aValidTraceParentSurvivesTheRoundTrip() {
    assertThat(TraceParents.normalised(VALID)).isEqualTo(VALID);
    assertThat(TraceParents.spanContext(VALID).getTraceId())
        .isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(TraceParents.spanContext(VALID).getSpanId()).isEqualTo("00f067aa0ba902b7");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "garbage",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7",
        "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
        "00-4BF92F3577B34DA6A3CE929D0E0E4736-00F067AA0BA902B7-01",
        "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'; drop table saga; --"
      })
  void aMalformedTraceParentIsDropped(String value) {
    assertThat(TraceParents.normalised(value)).isNull();
    assertThat(TraceParents.spanContext(value).isValid()).isFalse();
  }

  @Test
  void noTraceParentMeansNoContext() {
    assertThat(TraceParents.normalised(null)).isNull();
    assertThat(TraceParents.of(TraceParents.context(null))).isNull();
  }
}
