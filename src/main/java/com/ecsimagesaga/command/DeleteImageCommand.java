package com.ecsimagesaga.command;

import java.time.Instant;

/** A request to delete an image, exactly as received. */
public record DeleteImageCommand(
    String commandId,
    Instant issuedAt,
    String regionId,
    String imageId,
    boolean force,
    boolean deleteSnapshots) {}
