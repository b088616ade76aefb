package com.ecsimagesaga.simulator.action;

import com.ecsimagesaga.simulator.http.ApiError;
import com.ecsimagesaga.simulator.world.WorldState;

/** Resource group existence checks. */
final class ResourceGroups {
  private ResourceGroups() {}

  /** 404 {@code InvalidResourceGroup.NotFound} unless the group exists. */
  static void require(WorldState state, String resourceGroupId) {
    if (!state.resourceGroups().contains(resourceGroupId)) {
      throw new ApiError(
          404, "InvalidResourceGroup.NotFound", "The specified resource group does not exist.");
    }
  }
}
