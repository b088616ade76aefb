package com.ecsimagesaga.saga;

import static com.ecsimagesaga.testsupport.Commands.aCreateImageCommand;
import static org.assertj.core.api.Assertions.assertThat;

import com.ecsimagesaga.command.RuleIds;
import com.ecsimagesaga.command.Violation;
import com.ecsimagesaga.saga.create.CreateImageRules;
import com.ecsimagesaga.saga.create.CreateImageSaga;
import com.ecsimagesaga.saga.delete.DeleteImageCommand;
import com.ecsimagesaga.saga.delete.DeleteImageRules;
import com.ecsimagesaga.saga.update.UpdateImageCommand;
import com.ecsimagesaga.saga.update.UpdateImageRules;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The per-command step timeouts: one violation per bad entry, valid ones turned into durations. */
class StepTimeoutRulesTest {

  @Test
  void validTimeoutsForTheCommandsOwnStepsAreAccepted() {
    var c =
        aCreateImageCommand()
            .stepTimeoutSeconds(Map.of("AWAIT_IMAGE_USABLE", 90, "COMPENSATE_DELETE_IMAGE", 604800))
            .build();
    assertThat(CreateImageRules.check(c).isValid()).isTrue();
    assertThat(StepTimeoutRules.durations(c.stepTimeoutSeconds()))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                CreateImageSaga.AWAIT_IMAGE_USABLE,
                Duration.ofSeconds(90),
                Step.COMPENSATE_DELETE_IMAGE,
                Duration.ofDays(7)));
  }

  @Test
  void eachBadEntryIsItsOwnViolation() {
    Map<String, Integer> steps = new LinkedHashMap<>();
    steps.put("AWAIT_IMAGE_GONE", 60);
    steps.put("CHECK_SOURCE", 0);
    steps.put("SUBMIT_CREATE_IMAGE", -5);
    steps.put("AWAIT_IMAGE_USABLE", 604801);
    steps.put("DELETE_SNAPSHOTS", null);
    steps.put("await_image_usable", 60);
    var v = CreateImageRules.check(aCreateImageCommand().stepTimeoutSeconds(steps).build());
    assertThat(v.violations())
        .extracting(Violation::field, Violation::rule, Violation::value)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "stepTimeoutSeconds[AWAIT_IMAGE_GONE]",
                "step-timeout.unknown-step",
                "AWAIT_IMAGE_GONE"),
            org.assertj.core.groups.Tuple.tuple(
                "stepTimeoutSeconds[AWAIT_IMAGE_USABLE]", "step-timeout.too-long", "604801"),
            org.assertj.core.groups.Tuple.tuple(
                "stepTimeoutSeconds[CHECK_SOURCE]", "step-timeout.not-positive", "0"),
            org.assertj.core.groups.Tuple.tuple(
                "stepTimeoutSeconds[DELETE_SNAPSHOTS]", "step-timeout.not-positive", null),
            org.assertj.core.groups.Tuple.tuple(
                "stepTimeoutSeconds[SUBMIT_CREATE_IMAGE]", "step-timeout.not-positive", "-5"),
            org.assertj.core.groups.Tuple.tuple(
                "stepTimeoutSeconds[await_image_usable]",
                "step-timeout.unknown-step",
                "await_image_usable"));
    assertThat(v.violations().get(0).message()).contains("CREATE_IMAGE").contains("CHECK_SOURCE");
  }

  @Test
  void deletesAndUpdatesAcceptOnlyTheirOwnSteps() {
    var delete =
        new DeleteImageCommand(
            "c-1",
            Instant.EPOCH,
            "cn-hangzhou",
            "m-abc",
            false,
            false,
            Map.of("AWAIT_IMAGE_GONE", 30, "TAG_IMAGE", 30));
    assertThat(DeleteImageRules.check(delete).violations())
        .extracting(Violation::field)
        .containsExactly("stepTimeoutSeconds[TAG_IMAGE]");
    var update =
        new UpdateImageCommand(
            "c-2",
            Instant.EPOCH,
            "cn-hangzhou",
            "m-abc",
            "renamed",
            null,
            null,
            null,
            null,
            List.of(),
            List.of(),
            null,
            Map.of("TAG_IMAGE", 30, "AWAIT_IMAGE_GONE", 30));
    assertThat(UpdateImageRules.check(update).violations())
        .extracting(Violation::field)
        .containsExactly("stepTimeoutSeconds[AWAIT_IMAGE_GONE]");
  }

  @Test
  void everyRuleIdIsCataloguedOnce() {
    assertThat(RuleIds.ALL)
        .hasSize(RuleIds.VALIDATION.size() + RuleIds.INTAKE.size() + RuleIds.GATEWAY.size())
        .contains(
            "step-timeout.unknown-step",
            "step-timeout.not-positive",
            "step-timeout.too-long",
            "image.busy");
  }
}
