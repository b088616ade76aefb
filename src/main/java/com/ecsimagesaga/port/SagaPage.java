package com.ecsimagesaga.port;

import com.ecsimagesaga.saga.Saga;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One page of a search, newest first.
 *
 * @param next where the following page starts, or null after the last page
 */
public record SagaPage(List<Saga> sagas, Position next) {

  /**
   * A keyset position: the page after it holds sagas created strictly before {@code createdAt}, or
   * at the same instant with a smaller id. Positions do not shift when sagas are added or change.
   */
  public record Position(Instant createdAt, UUID id) {}

  /**
   * How a search is ordered, newest first either way. Under {@link #LAST_CHANGE} a {@link
   * Position}'s instant is the saga's last change, not its creation.
   */
  public enum Order {
    /** By creation time: pages are stable while sagas change. */
    STARTED,
    /** By the time the saga last changed: what moved most recently comes first. */
    LAST_CHANGE
  }
}
