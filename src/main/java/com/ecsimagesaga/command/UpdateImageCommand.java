package com.ecsimagesaga.command;

import com.ecsimagesaga.image.ImageTag;
import java.time.Instant;
import java.util.List;

/** A request to change an existing image, exactly as received. */
public record UpdateImageCommand(String commandId, Instant issuedAt, String regionId, String imageId, String imageName,
    String description, String imageFamily, String bootMode, Boolean deprecated, List<ImageTag> addTags,
    List<String> removeTagKeys, String resourceGroupId) {

  public UpdateImageCommand {
    addTags = addTags == null ? List.of() : List.copyOf(addTags);
    removeTagKeys = removeTagKeys == null ? List.of() : List.copyOf(removeTagKeys);
  }
}
