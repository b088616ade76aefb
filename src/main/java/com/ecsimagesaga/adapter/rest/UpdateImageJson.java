package com.ecsimagesaga.adapter.rest;

import java.util.List;
import java.util.Map;

/** The JSON form of an UpdateImage command; {@code commandId} may be left out. */
public record UpdateImageJson(
    String commandId,
    String regionId,
    String imageId,
    String imageName,
    String description,
    String imageFamily,
    String bootMode,
    Boolean deprecated,
    List<CreateImageJson.TagJson> addTags,
    List<String> removeTagKeys,
    String resourceGroupId,
    Map<String, Integer> stepTimeoutSeconds)
    implements KindCommandJson {}
