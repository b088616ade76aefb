package com.ecsimagesaga.simulator.action;

import com.ecsimagesaga.simulator.http.ApiError;
import com.ecsimagesaga.simulator.world.InstanceRecord;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * DescribeInstances with {@code InstanceIds} (JSON array, at most 100) and paging. Unknown ids are
 * simply absent.
 */
final class DescribeInstancesAction implements Action {
  @Override
  public Map<String, Object> execute(ActionContext ctx) {
    String regionId = ctx.regionId();
    Paging paging = Paging.of(ctx);
    List<String> idList = ctx.params().idList("InstanceIds");
    if (idList.size() > 100) {
      throw new ApiError(
          400,
          "InvalidInstanceIds.Malformed",
          "The specified InstanceIds are beyond the permitted range.");
    }
    String status = ctx.params().get("Status");
    List<InstanceRecord> matches =
        candidates(ctx.state().region(regionId).instances, idList).stream()
            .filter(i -> status == null || status.equals(i.status.name()))
            .toList();
    Map<String, Object> response = new LinkedHashMap<>();
    paging.describe(response, matches.size());
    response.put("NextToken", "");
    response.put(
        "Instances",
        Wire.wrap(
            "Instance",
            paging.slice(matches).stream().map(DescribeInstancesAction::json).toList()));
    return response;
  }

  /**
   * The region's instances, or only those named, looked up by id: a region can hold tens of
   * thousands of instances, and a call names at most 100. Named instances come in the order they
   * were named, each once (ECS promises no order).
   */
  private static Collection<InstanceRecord> candidates(
      Map<String, InstanceRecord> instances, List<String> ids) {
    if (ids.isEmpty()) {
      return instances.values();
    }
    Set<InstanceRecord> named = new LinkedHashSet<>();
    for (String id : ids) {
      InstanceRecord instance = instances.get(id);
      if (instance != null) {
        named.add(instance);
      }
    }
    return named;
  }

  private static Map<String, Object> json(InstanceRecord instance) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("InstanceId", instance.instanceId);
    json.put("InstanceName", instance.instanceId);
    json.put("RegionId", instance.regionId);
    json.put("ZoneId", instance.regionId + "-h");
    json.put("Status", instance.status.name());
    json.put("ImageId", instance.imageId);
    json.put("InstanceType", "ecs.g7.large");
    json.put("OSType", "linux");
    json.put("CreationTime", Wire.time(instance.creationTime).substring(0, 16) + "Z");
    json.put("ResourceGroupId", instance.resourceGroupId);
    List<Map<String, Object>> locks =
        instance.locks.entrySet().stream()
            .map(
                e -> {
                  Map<String, Object> lock = new LinkedHashMap<>();
                  lock.put("LockReason", e.getKey());
                  lock.put("LockMsg", e.getValue());
                  return lock;
                })
            .toList();
    json.put("OperationLocks", Wire.wrap("LockReason", locks));
    json.put("Tags", Wire.tags(Map.of()));
    return json;
  }
}
