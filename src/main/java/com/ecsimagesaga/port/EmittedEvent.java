package com.ecsimagesaga.port;

import java.time.Instant;

/**
 * An event a saga wrote to the outbox.
 *
 * @param type the event's record name, e.g. ImageCreated
 * @param occurredAt when the saga emitted it (in the transaction of its state change)
 * @param publishedAt when the relay put it on the event topic; null while it waits
 */
public record EmittedEvent(String type, Instant occurredAt, Instant publishedAt) {}
