package com.ecsimagesaga.adapter.alicloud;

import com.ecsimagesaga.saga.CloudAction;
import java.util.Map;

/** The ECS API action each cloud action calls: what rate budgets and metrics are kept by. */
public final class EcsActions {

  private static final Map<Class<?>, String> NAMES = Map.of(
      CloudAction.DescribeInstance.class, "DescribeInstances",
      CloudAction.DescribeSnapshot.class, "DescribeSnapshots",
      CloudAction.SubmitCreateImage.class, "CreateImage",
      CloudAction.ObserveImage.class, "DescribeImages",
      CloudAction.SubmitDeleteImage.class, "DeleteImage",
      CloudAction.DeleteSnapshots.class, "DeleteSnapshot",
      CloudAction.ModifyImageAttributes.class, "ModifyImageAttribute",
      CloudAction.TagImage.class, "TagResources",
      CloudAction.UntagImage.class, "UntagResources",
      CloudAction.JoinResourceGroup.class, "JoinResourceGroup");

  /** The error code of a call the service's rate budget held back instead of sending it. */
  public static final String HELD_BY_BUDGET = "LocalRateBudget";

  private EcsActions() {}

  public static String nameOf(CloudAction action) {
    return NAMES.getOrDefault(action.getClass(), action.getClass().getSimpleName());
  }
}
