package com.ecsimagesaga.simulator.action;

import com.ecsimagesaga.simulator.http.ApiError;
import com.ecsimagesaga.simulator.http.RequestParams;
import com.ecsimagesaga.simulator.world.ImageRecord;
import com.ecsimagesaga.simulator.world.SnapshotRecord;
import com.ecsimagesaga.simulator.world.WorldState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * TagResources, UntagResources, ListTagResources and JoinResourceGroup for images and snapshots.
 */
final class TagActions {
  private static final int MAX_RESOURCES = 50;
  private static final int LIST_PAGE = 50;

  private TagActions() {}

  /** Adds tags to every resource, overwriting values of existing keys. */
  static Map<String, Object> tag(ActionContext ctx) {
    List<String> ids = resourceIds(ctx.params(), true);
    String type = resourceType(ctx.params());
    Map<String, String> tags =
        TagRules.parse(
            ctx.params(), new ApiError(400, "NumberExceed.Tags", "The number of tags exceeds 20."));
    if (tags.isEmpty()) {
      throw ApiError.missing("Tag.1.Key");
    }
    List<Map<String, String>> targets = new ArrayList<>();
    for (String id : ids) {
      targets.add(tagsOf(ctx, type, id));
    }
    targets.forEach(target -> TagRules.merge(target, tags));
    return Map.of();
  }

  /** Removes the given keys, or every tag with {@code All=true}. */
  static Map<String, Object> untag(ActionContext ctx) {
    List<String> ids = resourceIds(ctx.params(), true);
    String type = resourceType(ctx.params());
    List<String> keys = ctx.params().indexed("TagKey", "");
    if (keys.size() > 20) {
      throw new ApiError(400, "NumberExceed.Tags", "The number of tag keys exceeds 20.");
    }
    boolean all = ctx.params().bool("All");
    if (keys.isEmpty() && !all) {
      throw ApiError.missing("TagKey.1");
    }
    for (String id : ids) {
      Map<String, String> tags = tagsOf(ctx, type, id);
      if (keys.isEmpty()) {
        tags.clear();
      } else {
        keys.forEach(tags::remove);
      }
    }
    return Map.of();
  }

  /** Lists resource tags, 50 per page, continued with NextToken. */
  static Map<String, Object> list(ActionContext ctx) {
    RequestParams params = ctx.params();
    String type = resourceType(params);
    List<String> ids = resourceIds(params, false);
    Map<String, String> filter = new LinkedHashMap<>();
    params
        .indices("Tag")
        .forEach(
            i ->
                filter.put(params.get("Tag." + i + ".Key", ""), params.get("Tag." + i + ".Value")));
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Map.Entry<String, Map<String, String>> resource : resources(ctx, type).entrySet()) {
      if (!ids.isEmpty() && !ids.contains(resource.getKey())) {
        continue;
      }
      Map<String, String> tags = resource.getValue();
      boolean selected =
          filter.entrySet().stream()
              .allMatch(
                  f ->
                      tags.containsKey(f.getKey())
                          && (f.getValue() == null || f.getValue().equals(tags.get(f.getKey()))));
      if (selected) {
        tags.forEach((key, value) -> rows.add(row(resource.getKey(), type, key, value)));
      }
    }
    int from = params.intValue("NextToken", 0);
    int to = Math.min(rows.size(), from + LIST_PAGE);
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("NextToken", to < rows.size() ? String.valueOf(to) : "");
    response.put(
        "TagResources",
        Wire.wrap("TagResource", from >= rows.size() ? List.of() : rows.subList(from, to)));
    return response;
  }

  /** Moves an image or snapshot into another resource group. */
  static Map<String, Object> joinResourceGroup(ActionContext ctx) {
    RequestParams params = ctx.params();
    for (String name : List.of("ResourceId", "ResourceGroupId", "RegionId")) {
      if (params.get(name) == null) {
        throw new ApiError(
            403, "MissingParameter", "The input parameter \"" + name + "\" is mandatory.");
      }
    }
    String type = resourceType(params);
    String groupId = params.get("ResourceGroupId");
    ResourceGroups.require(ctx.state(), groupId);
    String id = params.get("ResourceId");
    if ("image".equals(type)) {
      ImageRecord image =
          ctx.state().liveImage(ctx.regionId(), id).orElseThrow(TagActions::unknownResource);
      image.resourceGroupId = requireOther(image.resourceGroupId, groupId);
    } else {
      SnapshotRecord snapshot =
          ctx.state().liveSnapshot(ctx.regionId(), id).orElseThrow(TagActions::unknownResource);
      snapshot.resourceGroupId = requireOther(snapshot.resourceGroupId, groupId);
    }
    return Map.of();
  }

  private static String requireOther(String current, String target) {
    if (target.equals(current)) {
      throw new ApiError(
          403,
          "InvalidResourceGroup.Duplicate",
          "The resource is already in the specified resource group.");
    }
    return target;
  }

  private static String resourceType(RequestParams params) {
    String type = params.get("ResourceType");
    if (type == null) {
      throw new ApiError(
          404, "MissingParameter.ResourceType", "The parameter ResourceType is missing.");
    }
    if (!"image".equals(type) && !"snapshot".equals(type)) {
      throw new ApiError(
          404, "InvalidResourceType.NotFound", "The specified ResourceType is not found.");
    }
    return type;
  }

  private static List<String> resourceIds(RequestParams params, boolean required) {
    List<String> ids = params.indexed("ResourceId", "");
    if (ids.size() > MAX_RESOURCES) {
      throw new ApiError(400, "NumberExceed.ResourceIds", "The number of resource ids exceeds 50.");
    }
    if (required && ids.isEmpty()) {
      throw new ApiError(
          404, "MissingParameter.ResourceIds", "The parameter ResourceId.N is missing.");
    }
    return ids;
  }

  private static Map<String, Map<String, String>> resources(ActionContext ctx, String type) {
    Map<String, Map<String, String>> byId = new LinkedHashMap<>();
    WorldState.Region region = ctx.state().region(ctx.regionId());
    if ("image".equals(type)) {
      region.images.values().stream()
          .filter(i -> !i.deleted)
          .forEach(i -> byId.put(i.imageId, i.tags));
    } else {
      region.snapshots.values().stream()
          .filter(s -> !s.deleted)
          .forEach(s -> byId.put(s.snapshotId, s.tags));
    }
    return byId;
  }

  private static Map<String, String> tagsOf(ActionContext ctx, String type, String id) {
    Map<String, String> tags = resources(ctx, type).get(id);
    if (tags == null) {
      throw unknownResource();
    }
    return tags;
  }

  private static ApiError unknownResource() {
    return new ApiError(
        404, "InvalidResourceId.NotFound", "The specified ResourceId is not found.");
  }

  private static Map<String, Object> row(String id, String type, String key, String value) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("ResourceId", id);
    row.put("ResourceType", type);
    row.put("TagKey", key);
    row.put("TagValue", value);
    return row;
  }
}
