package com.ecsimagesaga.adapter.alicloud;

import com.aliyuncs.exceptions.ClientException;
import com.ecsimagesaga.image.ImageObservation;
import com.ecsimagesaga.image.ImageState;
import com.ecsimagesaga.saga.CloudError;
import com.ecsimagesaga.saga.StepOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers the polls of every saga of a region that waits for an image it made, at a cost that grows
 * with the images in flight, not with the images that exist
 * (docs/adr/0012-polling-what-is-in-flight.md).
 *
 * <ul>
 *   <li>One paged DescribeImages of the service's images that are still being made (its tag, status
 *       Waiting or Creating, created since the oldest awaited image) answers every awaited image
 *       still in progress. Finished images drop out of it, so its pages are those of the images in
 *       flight, however many images the service made since the oldest one it still waits for.
 *   <li>An awaited image not in it has finished (or failed, or is not listed yet). Up to {@value
 *       #BY_ID} such images are looked up one by one, so one image that finishes hours after the
 *       others costs one call. More (many images finished at once, as in a backlog or after a
 *       stall) share a listing of finished images, newest first, that stops at the page where all
 *       of them were seen; the passes of one wake share it, and an image leaves it once its saga
 *       has seen it finished.
 * </ul>
 *
 * <p>Both listings are shared, for at most {@code reuse}, by every saga that was due before they
 * were taken: every saga of a region waits on the same grid instant, so one listing answers all of
 * them even when their passes take several seconds. A listing of finished images that stopped early
 * answers a later caller only for the images it holds (it never says an image is missing).
 */
final class OwnImageListings {

  private static final int PAGE_SIZE = 100;

  /** The most finished images a pass looks up one by one instead of in a listing. */
  static final int BY_ID = 10;

  private static final String UNFINISHED =
      String.join(",", ImageState.WAITING.ecsName(), ImageState.CREATING.ecsName());

  private static final String FINISHED =
      String.join(
          ",",
          ImageState.AVAILABLE.ecsName(),
          ImageState.UNAVAILABLE.ecsName(),
          ImageState.CREATE_FAILED.ecsName(),
          ImageState.DEPRECATED.ecsName());

  /** The documented form of DescribeImages' CreationStartTime filter. */
  private static final DateTimeFormatter FILTER_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm'Z'").withZone(ZoneOffset.UTC);

  private final EcsClients clients;
  private final Clock clock;
  private final Duration reuse;
  private final RateBudget budget;
  private final Map<String, Listing> unfinished = new ConcurrentHashMap<>();
  private final Map<String, Listing> finished = new ConcurrentHashMap<>();
  private final Map<String, Object> locks = new ConcurrentHashMap<>();

  OwnImageListings(EcsClients clients, Clock clock, Duration reuse, RateBudget budget) {
    this.budget = budget;
    this.clients = clients;
    this.clock = clock;
    this.reuse = reuse;
  }

  /** Blocking: runs on the SDK worker pool. Concurrent callers for one region share one fetch. */
  Map<String, StepOutcome> observe(
      String regionId, Set<String> imageIds, Instant createdSince, Instant takenAfter) {
    Instant since = createdSince.minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MINUTES);
    Map<String, StepOutcome> out = new HashMap<>();
    Set<String> done = new HashSet<>();
    Listing closed = null;
    synchronized (lockFor(regionId)) {
      Instant now = clock.instant();
      Listing open = unfinished.get(regionId);
      if (open == null || !open.fresh(since, takenAfter, now, reuse) || !open.complete()) {
        open = fetch(regionId, since, UNFINISHED, Set.of(), open);
        unfinished.put(regionId, open);
      }
      for (String id : imageIds) {
        // Only a complete listing of what is in flight shows that an image has finished.
        if (!open.complete() || open.images().containsKey(id)) {
          out.put(id, open.outcomeFor(id));
        } else {
          done.add(id);
        }
      }
      if (done.size() > BY_ID) {
        closed = finished.get(regionId);
        if (closed == null
            || !closed.fresh(since, takenAfter, now, reuse)
            || !closed.answers(done)) {
          closed = fetch(regionId, since, FINISHED, done, closed);
          finished.put(regionId, closed);
        }
      }
    }
    for (String id : done) {
      out.put(id, closed != null ? closed.outcomeFor(id) : lookUp(regionId, id));
    }
    return out;
  }

  private Object lockFor(String regionId) {
    return locks.computeIfAbsent(regionId, r -> new Object());
  }

  /** One image by its id, in every status. */
  private StepOutcome lookUp(String regionId, String imageId) {
    Duration wait = budget.take(regionId, "DescribeImages");
    if (!wait.isZero()) {
      return new StepOutcome.Failed(RateBudget.spent(regionId, "DescribeImages", wait));
    }
    try {
      var request = SagaTagQuery.ownImages(clients, regionId);
      request.putQueryParameter("ImageId", imageId);
      String body = clients.client(regionId).getCommonResponse(request).getData();
      return DescribeImagesReader.read(body).stream()
          .filter(i -> imageId.equals(i.imageId()))
          .findFirst()
          .<StepOutcome>map(StepOutcome.ImageSeen::new)
          .orElseGet(() -> new StepOutcome.ImageMissing(imageId));
    } catch (ClientException e) {
      return new StepOutcome.Failed(
          budget.withHold(EcsErrorClassifier.classify(e), regionId, "DescribeImages"));
    } catch (RuntimeException e) {
      return new StepOutcome.Failed(EcsErrorClassifier.unexpected(e));
    }
  }

  /**
   * Reads a listing of the service's images in {@code statuses} page by page, newest first; with
   * {@code wanted} not empty, stops at the page where all of them were seen.
   *
   * <p>A listing that the rate budget (or ECS) stops part way keeps the pages it read: they answer
   * for their images, the rest wait for their turn, and the next read goes on from the page where
   * this one stopped ({@code earlier}), so a listing longer than the budget's burst is read to its
   * end over several turns instead of being started again, and stopped again, at the same pages.
   * Images added since only push older ones to later pages, which are then read twice, not missed.
   */
  private Listing fetch(
      String regionId, Instant since, String statuses, Set<String> wanted, Listing earlier) {
    // Pages come newest first whatever the lower bound of creation time, so a listing that reaches
    // back further only has more pages at its end: the earlier one goes on with the lower bound of
    // the two.
    boolean resume = earlier != null && earlier.nextPage() > 1;
    Instant from = resume && earlier.since().isBefore(since) ? earlier.since() : since;
    Instant fetchedAt = resume ? earlier.fetchedAt() : clock.instant();
    Map<String, ImageObservation> images =
        resume ? new LinkedHashMap<>(earlier.images()) : new LinkedHashMap<>();
    int page = resume ? earlier.nextPage() : 1;
    try {
      for (; ; page++) {
        Duration wait = budget.take(regionId, "DescribeImages");
        if (!wait.isZero()) {
          return new Listing(
              fetchedAt,
              from,
              images,
              false,
              page,
              RateBudget.spent(regionId, "DescribeImages", wait));
        }
        var request = SagaTagQuery.ownImages(clients, regionId);
        request.putQueryParameter("Status", statuses);
        request.putQueryParameter("Filter.1.Key", "CreationStartTime");
        request.putQueryParameter("Filter.1.Value", FILTER_TIME.format(from));
        request.putQueryParameter("PageSize", String.valueOf(PAGE_SIZE));
        request.putQueryParameter("PageNumber", String.valueOf(page));
        String body = clients.client(regionId).getCommonResponse(request).getData();
        var found = DescribeImagesReader.readPage(body);
        found.images().forEach(i -> images.put(i.imageId(), i));
        boolean last = found.images().size() < PAGE_SIZE || page * PAGE_SIZE >= found.totalCount();
        if (last || (!wanted.isEmpty() && images.keySet().containsAll(wanted))) {
          return new Listing(fetchedAt, from, images, last, 0, null);
        }
      }
    } catch (ClientException e) {
      return new Listing(
          fetchedAt,
          from,
          images,
          false,
          page,
          budget.withHold(EcsErrorClassifier.classify(e), regionId, "DescribeImages"));
    } catch (RuntimeException e) {
      return new Listing(fetchedAt, from, images, false, page, EcsErrorClassifier.unexpected(e));
    }
  }

  /**
   * A listing of a region: complete, or up to the page where its caller's images were all seen, or
   * up to the page where the budget or an error stopped it (then {@code error} says why and {@code
   * nextPage} where to go on).
   *
   * @param fetchedAt when its first page was read
   * @param nextPage the page a later read goes on from; 0 when there is nothing to go on with
   */
  private record Listing(
      Instant fetchedAt,
      Instant since,
      Map<String, ImageObservation> images,
      boolean complete,
      int nextPage,
      CloudError error) {

    /** Whether the listing is recent enough, and reaches back far enough, for this caller. */
    boolean fresh(Instant wantedSince, Instant takenAfter, Instant now, Duration reuse) {
      // A failed listing is not reused: the next saga gets a fresh attempt.
      return error == null
          && !since.isAfter(wantedSince)
          && fetchedAt.isAfter(takenAfter)
          && fetchedAt.plus(reuse).isAfter(now);
    }

    /** Whether it answers for each of these images; a partial listing only for images it holds. */
    boolean answers(Set<String> imageIds) {
      return complete || images.keySet().containsAll(imageIds);
    }

    /** An image it holds is seen; one it does not is missing, or waits while it is unfinished. */
    StepOutcome outcomeFor(String imageId) {
      ImageObservation seen = images.get(imageId);
      if (seen != null) {
        return new StepOutcome.ImageSeen(seen);
      }
      return error != null ? new StepOutcome.Failed(error) : new StepOutcome.ImageMissing(imageId);
    }
  }
}
