package com.ecsimagesaga.reliability;

/**
 * What a chaos run with copies adds to its figures: for N commands each copied to D regions the
 * promise is N×D, N×D, N×D, 0, 0, 0.
 *
 * @param copiesAsked N×D, one copy per command and destination region
 * @param copySagasSucceeded copy sagas that ended SUCCEEDED, from the database
 * @param copyImages live images in the destination regions made by a copy saga (by its saga tag)
 * @param imageCopiedSagas copy sagas with an ImageCopied event on the topic
 * @param duplicates copy sagas with more than one distinct outcome event (ImageCopied or
 *     ImageCopyFailed)
 * @param leaks copy images of a saga that did not succeed, plus every image beyond the first of a
 *     copy saga (two copies in one region for one command)
 */
public record CopyFigures(
    long copiesAsked,
    long copySagasSucceeded,
    long copyImages,
    long imageCopiedSagas,
    long duplicates,
    long leaks) {

  static final CopyFigures NONE = new CopyFigures(0, 0, 0, 0, 0, 0);

  boolean asPromised() {
    return copySagasSucceeded == copiesAsked
        && copyImages == copiesAsked
        && imageCopiedSagas == copiesAsked
        && duplicates == 0
        && leaks == 0;
  }

  String print() {
    return String.join(
        System.lineSeparator(),
        "copies asked:                 " + copiesAsked,
        "copy sagas succeeded:         " + copySagasSucceeded,
        "copies in the simulator:      " + copyImages,
        "copy sagas with ImageCopied:  " + imageCopiedSagas,
        "copy duplicates:              " + duplicates,
        "copy leaks:                   " + leaks);
  }
}
