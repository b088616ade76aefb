package com.ecsimagesaga.simulator.action;

import com.ecsimagesaga.simulator.ImageStatus;
import com.ecsimagesaga.simulator.http.ApiError;
import com.ecsimagesaga.simulator.http.RequestParams;
import com.ecsimagesaga.simulator.world.ImageRecord;
import com.ecsimagesaga.simulator.world.WorldState;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * DescribeImages over the account's custom images. The Status filter defaults to {@code Available}
 * only, even when ImageId is given, which is why a Creating image is invisible to a caller that
 * omits Status. An unknown id yields an empty list, not an error.
 */
final class DescribeImagesAction implements Action {
  private static final Set<String> OWNER_ALIASES =
      Set.of("system", "self", "others", "marketplace");

  @Override
  public Map<String, Object> execute(ActionContext ctx) {
    RequestParams params = ctx.params();
    String regionId = ctx.regionId();
    Paging paging = Paging.of(ctx);
    String owner = params.get("ImageOwnerAlias");
    if (owner != null && !OWNER_ALIASES.contains(owner)) {
      throw new ApiError(
          400,
          "InvalidImageOwnerAlias.ValueNotSupported",
          "The specified ImageOwnerAlias is not supported.");
    }
    Set<ImageStatus> statuses = statuses(params.get("Status"));
    Map<String, String> tagFilter = tagFilter(params);
    List<String> ids = params.idList("ImageId");
    Instant createdFrom = creationFilter(params, "CreationStartTime");
    Instant createdTo = creationFilter(params, "CreationEndTime");
    Instant now = ctx.now();
    ImageScan.Result found = new ImageScan.Result(List.of(), 0);
    boolean ownImages = owner == null || "self".equals(owner);
    if (ownImages) {
      Criteria criteria = new Criteria(params, Set.copyOf(ids), tagFilter, createdFrom, createdTo);
      // Every status asked for (as the service does): the clock-derived status need not be read.
      boolean anyStatus = statuses.size() == ImageStatus.values().length;
      Set<ImageStatus> wanted = anyStatus ? null : statuses;
      WorldState.Region region = ctx.state().region(regionId);
      int first = createdFrom == null ? 0 : region.firstCreatedAtOrAfter(createdFrom);
      found =
          ImageScan.scan(
              ctx.state(),
              region,
              criteria,
              first,
              paging,
              image -> listed(image, criteria, wanted, now),
              anyStatus);
    }
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("RegionId", regionId);
    paging.describe(response, found.total());
    response.put(
        "Images",
        Wire.wrap("Image", found.page().stream().map(i -> ImageJson.of(i, now)).toList()));
    return response;
  }

  /**
   * Whether the image is in the answer: visible, matching the filters and (unless {@code statuses}
   * is null, for every status) in one of the statuses. The cheap checks first: the status is
   * derived from the clock. A match may be hidden for some polls by an eventual-consistency fault.
   */
  private static boolean listed(
      ImageRecord image, Criteria criteria, Set<ImageStatus> statuses, Instant now) {
    boolean visible = !image.deleted || image.listedAfterDeletePolls > 0;
    return visible
        && criteria.matches(image)
        && (statuses == null || statuses.contains(image.phase(now).status()))
        && !consumeEventualConsistency(image);
  }

  private static Set<ImageStatus> statuses(String value) {
    if (value == null) {
      return EnumSet.of(ImageStatus.Available);
    }
    Set<ImageStatus> statuses = EnumSet.noneOf(ImageStatus.class);
    for (String part : value.split(",")) {
      // "ALL" is not documented but Terraform sends it and ECS answers with every status.
      if ("ALL".equalsIgnoreCase(part.trim())) {
        return EnumSet.allOf(ImageStatus.class);
      }
      ImageStatus status = ImageStatus.fromWire(part);
      if (status != null) {
        statuses.add(status);
      }
    }
    return statuses;
  }

  /**
   * {@code Filter.N.Key=CreationStartTime|CreationEndTime} with {@code Filter.N.Value} in the
   * documented {@code yyyy-MM-ddTHH:mmZ} form; any other key is {@code InvalidFilterKey.NotFound}.
   */
  private static Instant creationFilter(RequestParams params, String wanted) {
    for (int index : params.indices("Filter")) {
      String key = params.get("Filter." + index + ".Key");
      if (!"CreationStartTime".equals(key) && !"CreationEndTime".equals(key)) {
        throw new ApiError(
            404, "InvalidFilterKey.NotFound", "The specified filter key is not found.");
      }
      String value = params.get("Filter." + index + ".Value");
      if (wanted.equals(key) && value != null) {
        try {
          return java.time.OffsetDateTime.parse(value.replace("Z", ":00Z")).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
          throw new ApiError(400, "InvalidParameter", "The specified Filter.N.Value is malformed.");
        }
      }
    }
    return null;
  }

  private static Map<String, String> tagFilter(RequestParams params) {
    List<Integer> indices = params.indices("Tag");
    if (indices.size() > 20) {
      throw new ApiError(
          400, "InvalidTagCount", "The specified tags are beyond the permitted range.");
    }
    Map<String, String> filter = new LinkedHashMap<>();
    for (int index : indices) {
      String key = params.get("Tag." + index + ".Key");
      if (key == null) {
        throw new ApiError(
            400, "InvalidTag.Mismatch", "The specified Tag.n.Key and Tag.n.Value are not match.");
      }
      filter.put(key, params.get("Tag." + index + ".Value"));
    }
    return filter;
  }

  /** The request's filters other than status, read from the request once for all images. */
  private record Criteria(
      Set<String> ids,
      Map<String, String> tags,
      Instant createdFrom,
      Instant createdTo,
      String name,
      String snapshotId,
      String family,
      String group,
      String architecture) {

    Criteria(
        RequestParams params,
        Set<String> ids,
        Map<String, String> tags,
        Instant createdFrom,
        Instant createdTo) {
      this(
          ids,
          tags,
          createdFrom,
          createdTo,
          params.get("ImageName"),
          params.get("SnapshotId"),
          params.get("ImageFamily"),
          params.get("ResourceGroupId"),
          params.get("Architecture"));
    }

    boolean matches(ImageRecord image) {
      if ((createdFrom != null && image.creationTime.isBefore(createdFrom))
          || (createdTo != null && image.creationTime.isAfter(createdTo))
          || (!ids.isEmpty() && !ids.contains(image.imageId))) {
        return false;
      }
      for (Map.Entry<String, String> t : tags.entrySet()) {
        String value = image.tags.get(t.getKey());
        if (value == null && !image.tags.containsKey(t.getKey())
            || t.getValue() != null && !t.getValue().equals(value)) {
          return false;
        }
      }
      return (name == null || image.name.contains(name))
          && (family == null || family.equals(image.family))
          && (group == null || group.equals(image.resourceGroupId))
          && (architecture == null || architecture.equals(image.architecture))
          && (snapshotId == null
              || image.mappings.stream().anyMatch(m -> snapshotId.equals(m.snapshotId())));
    }
  }

  // Eventual-consistency faults: a new image stays hidden, a deleted one stays listed, for some
  // polls.
  private static boolean consumeEventualConsistency(ImageRecord image) {
    if (image.deleted) {
      image.listedAfterDeletePolls--;
      return false;
    }
    if (image.hiddenPolls > 0) {
      image.hiddenPolls--;
      return true;
    }
    return false;
  }
}
