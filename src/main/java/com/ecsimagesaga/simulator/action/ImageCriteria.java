package com.ecsimagesaga.simulator.action;

import com.ecsimagesaga.simulator.http.ApiError;
import com.ecsimagesaga.simulator.http.RequestParams;
import com.ecsimagesaga.simulator.world.ImageRecord;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The filters of a DescribeImages call other than Status, Usable and paging, read from the request
 * once for all images and checked as the DescribeImages reference describes them. Equal criteria
 * select the same images as long as no image changed, which is what lets {@link ImageScan} remember
 * a count: every field takes part in {@code equals}.
 *
 * @param ids {@code ImageId}, one id or a comma list; empty = any
 * @param tags {@code Tag.N.Key/Value}: every condition must hold ("resources that are attached to
 *     all specified tags"), so two values for one key select no image, since an image has one value
 *     per key
 * @param createdFrom {@code Filter.N.Key=CreationStartTime}, or null
 * @param createdTo {@code Filter.N.Key=CreationEndTime}, or null
 * @param name {@code ImageName}, a substring (fuzzy search), or null
 * @param snapshotId {@code SnapshotId}, a snapshot of the image's mappings, or null
 * @param family {@code ImageFamily}, or null
 * @param group {@code ResourceGroupId}, or null
 * @param architecture {@code Architecture} i386, x86_64 or arm64 (else 404 {@code
 *     InvalidArchitecture}), or null
 * @param osType {@code OSType} windows or linux (else 404 {@code InvalidOSType}), or null
 * @param usage {@code Usage} instance or none (else 404 {@code InvalidUsage}), or null
 * @param ioOptimized {@code IsSupportIoOptimized}, or null; every custom image supports it
 * @param cloudinit {@code IsSupportCloudinit}, or null; every custom image supports it
 */
record ImageCriteria(
    Set<String> ids,
    List<TagCondition> tags,
    Instant createdFrom,
    Instant createdTo,
    String name,
    String snapshotId,
    String family,
    String group,
    String architecture,
    String osType,
    String usage,
    Boolean ioOptimized,
    Boolean cloudinit) {

  private static final Set<String> ARCHITECTURES = Set.of("i386", "x86_64", "arm64");
  private static final Set<String> OS_TYPES = Set.of("windows", "linux");
  private static final Set<String> USAGES = Set.of("instance", "none");

  /** One {@code Tag.N}: the key, and the value it must have (null = any value). */
  record TagCondition(String key, String value) {}

  static ImageCriteria of(RequestParams params) {
    return new ImageCriteria(
        Set.copyOf(params.idList("ImageId")),
        tags(params),
        creationFilter(params, "CreationStartTime"),
        creationFilter(params, "CreationEndTime"),
        params.get("ImageName"),
        params.get("SnapshotId"),
        params.get("ImageFamily"),
        params.get("ResourceGroupId"),
        oneOf(params, "Architecture", ARCHITECTURES, 404, "InvalidArchitecture"),
        oneOf(params, "OSType", OS_TYPES, 404, "InvalidOSType"),
        oneOf(params, "Usage", USAGES, 404, "InvalidUsage"),
        DescribeImagesAction.bool(params, "IsSupportIoOptimized"),
        DescribeImagesAction.bool(params, "IsSupportCloudinit"));
  }

  /** Whether the image passes every filter; {@code inUse}: ids of images instances run from. */
  boolean matches(ImageRecord image, Predicate<String> inUse) {
    if ((createdFrom != null && image.creationTime.isBefore(createdFrom))
        || (createdTo != null && image.creationTime.isAfter(createdTo))
        || (!ids.isEmpty() && !ids.contains(image.imageId))) {
      return false;
    }
    for (TagCondition tag : tags) {
      if (!image.tags.containsKey(tag.key())
          || (tag.value() != null && !tag.value().equals(image.tags.get(tag.key())))) {
        return false;
      }
    }
    return (name == null || image.name.contains(name))
        && (family == null || family.equals(image.family))
        && (group == null || group.equals(image.resourceGroupId))
        && (architecture == null || architecture.equals(image.architecture))
        && (osType == null || osType.equals(image.osType))
        && (usage == null || usage.equals(inUse.test(image.imageId) ? "instance" : "none"))
        && (ioOptimized == null || ioOptimized)
        && (cloudinit == null || cloudinit)
        && (snapshotId == null
            || image.mappings.stream().anyMatch(m -> snapshotId.equals(m.snapshotId())));
  }

  private static String oneOf(
      RequestParams params, String name, Set<String> valid, int status, String code) {
    String value = params.get(name);
    if (value != null && !valid.contains(value)) {
      throw new ApiError(status, code, "The specifed " + name + " is not valid");
    }
    return value;
  }

  private static List<TagCondition> tags(RequestParams params) {
    List<Integer> indices = params.indices("Tag");
    if (indices.size() > 20) {
      throw new ApiError(
          400, "InvalidTagCount", "The specified tags are beyond the permitted range.");
    }
    List<TagCondition> conditions = new ArrayList<>();
    for (int index : indices) {
      String key = params.get("Tag." + index + ".Key");
      if (key == null) {
        throw new ApiError(
            400, "InvalidTag.Mismatch", "The specified Tag.n.Key and Tag.n.Value are not match.");
      }
      conditions.add(new TagCondition(key, params.get("Tag." + index + ".Value")));
    }
    return List.copyOf(conditions);
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
          return OffsetDateTime.parse(value.replace("Z", ":00Z")).toInstant();
        } catch (DateTimeParseException e) {
          throw new ApiError(400, "InvalidParameter", "The specified Filter.N.Value is malformed.");
        }
      }
    }
    return null;
  }
}
