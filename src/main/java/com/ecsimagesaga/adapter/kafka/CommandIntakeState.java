package com.ecsimagesaga.adapter.kafka;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Whether commands are being taken in, or consumption is paused because the database cannot be
 * reached. The command consumer writes it; the readiness check reads it.
 */
@ApplicationScoped
public class CommandIntakeState {

  /** Why intake is paused and since when; {@code null} fields while commands flow. */
  public record Pause(String reason, Instant since) {}

  private final AtomicReference<Pause> pause = new AtomicReference<>();

  /** Records that taking in a command failed for an infrastructure reason and will be retried. */
  public void paused(String reason) {
    pause.getAndUpdate(
        p -> p == null ? new Pause(reason, Instant.now()) : new Pause(reason, p.since()));
  }

  /** Records that a command was taken in, so intake flows again. */
  public void flowing() {
    pause.set(null);
  }

  /** The current pause, or {@code null} while commands flow. */
  public Pause current() {
    return pause.get();
  }
}
