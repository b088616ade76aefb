package com.ecsimagesaga.port;

import java.time.Instant;
import java.util.List;

/**
 * Which sagas a search or a bulk replay covers. Every field is optional (null or empty = any).
 *
 * @param statuses saga statuses, any of them
 * @param type CREATE_IMAGE or DELETE_IMAGE
 * @param errorCode the ECS (or service) error code of the saga's failure
 * @param source what the image is made from: {@code instance}, {@code snapshot}, {@code
 *     disk-mappings}; {@code image} for delete sagas
 * @param from sagas created at or after this instant
 * @param to sagas created before this instant
 * @param imageName part of the image name the saga was asked to create (any case)
 */
public record SagaFilter(
    List<String> statuses,
    String type,
    String regionId,
    String errorCode,
    String imageId,
    String source,
    Instant from,
    Instant to,
    String imageName) {

  public SagaFilter {
    statuses = statuses == null ? List.of() : List.copyOf(statuses);
  }

  /** A filter on everything but the image name. */
  public SagaFilter(
      List<String> statuses,
      String type,
      String regionId,
      String errorCode,
      String imageId,
      String source,
      Instant from,
      Instant to) {
    this(statuses, type, regionId, errorCode, imageId, source, from, to, null);
  }

  /** The same filter restricted to the given statuses (those it already names, if any overlap). */
  public SagaFilter onlyStatuses(List<String> allowed) {
    List<String> kept =
        statuses.isEmpty() ? allowed : statuses.stream().filter(allowed::contains).toList();
    return new SagaFilter(
        kept.isEmpty() ? List.of("-none-") : kept,
        type,
        regionId,
        errorCode,
        imageId,
        source,
        from,
        to,
        imageName);
  }
}
