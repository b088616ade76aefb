package com.ecsimagesaga.adapter.kafka;

/** A record that is not a command this service can read; it goes to the dead-letter topic. */
public class UndecodableRecordException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UndecodableRecordException(String reason, Throwable cause) {
    super(reason, cause);
  }
}
