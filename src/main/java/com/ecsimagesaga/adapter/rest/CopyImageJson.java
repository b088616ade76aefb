package com.ecsimagesaga.adapter.rest;

import java.util.List;

/**
 * The JSON form of a CopyImage command, field for field the Avro contract: copy an image to other
 * regions, one saga per destination. {@code commandId} may be left out.
 */
public record CopyImageJson(
    String commandId,
    String sourceRegionId,
    String sourceImageId,
    List<CreateImageJson.CopyDestinationJson> destinations,
    List<String> shareWith,
    Integer timeoutSeconds)
    implements KindCommandJson {}
