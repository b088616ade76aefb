package com.ecsimagesaga.reliability;

import java.time.Duration;

/**
 * What a hostile-input run saw.
 *
 * @param hostileSent malformed records published
 * @param expectedRejected how many of them are readable commands that break rules
 * @param expectedDeadLetters how many are not commands at all
 * @param either how many may end either way (kinds whose fate depends on core defects, see
 *     docs/reliability.md)
 * @param rejected distinct {@code CommandRejected} events
 * @param deadLetters records on the dead-letter topic
 * @param deadLettersWithOrigin dead letters carrying reason, topic, partition and offset headers
 * @param validSent valid create commands interleaved with the hostile ones
 * @param validCreated valid commands with an {@code ImageCreated} event
 * @param validCreatedWhileHostileArrived valid commands whose event was out before the last hostile
 *     record was sent
 * @param validMisrouted valid commands that ended rejected or dead-lettered (must be 0)
 * @param slowestValid longest time from publishing a valid command to its event
 */
public record HostileReport(
    int hostileSent,
    int expectedRejected,
    int expectedDeadLetters,
    int either,
    long rejected,
    long deadLetters,
    long deadLettersWithOrigin,
    int validSent,
    long validCreated,
    long validCreatedWhileHostileArrived,
    long validMisrouted,
    Duration slowestValid) {

  /**
   * Every hostile record rejected or dead-lettered as its kind demands, every valid command
   * created.
   */
  public boolean asPromised() {
    return rejected >= expectedRejected
        && deadLetters >= expectedDeadLetters
        && rejected + deadLetters == hostileSent
        && deadLettersWithOrigin == deadLetters
        && validCreated == validSent
        && validMisrouted == 0;
  }

  /** The figures, one per line. */
  public String print() {
    return String.join(
        System.lineSeparator(),
        "hostile records sent:             " + hostileSent,
        "CommandRejected (at least):       " + rejected + " (" + expectedRejected + ")",
        "dead letters (at least):          " + deadLetters + " (" + expectedDeadLetters + ")",
        "  either way:                     " + either,
        "dead letters with origin headers: " + deadLettersWithOrigin,
        "valid commands sent:              " + validSent,
        "valid commands with ImageCreated: " + validCreated,
        "  of which while hostile input was still arriving: " + validCreatedWhileHostileArrived,
        "valid commands misrouted:         " + validMisrouted,
        "slowest valid command:            " + slowestValid.toMillis() + " ms");
  }
}
