package com.ecsimagesaga.adapter.rest;

import java.util.List;

/**
 * The JSON form of a ShareImage command: share an image with accounts. {@code commandId} may be
 * left out.
 */
public record ShareImageJson(
    String commandId, String regionId, String imageId, List<String> accounts)
    implements KindCommandJson {}
