package com.ecsimagesaga.simulator.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ecsimagesaga.testsupport.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The simulator's signature check remembers each nonce as long as its timestamp could still be
 * accepted, and forgets the oldest first.
 */
class SignatureVerifierTest {

  private static final Duration TOLERANCE = Duration.ofMinutes(15);

  private final FakeClock clock = new FakeClock(Instant.parse("2026-12-05T00:00:00Z"));
  private final SignatureVerifier verifier =
      new SignatureVerifier("key", "secret", clock, TOLERANCE);

  @Test
  void aNonceIsRefusedAgainWhileItsTimestampCouldStillBeAccepted() {
    verifier.verify("POST", signed("n-1"));
    clock.advance(TOLERANCE);

    assertThatThrownBy(() -> verifier.verify("POST", signed("n-1")))
        .isInstanceOfSatisfying(
            ApiError.class, e -> assertThat(e.code()).isEqualTo("SignatureNonceUsed"));
  }

  @Test
  void noncesOlderThanTwiceTheToleranceAreForgottenOldestFirst() {
    for (int i = 0; i < 500; i++) {
      verifier.verify("POST", signed("early-" + i));
    }
    clock.advance(TOLERANCE);
    for (int i = 0; i < 300; i++) {
      verifier.verify("POST", signed("late-" + i));
    }
    assertThat(verifier.rememberedNonces()).isEqualTo(800);

    clock.advance(TOLERANCE.plusSeconds(1));
    verifier.verify("POST", signed("last"));

    // The 500 early ones are past the horizon; the 300 later ones and the last are kept.
    assertThat(verifier.rememberedNonces()).isEqualTo(301);
    assertThatThrownBy(() -> verifier.verify("POST", signed("late-7")))
        .isInstanceOfSatisfying(
            ApiError.class, e -> assertThat(e.code()).isEqualTo("SignatureNonceUsed"));
  }

  private RequestParams signed(String nonce) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("Action", "DescribeImages");
    params.put("AccessKeyId", "key");
    params.put("SignatureMethod", "HMAC-SHA1");
    params.put("SignatureVersion", "1.0");
    params.put("SignatureNonce", nonce);
    params.put("Timestamp", clock.instant().toString());
    params.put("Signature", verifier.sign("POST", params));
    return new RequestParams(params);
  }
}
