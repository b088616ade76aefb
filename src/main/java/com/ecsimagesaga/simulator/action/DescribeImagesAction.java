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
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * DescribeImages over the account's custom images. The Status filter defaults to {@code Available}
 * only, even when ImageId is given, which is why a Creating image is invisible to a caller that
 * omits Status. An unknown id yields an empty list, not an error. A value outside a documented set
 * is refused with the code of the DescribeImages error table ({@link ImageCriteria}); for Status,
 * Usable, the IsSupport* flags and ActionType, which have no code of their own, that is 400 {@code
 * InvalidParamter} (sic, as the table spells it).
 */
final class DescribeImagesAction implements Action {
  private static final Set<String> OWNER_ALIASES =
      Set.of("system", "self", "others", "marketplace");
  private static final Set<String> ACTION_TYPES = Set.of("CreateEcs", "ChangeOS");

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
    Boolean usable = bool(params, "Usable");
    String actionType = params.get("ActionType");
    if (actionType != null && !ACTION_TYPES.contains(actionType)) {
      throw invalid("ActionType");
    }
    ImageCriteria criteria = ImageCriteria.of(params);
    Instant now = ctx.now();
    ImageScan.Result found = new ImageScan.Result(List.of(), 0);
    // Custom images are the account's own ("self"), none is a community image (IsPublic=true), and
    // each serves both ActionTypes, so ActionType selects among them nothing.
    boolean ownImages = (owner == null || "self".equals(owner)) && !params.bool("IsPublic");
    WorldState.Region region = ctx.state().region(regionId);
    Predicate<String> inUse = region::imageInUse;
    if (ownImages) {
      // Every status asked for (as the service does): the clock-derived status need not be read.
      boolean anyStatus = statuses.size() == ImageStatus.values().length;
      Set<ImageStatus> wanted = anyStatus ? null : statuses;
      int first =
          criteria.createdFrom() == null ? 0 : region.firstCreatedAtOrAfter(criteria.createdFrom());
      found =
          ImageScan.scan(
              ctx.state(),
              region,
              criteria,
              first,
              paging,
              image -> listed(image, criteria, inUse, wanted, usable, now),
              // Usable follows the clock like the status: such a count cannot be remembered.
              anyStatus && usable == null);
    }
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("RegionId", regionId);
    paging.describe(response, found.total());
    response.put(
        "Images",
        Wire.wrap(
            "Image",
            found.page().stream().map(i -> ImageJson.of(i, now, inUse.test(i.imageId))).toList()));
    return response;
  }

  /**
   * Whether the image is in the answer: visible, matching the filters and (unless {@code statuses}
   * is null, for every status) in one of the statuses. The cheap checks first: the status is
   * derived from the clock. A match may be hidden for some polls by an eventual-consistency fault.
   */
  private static boolean listed(
      ImageRecord image,
      ImageCriteria criteria,
      Predicate<String> inUse,
      Set<ImageStatus> statuses,
      Boolean usable,
      Instant now) {
    boolean visible = !image.deleted || image.listedAfterDeletePolls > 0;
    return visible
        && criteria.matches(image, inUse)
        && (statuses == null || statuses.contains(image.phase(now).status()))
        && (usable == null || usable == image.usable(now))
        && !consumeEventualConsistency(image);
  }

  /** Ids of the images some instance of the region was launched from ({@code Usage=instance}). */
  private static Set<ImageStatus> statuses(String value) {
    if (value == null) {
      return EnumSet.of(ImageStatus.Available);
    }
    Set<ImageStatus> statuses = EnumSet.noneOf(ImageStatus.class);
    for (String part : value.split(",")) {
      if (part.isBlank()) {
        continue;
      }
      // "ALL" is not documented but Terraform sends it and ECS answers with every status.
      if ("ALL".equalsIgnoreCase(part.trim())) {
        return EnumSet.allOf(ImageStatus.class);
      }
      ImageStatus status = ImageStatus.fromWire(part);
      if (status == null) {
        throw invalid("Status");
      }
      statuses.add(status);
    }
    return statuses;
  }

  /** A Boolean parameter: null when absent, 400 {@code InvalidParamter} unless true or false. */
  static Boolean bool(RequestParams params, String name) {
    String value = params.get(name);
    if (value == null) {
      return null;
    }
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true" -> Boolean.TRUE;
      case "false" -> Boolean.FALSE;
      default -> throw invalid(name);
    };
  }

  private static ApiError invalid(String name) {
    return new ApiError(
        400, "InvalidParamter", "Invalid Parameter: the specified " + name + " is not valid.");
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
