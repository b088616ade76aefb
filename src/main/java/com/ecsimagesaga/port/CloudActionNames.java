package com.ecsimagesaga.port;

import com.ecsimagesaga.saga.CloudAction;
import java.util.Map;

/**
 * The API action each cloud action calls (ECS's names: {@code CreateImage}, {@code DescribeImages},
 * ...): what rate budgets, metrics and traces are kept by. Part of the gateway's contract, so that
 * the gateway and whatever wraps it (metrics, tracing) name a call alike without knowing each
 * other.
 */
public final class CloudActionNames {

  /** The action that lists an image's share permissions. */
  public static final String DESCRIBE_SHARES = "DescribeImageSharePermission";

  private static final Map<Class<?>, String> NAMES =
      Map.ofEntries(
          Map.entry(CloudAction.DescribeInstance.class, "DescribeInstances"),
          Map.entry(CloudAction.DescribeSnapshot.class, "DescribeSnapshots"),
          Map.entry(CloudAction.SubmitCreateImage.class, "CreateImage"),
          Map.entry(CloudAction.ObserveImage.class, "DescribeImages"),
          Map.entry(CloudAction.FindImageBySagaTag.class, "DescribeImages"),
          Map.entry(CloudAction.SubmitDeleteImage.class, "DeleteImage"),
          Map.entry(CloudAction.DeleteSnapshots.class, "DeleteSnapshot"),
          Map.entry(CloudAction.ModifyImageAttributes.class, "ModifyImageAttribute"),
          Map.entry(CloudAction.TagImage.class, "TagResources"),
          Map.entry(CloudAction.UntagImage.class, "UntagResources"),
          Map.entry(CloudAction.JoinResourceGroup.class, "JoinResourceGroup"),
          Map.entry(CloudAction.CopyImage.class, "CopyImage"),
          Map.entry(CloudAction.CancelCopyImage.class, "CancelCopyImage"),
          Map.entry(CloudAction.ModifyImageSharePermission.class, "ModifyImageSharePermission"),
          Map.entry(CloudAction.DescribeImageSharePermission.class, DESCRIBE_SHARES),
          // Its first call lists the accounts; each removal takes a token of its own.
          Map.entry(CloudAction.UnshareFromAll.class, DESCRIBE_SHARES));

  /** The error code of a call the service's rate budget held back instead of sending it. */
  public static final String HELD_BY_BUDGET = "LocalRateBudget";

  private CloudActionNames() {}

  public static String nameOf(CloudAction action) {
    return NAMES.getOrDefault(action.getClass(), action.getClass().getSimpleName());
  }
}
