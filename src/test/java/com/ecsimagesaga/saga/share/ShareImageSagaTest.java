package com.ecsimagesaga.saga.share;

import static com.ecsimagesaga.saga.SagaHarness.EXERCISED;
import static com.ecsimagesaga.saga.SagaHarness.T0;
import static com.ecsimagesaga.saga.SagaHarness.failed;
import static com.ecsimagesaga.saga.SagaHarness.givenKind;
import static com.ecsimagesaga.saga.SagaHarness.held;
import static org.assertj.core.api.Assertions.assertThat;

import com.ecsimagesaga.command.Violation;
import com.ecsimagesaga.saga.CloudAction;
import com.ecsimagesaga.saga.ErrorKind;
import com.ecsimagesaga.saga.Moves;
import com.ecsimagesaga.saga.SagaHarness;
import com.ecsimagesaga.saga.SagaStatus;
import com.ecsimagesaga.saga.StepOutcome;
import com.ecsimagesaga.saga.Transition;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The share saga on a fixed clock; fails when a row of its table is exercised by no test. */
class ShareImageSagaTest {

  static final ShareImageKind KIND = new ShareImageKind();

  @AfterAll
  static void everyRowOfTheShareTableIsExercised() {
    assertThat(EXERCISED)
        .as("share transitions no test exercised")
        .containsAll(ShareImageSaga.TABLE.rows());
  }

  static List<String> accounts(int n) {
    return IntStream.range(0, n).mapToObj(i -> String.valueOf(1_000_000_000_000_000L + i)).toList();
  }

  static SagaHarness share(List<String> add, List<String> remove) {
    return givenKind(
        KIND, new ShareImageCommand("cmd-share", T0, "cn-hangzhou", "m-1", add, remove));
  }

  @Test
  void accountsAreChangedTenAtATimeThenListed() {
    var add = accounts(15);
    var remove = accounts(3).stream().map(a -> "9" + a).toList();
    var h = share(add, remove);
    assertThat(h.action())
        .isEqualTo(
            new CloudAction.ModifyImageSharePermission(
                "cn-hangzhou", "m-1", add.subList(0, 10), remove));
    h.when(new StepOutcome.Applied("R1"), "more accounts");
    assertThat(h.action())
        .isEqualTo(
            new CloudAction.ModifyImageSharePermission(
                "cn-hangzhou", "m-1", add.subList(10, 15), List.of()));
    h.when(new StepOutcome.Applied("R2"), "modified");
    assertThat(h.action())
        .isEqualTo(new CloudAction.DescribeImageSharePermission("cn-hangzhou", "m-1"));
    h.when(failed(ErrorKind.TRANSIENT, "InternalError"), Moves.RETRYABLE_ERROR)
        .when(new StepOutcome.SharesSeen("m-1", add), "listed");
    var e = h.onlyEvent(ShareEvents.ImageShared.class);
    assertThat(e.commandId()).isEqualTo("cmd-share");
    assertThat(e.addedAccounts()).isEqualTo(add);
    assertThat(e.removedAccounts()).isEqualTo(remove);
    assertThat(e.sharedWith()).isEqualTo(add);
    assertThat(e.verified()).isTrue();
    assertThat(h.saga().status()).isEqualTo(SagaStatus.SUCCEEDED);
  }

  @Test
  void aChangeEcsRefusesFailsTheSaga() {
    var h =
        share(accounts(1), List.of())
            .when(failed(ErrorKind.THROTTLED, "Throttling"), Moves.RETRYABLE_ERROR)
            .when(failed(ErrorKind.PERMANENT, "InvalidAccount.NotFound"), Moves.ERROR);
    assertThat(h.onlyEvent(ShareEvents.ImageShareFailed.class).failure().code())
        .isEqualTo("InvalidAccount.NotFound");
    assertThat(h.saga().status()).isEqualTo(SagaStatus.FAILED);
    share(accounts(1), List.of()).whenStepTimedOutAt(Duration.ofMinutes(11));
  }

  @Test
  void aChangeMadeButNotListedStillSucceedsUnverified() {
    var h =
        share(accounts(1), List.of())
            .when(new StepOutcome.Applied("R"), "modified")
            .when(failed(ErrorKind.PERMANENT, "Forbidden"), Moves.ERROR);
    assertThat(h.onlyEvent(ShareEvents.ImageShared.class).verified()).isFalse();
    assertThat(h.saga().status()).isEqualTo(SagaStatus.SUCCEEDED);
    share(accounts(1), List.of())
        .when(new StepOutcome.Applied("R"), Duration.ofMinutes(1), "modified")
        .whenStepTimedOutAt(Duration.ofMinutes(12));
  }

  @Test
  void everyStepThatCallsEcsWaitsForQuotaWithoutSpendingAnAttempt() {
    for (Transition row : ShareImageSaga.TABLE.rows()) {
      if (row.trigger().equals(Moves.WAITING_FOR_QUOTA)) {
        var h =
            SagaHarness.at(ShareImageSaga.TYPE, row.from(), row.status())
                .when(held(Duration.ofSeconds(2)), Moves.WAITING_FOR_QUOTA);
        assertThat(h.saga().attempt()).as(row.toString()).isZero();
      }
    }
  }

  @Test
  void aCommandNamesValidAccountsEachOnce() {
    var c =
        new ShareImageCommand(
            "cmd-1", T0, "cn-hangzhou", "m-1", List.of("12ab", "123", "123"), List.of());
    assertThat(KIND.check(c))
        .extracting(Violation::field, Violation::rule)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("accounts[0]", "account-id.format"),
            org.assertj.core.groups.Tuple.tuple("accounts[2]", "account-id.duplicate"));
    var none = new ShareImageCommand("cmd-1", T0, "cn-hangzhou", "m-1", List.of(), List.of());
    assertThat(KIND.check(none)).extracting(Violation::rule).containsExactly("accounts.required");
    assertThat(
            KIND.check(
                new ShareImageCommand("cmd-1", T0, "cn-hangzhou", "m-1", accounts(51), List.of())))
        .extracting(Violation::rule)
        .containsExactly("accounts.too-many");
    assertThat(
            KIND.check(
                new ShareImageCommand(
                    "cmd-1", T0, "cn-hangzhou", "m-1", accounts(1), List.of("6543210987654321"))))
        .extracting(Violation::rule)
        .containsExactly("accounts.add-and-remove");
    assertThat(KIND.ruleIds())
        .contains(
            "account-id.format",
            "account-id.duplicate",
            "accounts.required",
            "accounts.too-many",
            "accounts.add-and-remove");
  }
}
