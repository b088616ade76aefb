package com.ecsimagesaga.simulator.action;

import com.ecsimagesaga.simulator.world.ImageRecord;
import com.ecsimagesaga.simulator.world.WorldState;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * One page of a region's images, newest first (of two images made at the same instant, the one
 * added last first), and how many images match in all.
 *
 * <p>The count is what makes a page expensive: every image since the creation-time bound must be
 * looked at, and a caller that lists a busy region page by page (as the service does, a few times a
 * second) would pay for all of them on every page. So the count of a query that asks for every
 * status is remembered with the region ({@link WorldState.ListingCount}) and the next page of the
 * same query looks only at the images added since, as long as no image was changed in between
 * ({@link WorldState#imageEdits()}) and no image of the range is hidden or still listed by an
 * eventual-consistency fault (those change what the next call sees, and are counted each time).
 * Queries with a status filter are always counted in full: the status follows the clock.
 */
final class ImageScan {

  private ImageScan() {}

  /** A page and the total count of matches. */
  record Result(List<ImageRecord> page, int total) {}

  /**
   * @param query the call's filters other than paging, compared with the remembered count's
   * @param listed whether an image is in the answer; it may consume an eventual-consistency fault
   * @param everyStatus whether the call asks for every status, so its count may be remembered
   */
  static Result scan(
      WorldState state,
      WorldState.Region region,
      Object query,
      int first,
      Paging paging,
      Predicate<ImageRecord> listed,
      boolean everyStatus) {
    List<ImageRecord> images = region.imagesByCreation();
    WorldState.ListingCount known =
        everyStatus ? region.listingCount(query, first, state.imageEdits()) : null;
    if (known != null && settledFrom(images, known.countedTo())) {
      return remembered(state, region, images, known, paging, listed);
    }
    boolean settled = everyStatus && settledFrom(images, first);
    List<ImageRecord> page = new ArrayList<>();
    long skip = paging.offset();
    int total = 0;
    for (int k = images.size() - 1; k >= first; k--) {
      ImageRecord image = images.get(k);
      if (listed.test(image)) {
        if (total >= skip && page.size() < paging.size()) {
          page.add(image);
        }
        total++;
      }
    }
    if (settled) {
      region.rememberCount(
          new WorldState.ListingCount(query, first, images.size(), state.imageEdits(), total));
    }
    return new Result(page, total);
  }

  /**
   * The page from the newest images down to where it is full, and the count from the remembered one
   * plus the images added since; none of these consumes a fault, since none is pending.
   */
  private static Result remembered(
      WorldState state,
      WorldState.Region region,
      List<ImageRecord> images,
      WorldState.ListingCount known,
      Paging paging,
      Predicate<ImageRecord> listed) {
    int added = 0;
    for (int k = images.size() - 1; k >= known.countedTo(); k--) {
      if (listed.test(images.get(k))) {
        added++;
      }
    }
    long skip = paging.offset();
    List<ImageRecord> page = new ArrayList<>();
    long rank = 0;
    for (int k = images.size() - 1; k >= known.from() && page.size() < paging.size(); k--) {
      ImageRecord image = images.get(k);
      if (listed.test(image)) {
        if (rank >= skip) {
          page.add(image);
        }
        rank++;
      }
    }
    int total = known.count() + added;
    region.rememberCount(
        new WorldState.ListingCount(
            known.query(), known.from(), images.size(), state.imageEdits(), total));
    return new Result(page, total);
  }

  /** Whether no image from index {@code from} on has an eventual-consistency fault pending. */
  private static boolean settledFrom(List<ImageRecord> images, int from) {
    for (int k = from; k < images.size(); k++) {
      ImageRecord image = images.get(k);
      if (image.hiddenPolls > 0 || (image.deleted && image.listedAfterDeletePolls > 0)) {
        return false;
      }
    }
    return true;
  }
}
