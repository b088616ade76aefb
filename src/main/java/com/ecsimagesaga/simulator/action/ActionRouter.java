package com.ecsimagesaga.simulator.action;

import com.ecsimagesaga.simulator.http.ApiError;
import java.util.Map;
import java.util.Set;

/** Maps the {@code Action} parameter to its implementation. */
public final class ActionRouter {
  private final Map<String, Action> actions =
      Map.ofEntries(
          Map.entry(CreateImageAction.NAME, new CreateImageAction()),
          Map.entry("DescribeImages", new DescribeImagesAction()),
          Map.entry("DeleteImage", new DeleteImageAction()),
          Map.entry("ModifyImageAttribute", new ModifyImageAttributeAction()),
          Map.entry("DescribeInstances", new DescribeInstancesAction()),
          Map.entry("DescribeSnapshots", SnapshotActions::describe),
          Map.entry("CreateSnapshot", SnapshotActions::create),
          Map.entry("DeleteSnapshot", SnapshotActions::delete),
          Map.entry("TagResources", TagActions::tag),
          Map.entry("UntagResources", TagActions::untag),
          Map.entry("ListTagResources", TagActions::list),
          Map.entry("JoinResourceGroup", TagActions::joinResourceGroup),
          Map.entry(CopyImageAction.NAME, new CopyImageAction()),
          Map.entry(CancelCopyImageAction.NAME, new CancelCopyImageAction()),
          Map.entry(ShareActions.MODIFY, ShareActions::modify),
          Map.entry(ShareActions.DESCRIBE, ShareActions::describe));

  /**
   * Actions that change no existing image: they read, or only add images (CreateImage, CopyImage)
   * or snapshots. Every other call may change what a listing of images sees (DescribeImages keeps
   * counts that such a call makes it redo).
   */
  private static final Set<String> LEAVING_IMAGES_AS_THEY_WERE =
      Set.of(
          CreateImageAction.NAME,
          CopyImageAction.NAME,
          ShareActions.DESCRIBE,
          "DescribeImages",
          "DescribeInstances",
          "DescribeSnapshots",
          "CreateSnapshot",
          "ListTagResources");

  /** Whether a call of this action leaves every existing image as it was. */
  public boolean leavesImagesAsTheyWere(String name) {
    return LEAVING_IMAGES_AS_THEY_WERE.contains(name);
  }

  /**
   * The action; 404 {@code InvalidAction.NotFound} for anything the simulator does not implement.
   */
  public Action find(String name) {
    Action action = actions.get(name);
    if (action == null) {
      throw new ApiError(
          404,
          "InvalidAction.NotFound",
          "Specified api is not found, please check your url and method.");
    }
    return action;
  }

  /** Names of the implemented actions. */
  public Set<String> names() {
    return actions.keySet();
  }
}
