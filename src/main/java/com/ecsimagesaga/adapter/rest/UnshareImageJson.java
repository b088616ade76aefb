package com.ecsimagesaga.adapter.rest;

import java.util.List;

/**
 * The JSON form of an UnshareImage command: stop sharing an image with accounts. {@code commandId}
 * may be left out.
 */
public record UnshareImageJson(
    String commandId, String regionId, String imageId, List<String> accounts)
    implements KindCommandJson {}
