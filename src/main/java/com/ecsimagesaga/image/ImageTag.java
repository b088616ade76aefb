package com.ecsimagesaga.image;

import java.util.Objects;

/** A tag on an ECS image. The value may be empty but never null. */
public record ImageTag(String key, String value) {
  public ImageTag {
    Objects.requireNonNull(key, "key");
    value = value == null ? "" : value;
  }
}
