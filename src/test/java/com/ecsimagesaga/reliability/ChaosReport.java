package com.ecsimagesaga.reliability;

/**
 * The seven figures a chaos run prints. For N commands the promise of the service is N, N, N, N, 0,
 * 0, 0.
 *
 * @param commandsSent create commands published
 * @param sagasFinished sagas that ended SUCCEEDED, from the database
 * @param images live images in the simulator that carry a saga tag
 * @param imageCreatedEvents distinct {@code eventId}s of {@code ImageCreated} on the event topic
 * @param duplicates commands with more than one distinct outcome event (a re-published event with
 *     the same eventId is delivery, not a second outcome, and does not count)
 * @param leaks images whose saga did not end SUCCEEDED, plus every image beyond the first of a saga
 * @param stuck sagas (of every kind) not in a terminal status at the end
 * @param copies the figures of the copies, when the commands asked for some
 */
public record ChaosReport(
    long commandsSent,
    long sagasFinished,
    long images,
    long imageCreatedEvents,
    long duplicates,
    long leaks,
    long stuck,
    CopyFigures copies) {

  /** A run without copies. */
  public ChaosReport(
      long commandsSent,
      long sagasFinished,
      long images,
      long imageCreatedEvents,
      long duplicates,
      long leaks,
      long stuck) {
    this(
        commandsSent,
        sagasFinished,
        images,
        imageCreatedEvents,
        duplicates,
        leaks,
        stuck,
        CopyFigures.NONE);
  }

  /** Whether the figures are N, N, N, N, 0, 0, 0 (and the copies' N×D, N×D, N×D, N×D, 0, 0). */
  public boolean asPromised() {
    long n = commandsSent;
    return sagasFinished == n
        && images == n
        && imageCreatedEvents == n
        && duplicates == 0
        && leaks == 0
        && stuck == 0
        && copies.asPromised();
  }

  /** The figures, one per line, in the order the issue names them. */
  public String print() {
    return String.join(
            System.lineSeparator(),
            "commands sent:                " + commandsSent,
            "sagas finished:               " + sagasFinished,
            "images in the simulator:      " + images,
            "distinct ImageCreated events: " + imageCreatedEvents,
            "duplicates:                   " + duplicates,
            "leaks:                        " + leaks,
            "stuck sagas:                  " + stuck)
        + (copies.copiesAsked() == 0 ? "" : System.lineSeparator() + copies.print());
  }
}
