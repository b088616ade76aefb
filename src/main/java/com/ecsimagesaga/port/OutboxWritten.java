package com.ecsimagesaga.port;

/**
 * Fired (as a CDI event) after a transaction of this instance committed rows to the outbox, so that
 * a relay that backed off while the outbox was empty publishes them at once.
 *
 * @param rows how many events were written
 */
public record OutboxWritten(int rows) {}
