package com.ecsimagesaga.saga.copy;

import com.ecsimagesaga.command.CommonRules;
import com.ecsimagesaga.command.Violation;
import com.ecsimagesaga.saga.Replay;
import com.ecsimagesaga.saga.Saga;
import com.ecsimagesaga.saga.SagaDefinition;
import com.ecsimagesaga.saga.SagaInput;
import com.ecsimagesaga.saga.SagaKind;
import com.ecsimagesaga.saga.SagaKinds;
import com.ecsimagesaga.saga.SagaPolicies;
import com.ecsimagesaga.saga.SagaStatus;
import com.ecsimagesaga.saga.Step;
import com.ecsimagesaga.saga.TransitionTable;
import com.ecsimagesaga.saga.share.AccountRules;
import com.ecsimagesaga.saga.share.ShareImageKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Copying an image to other regions: one saga per destination region. */
public final class CopyImageKind implements SagaKind<CopyImageCommand> {

  /** How many regions one command may copy to. */
  public static final int MAX_DESTINATIONS = 30;

  /** ModifyImageSharePermission takes at most ten accounts, and a copy is shared in one call. */
  public static final int MAX_SHARE_WITH = 10;

  @Override
  public ImageEffect imageEffect() {
    return ImageEffect.MAKES;
  }

  @Override
  public String commandType() {
    return "CopyImage";
  }

  @Override
  public Class<CopyImageCommand> commandClass() {
    return CopyImageCommand.class;
  }

  @Override
  public Class<? extends SagaInput> inputClass() {
    return CopyInput.class;
  }

  @Override
  public TransitionTable table() {
    return CopyImageSaga.TABLE;
  }

  @Override
  public SagaDefinition definition(SagaPolicies policies) {
    return new CopyImageSaga(policies);
  }

  /**
   * A copy runs again from CopyImage with a new token when it is restarted or its copy was removed
   * (so ECS makes a new one rather than pointing at the removed one); otherwise from the step that
   * failed: CopyImage again with the same token, the share, or the removal that did not finish.
   */
  @Override
  public Saga.Builder replay(
      Saga failed, Replay.Mode mode, Optional<String> liveImageId, Saga.Builder reset) {
    Step at = failed.failure() == null ? failed.step() : failed.failure().step();
    boolean copyGone =
        failed.status() == SagaStatus.COMPENSATED
            || (at == CopyImageSaga.AWAIT_COPY_USABLE
                && failed.status() != SagaStatus.COMPENSATION_FAILED);
    if (mode == Replay.Mode.RESTART || copyGone) {
      return reset.step(CopyImageSaga.SUBMIT_COPY_IMAGE).imageId(null).progress(0).newToken();
    }
    if (failed.status() == SagaStatus.COMPENSATION_FAILED) {
      // Removing the copy did not finish: cancel it (a finished copy is then deleted, a gone one
      // counts as removed), or look for it again when its id was never learnt.
      return reset.step(
          failed.imageId() != null ? CopyImageSaga.CANCEL_COPY_IMAGE : Step.FIND_SUBMITTED_IMAGE);
    }
    return reset.step(
        at == CopyImageSaga.SHARE_COPY
            ? CopyImageSaga.SHARE_COPY
            : CopyImageSaga.SUBMIT_COPY_IMAGE);
  }

  @Override
  public Set<String> ruleIds() {
    return Set.of(
        "timeout.range",
        "destinations.required",
        "destinations.too-many",
        "kms-key.without-encryption",
        "destination.duplicate",
        "destination.same-as-source",
        "accounts.too-many",
        "account-id.format",
        "account-id.duplicate");
  }

  @Override
  public List<Violation> check(CopyImageCommand c) {
    List<Violation> out = new ArrayList<>();
    CommonRules.commandId(c.commandId(), out);
    CommonRules.regionId("sourceRegionId", c.sourceRegionId(), out);
    CommonRules.imageId("sourceImageId", c.sourceImageId(), out);
    if (c.destinations().isEmpty()) {
      out.add(
          new Violation(
              "destinations",
              "destinations.required",
              null,
              "name at least one region to copy the image to"));
    }
    destinations("destinations", c.sourceRegionId(), c.destinations(), c.shareWith(), out);
    if (c.timeoutSeconds() != null && (c.timeoutSeconds() < 60 || c.timeoutSeconds() > 604_800)) {
      out.add(
          new Violation(
              "timeoutSeconds",
              "timeout.range",
              String.valueOf(c.timeoutSeconds()),
              "timeoutSeconds must be 60-604800"));
    }
    return out;
  }

  /**
   * Checks where copies go and whom they are shared with; used for a CopyImage and for the
   * distribution of a CreateImage.
   */
  public static void destinations(
      String field,
      String sourceRegionId,
      List<CopyDestination> destinations,
      List<String> shareWith,
      List<Violation> out) {
    if (destinations.size() > MAX_DESTINATIONS) {
      out.add(
          new Violation(
              field,
              "destinations.too-many",
              String.valueOf(destinations.size()),
              "at most " + MAX_DESTINATIONS + " destination regions per command"));
    }
    Set<String> regions = new HashSet<>();
    for (int i = 0; i < destinations.size(); i++) {
      CopyDestination d = destinations.get(i);
      String at = field + "[" + i + "]";
      List<Violation> found = new ArrayList<>();
      CommonRules.regionId(at + ".regionId", d.regionId(), found);
      CommonRules.imageName(at + ".imageName", d.imageName(), found);
      CommonRules.description(d.description(), found);
      CommonRules.tags(d.tags(), found);
      if (d.kmsKeyId() != null && !d.encrypted()) {
        found.add(
            new Violation(
                at + ".kmsKeyId",
                "kms-key.without-encryption",
                d.kmsKeyId(),
                "a KMS key is only used for an encrypted copy: set encrypted or drop kmsKeyId"));
      }
      if (d.regionId() != null && d.regionId().equals(sourceRegionId)) {
        found.add(
            new Violation(
                at + ".regionId",
                "destination.same-as-source",
                d.regionId(),
                "a copy goes to another region than the image's own"));
      } else if (d.regionId() != null && !regions.add(d.regionId())) {
        found.add(
            new Violation(
                at + ".regionId",
                "destination.duplicate",
                d.regionId(),
                "each destination region once per command"));
      }
      found.forEach(
          v ->
              out.add(
                  v.field().startsWith(at)
                      ? v
                      : new Violation(at + "." + v.field(), v.rule(), v.value(), v.message())));
    }
    if (shareWith.size() > MAX_SHARE_WITH) {
      out.add(
          new Violation(
              "shareWith",
              "accounts.too-many",
              String.valueOf(shareWith.size()),
              "a copy is shared with at most " + MAX_SHARE_WITH + " accounts"));
    } else {
      AccountRules.check("shareWith", shareWith, out);
    }
  }

  @Override
  public List<Saga> start(CopyImageCommand c, Instant now, SagaPolicies policies) {
    Duration timeout =
        c.timeoutSeconds() == null
            ? CopyInput.DEFAULT_TIMEOUT
            : Duration.ofSeconds(c.timeoutSeconds());
    return c.destinations().stream()
        .map(
            d ->
                copy(
                    c.commandId(),
                    c.sourceRegionId(),
                    c.sourceImageId(),
                    d,
                    c.shareWith(),
                    timeout,
                    now))
        .toList();
  }

  /**
   * The sagas that distribute a new image: one copy per destination, each shared with the accounts,
   * and one share of the image itself.
   */
  public static List<Saga> distribute(
      String commandId, String regionId, String imageId, Distribution d, Instant now) {
    List<Saga> sagas = new ArrayList<>();
    for (CopyDestination dest : d.destinations()) {
      sagas.add(
          copy(commandId, regionId, imageId, dest, d.accounts(), CopyInput.DEFAULT_TIMEOUT, now));
    }
    if (!d.accounts().isEmpty()) {
      sagas.add(ShareImageKind.shareWith(commandId, "share", regionId, imageId, d.accounts(), now));
    }
    return sagas;
  }

  private static Saga copy(
      String commandId,
      String sourceRegionId,
      String sourceImageId,
      CopyDestination d,
      List<String> shareWith,
      Duration timeout,
      Instant now) {
    String own = SagaKinds.childCommandId(commandId, "copy/" + d.regionId());
    var input =
        new CopyInput(commandId, sourceRegionId, sourceImageId, d, shareWith, timeout.toSeconds());
    return Saga.begin(
        SagaKinds.sagaId(own),
        CopyImageSaga.TYPE,
        CopyImageSaga.SUBMIT_COPY_IMAGE,
        own,
        d.regionId(),
        input,
        null,
        now,
        now.plus(timeout));
  }
}
