package com.ecsimagesaga.adapter.rest;

import java.util.Map;

/** The JSON form of a DeleteImage command; {@code commandId} may be left out. */
public record DeleteImageJson(
    String commandId,
    String regionId,
    String imageId,
    Boolean force,
    Boolean deleteSnapshots,
    Map<String, Integer> stepTimeoutSeconds,
    Boolean deleteCopies)
    implements KindCommandJson {}
