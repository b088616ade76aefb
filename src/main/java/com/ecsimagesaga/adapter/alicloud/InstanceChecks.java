package com.ecsimagesaga.adapter.alicloud;

import com.aliyuncs.exceptions.ClientException;
import com.ecsimagesaga.image.InstanceObservation;
import com.ecsimagesaga.saga.CloudError;
import com.ecsimagesaga.saga.StepOutcome;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Looks at source instances with DescribeInstances, up to {@value #PER_CALL} ids a call (the API's
 * limit on {@code InstanceIds}) answered on one page: {@code PageSize} is set to the same number,
 * because the API's default page of 10 would leave the other instances out of the answer, and an
 * instance the answer does not list is reported as missing. The answer is read as a stream ({@link
 * DescribeInstancesReader}), not through the SDK's typed model.
 */
final class InstanceChecks {

  /** The most ids one DescribeInstances takes, and the page size that lists them all. */
  static final int PER_CALL = 100;

  static final String ACTION = "DescribeInstances";

  private final EcsClients clients;
  private final RateBudget budget;

  InstanceChecks(EcsClients clients, RateBudget budget) {
    this.clients = clients;
    this.budget = budget;
  }

  /**
   * One call for at most {@value #PER_CALL} ids, which takes one token of the rate budget. Never
   * throws: a call held by the budget or failed gives every id the same {@link StepOutcome.Failed}.
   * Blocking: runs on the SDK worker pool.
   */
  Map<String, StepOutcome> observe(String regionId, List<String> instanceIds) {
    Duration wait = budget.take(regionId, ACTION);
    if (!wait.isZero()) {
      return failed(instanceIds, RateBudget.spent(regionId, ACTION, wait));
    }
    try {
      return describe(regionId, instanceIds);
    } catch (ClientException e) {
      return failed(instanceIds, budget.withHold(EcsErrorClassifier.classify(e), regionId, ACTION));
    } catch (RuntimeException e) {
      return failed(instanceIds, EcsErrorClassifier.unexpected(e));
    }
  }

  /**
   * One call for at most {@value #PER_CALL} ids, without the budget (the caller took its token).
   *
   * @return {@link StepOutcome.InstanceSeen} or {@link StepOutcome.SourceMissing} for each id
   */
  Map<String, StepOutcome> describe(String regionId, List<String> instanceIds)
      throws ClientException {
    if (instanceIds.size() > PER_CALL) {
      throw new IllegalArgumentException(
          "DescribeInstances takes at most " + PER_CALL + " ids, not " + instanceIds.size());
    }
    var request = clients.common(ACTION, regionId);
    request.putQueryParameter(
        "InstanceIds",
        instanceIds.stream()
            .map(id -> "\"" + id + "\"")
            .collect(Collectors.joining(",", "[", "]")));
    request.putQueryParameter("PageSize", String.valueOf(PER_CALL));
    String body = clients.client(regionId).getCommonResponse(request).getData();
    Map<String, StepOutcome> seen = new HashMap<>();
    for (InstanceObservation i : DescribeInstancesReader.read(body)) {
      seen.put(i.instanceId(), new StepOutcome.InstanceSeen(i));
    }
    Map<String, StepOutcome> out = new HashMap<>();
    for (String id : instanceIds) {
      out.put(id, seen.getOrDefault(id, new StepOutcome.SourceMissing(id)));
    }
    return out;
  }

  private static Map<String, StepOutcome> failed(List<String> instanceIds, CloudError error) {
    StepOutcome outcome = new StepOutcome.Failed(error);
    Map<String, StepOutcome> out = new HashMap<>();
    instanceIds.forEach(id -> out.put(id, outcome));
    return out;
  }
}
