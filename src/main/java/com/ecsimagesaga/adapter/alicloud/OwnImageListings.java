package com.ecsimagesaga.adapter.alicloud;

import com.aliyuncs.exceptions.ClientException;
import com.ecsimagesaga.image.ImageObservation;
import com.ecsimagesaga.saga.CloudError;
import com.ecsimagesaga.saga.StepOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lists every image the service made in a region in one paged DescribeImages (filtered by the
 * service's tag key, every status, and a creation-time lower bound so finished images of long ago
 * drop out), and lets every saga that was due before the listing was taken share it, for at most
 * {@code reuse}. This is what makes polling cost grow with ticks and regions instead of with the
 * number of images: every saga of a region waits on the same grid instant, so one listing answers
 * all of them even when their passes take several seconds.
 *
 * <p>A listing stops at the page where every image its caller waits for has been seen: pages come
 * newest first, and the images still awaited are mostly the newest, so the pages of images that
 * finished long ago are not read on every wake. Such a listing is partial: it answers a later
 * caller only if it holds all of that caller's images (a partial listing never answers that an
 * image is missing). A caller it does not answer gets a complete listing, so a wake reads its
 * region's pages at most twice however its sagas are split into passes.
 */
final class OwnImageListings {

  private static final int PAGE_SIZE = 100;

  /** The documented form of DescribeImages' CreationStartTime filter. */
  private static final DateTimeFormatter FILTER_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm'Z'").withZone(ZoneOffset.UTC);

  private final EcsClients clients;
  private final Clock clock;
  private final Duration reuse;
  private final Map<String, Listing> latest = new ConcurrentHashMap<>();

  private final RateBudget budget;

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
    Listing listing;
    synchronized (lockFor(regionId)) {
      listing = latest.get(regionId);
      Instant now = clock.instant();
      boolean fresh = listing != null && listing.fresh(since, takenAfter, now, reuse);
      if (!fresh || !listing.answers(imageIds)) {
        // A fresh partial listing that misses some of these images is followed by a complete one.
        listing = fetch(regionId, since, fresh ? Set.of() : imageIds);
        latest.put(regionId, listing);
      }
    }
    Map<String, StepOutcome> out = new HashMap<>();
    for (String id : imageIds) {
      out.put(id, listing.outcomeFor(id));
    }
    return out;
  }

  private final Map<String, Object> locks = new ConcurrentHashMap<>();

  private Object lockFor(String regionId) {
    return locks.computeIfAbsent(regionId, r -> new Object());
  }

  /**
   * Reads the listing page by page; with {@code wanted} not empty, stops at the page where all of
   * them were seen.
   */
  private Listing fetch(String regionId, Instant since, Set<String> wanted) {
    Instant fetchedAt = clock.instant();
    Map<String, ImageObservation> images = new LinkedHashMap<>();
    try {
      for (int page = 1; ; page++) {
        Duration wait = budget.take(regionId, "DescribeImages");
        if (!wait.isZero()) {
          return new Listing(
              fetchedAt,
              since,
              Map.of(),
              false,
              RateBudget.spent(regionId, "DescribeImages", wait));
        }
        var request = SagaTagQuery.ownImages(clients, regionId);
        request.putQueryParameter("Filter.1.Key", "CreationStartTime");
        request.putQueryParameter("Filter.1.Value", FILTER_TIME.format(since));
        request.putQueryParameter("PageSize", String.valueOf(PAGE_SIZE));
        request.putQueryParameter("PageNumber", String.valueOf(page));
        String body = clients.client(regionId).getCommonResponse(request).getData();
        var found = DescribeImagesReader.readPage(body);
        found.images().forEach(i -> images.put(i.imageId(), i));
        boolean last = found.images().size() < PAGE_SIZE || page * PAGE_SIZE >= found.totalCount();
        if (last || (!wanted.isEmpty() && images.keySet().containsAll(wanted))) {
          return new Listing(fetchedAt, since, images, last, null);
        }
      }
    } catch (ClientException e) {
      return new Listing(
          fetchedAt,
          since,
          Map.of(),
          false,
          budget.withHold(EcsErrorClassifier.classify(e), regionId, "DescribeImages"));
    } catch (RuntimeException e) {
      return new Listing(fetchedAt, since, Map.of(), false, EcsErrorClassifier.unexpected(e));
    }
  }

  /**
   * A listing of a region, complete or up to the page where its caller's images were all seen, or
   * the error that prevented it.
   */
  private record Listing(
      Instant fetchedAt,
      Instant since,
      Map<String, ImageObservation> images,
      boolean complete,
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

    StepOutcome outcomeFor(String imageId) {
      if (error != null) {
        return new StepOutcome.Failed(error);
      }
      ImageObservation seen = images.get(imageId);
      return seen == null ? new StepOutcome.ImageMissing(imageId) : new StepOutcome.ImageSeen(seen);
    }
  }
}
