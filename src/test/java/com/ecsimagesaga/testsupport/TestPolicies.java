package com.ecsimagesaga.testsupport;

import com.ecsimagesaga.saga.SagaPolicies;
import com.ecsimagesaga.saga.StepTimeouts;
import com.ecsimagesaga.saga.retry.PollPolicy;
import com.ecsimagesaga.saga.retry.RetryPolicy;
import java.time.Duration;

/** The saga numbers the pure tests run with: the service's defaults, step timeouts chosen. */
public final class TestPolicies {

  /**
   * The service's default polling: 2 s for a minute, 15 s, 30 s after 10 minutes, paced to 60 s.
   */
  public static final PollPolicy PRODUCTION_POLLS =
      new PollPolicy(
          Duration.ofSeconds(2),
          Duration.ofMinutes(1),
          Duration.ofSeconds(15),
          Duration.ofMinutes(10),
          Duration.ofSeconds(30),
          Duration.ofSeconds(60));

  private TestPolicies() {}

  /** Retries of 1 s doubling (three attempts), the default polls and deadlines, these steps. */
  public static SagaPolicies policies(StepTimeouts steps) {
    return new SagaPolicies(
        new RetryPolicy(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(60), 3),
        new RetryPolicy(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(30), 3),
        new RetryPolicy(Duration.ofSeconds(2), 2.0, Duration.ofSeconds(20), 2),
        PRODUCTION_POLLS,
        Duration.ofMinutes(60),
        Duration.ofMinutes(30),
        Duration.ofMinutes(10),
        true,
        steps);
  }
}
