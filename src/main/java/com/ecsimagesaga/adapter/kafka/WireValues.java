package com.ecsimagesaga.adapter.kafka;

import com.ecsimagesaga.contract.v1.Tag;
import com.ecsimagesaga.image.ImageTag;
import java.util.List;
import java.util.Map;

/** Values several kinds' wires map the same way. */
public final class WireValues {

  private WireValues() {}

  public static List<ImageTag> tags(List<Tag> tags) {
    return tags.stream().map(t -> new ImageTag(t.getKey(), t.getValue())).toList();
  }

  public static List<Tag> avroTags(List<ImageTag> tags) {
    return tags.stream()
        .map(t -> Tag.newBuilder().setKey(t.key()).setValue(t.value()).build())
        .toList();
  }

  /** No step timeouts travel as null, as from any other producer that does not set them. */
  public static Map<String, Integer> stepTimeouts(Map<String, Integer> given) {
    return given.isEmpty() ? null : given;
  }
}
