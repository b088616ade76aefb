package com.ecsimagesaga.image;

import java.util.List;

/**
 * What an update changes on an image; null or empty means "leave as it is".
 *
 * @param deprecated true to deprecate, false to make Available again, null to leave
 */
public record ImageChanges(
    String regionId,
    String imageId,
    String imageName,
    String description,
    String imageFamily,
    String bootMode,
    Boolean deprecated,
    List<ImageTag> addTags,
    List<String> removeTagKeys,
    String resourceGroupId) {

  public ImageChanges {
    addTags = addTags == null ? List.of() : List.copyOf(addTags);
    removeTagKeys = removeTagKeys == null ? List.of() : List.copyOf(removeTagKeys);
  }

  /** Whether ModifyImageAttribute has anything to do. */
  public boolean changesAttributes() {
    return imageName != null
        || description != null
        || imageFamily != null
        || bootMode != null
        || deprecated != null;
  }

  public boolean isEmpty() {
    return !changesAttributes()
        && addTags.isEmpty()
        && removeTagKeys.isEmpty()
        && resourceGroupId == null;
  }
}
