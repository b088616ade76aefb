package com.ecsimagesaga.saga.share;

import com.ecsimagesaga.command.CommonRules;
import com.ecsimagesaga.command.Violation;
import com.ecsimagesaga.saga.Replay;
import com.ecsimagesaga.saga.Saga;
import com.ecsimagesaga.saga.SagaDefinition;
import com.ecsimagesaga.saga.SagaInput;
import com.ecsimagesaga.saga.SagaKind;
import com.ecsimagesaga.saga.SagaKinds;
import com.ecsimagesaga.saga.SagaPolicies;
import com.ecsimagesaga.saga.TransitionTable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Sharing an image with accounts, or no longer: one saga per command. */
public final class ShareImageKind implements SagaKind<ShareImageCommand> {

  /**
   * How long a change of share permission may take in all: longer than its two steps together, so
   * each step's own timeout is what ends it.
   */
  static final Duration TIMEOUT = Duration.ofMinutes(30);

  @Override
  public String commandType() {
    return "ShareImage";
  }

  @Override
  public Class<ShareImageCommand> commandClass() {
    return ShareImageCommand.class;
  }

  @Override
  public Class<? extends SagaInput> inputClass() {
    return ShareInput.class;
  }

  @Override
  public TransitionTable table() {
    return ShareImageSaga.TABLE;
  }

  @Override
  public SagaDefinition definition(SagaPolicies policies) {
    return new ShareImageSaga(policies);
  }

  /** A share runs again from its first call: adding and removing accounts is idempotent. */
  @Override
  public Saga.Builder replay(
      Saga failed, Replay.Mode mode, Optional<String> liveImageId, Saga.Builder reset) {
    return reset.step(ShareImageSaga.MODIFY_SHARE_PERMISSION).progress(0);
  }

  @Override
  public Set<String> ruleIds() {
    return Set.of(
        "accounts.required",
        "accounts.too-many",
        "accounts.add-and-remove",
        "account-id.format",
        "account-id.duplicate");
  }

  @Override
  public List<Violation> check(ShareImageCommand c) {
    List<Violation> out = new ArrayList<>();
    CommonRules.commandId(c.commandId(), out);
    CommonRules.regionId("regionId", c.regionId(), out);
    CommonRules.imageId("imageId", c.imageId(), out);
    // ShareImage and UnshareImage name their accounts "accounts" on the wire: so do their reasons.
    AccountRules.check("accounts", c.addAccounts(), out);
    AccountRules.check("accounts", c.removeAccounts(), out);
    if (!c.addAccounts().isEmpty() && !c.removeAccounts().isEmpty()) {
      // No record of the contract carries both: a ShareImage adds, an UnshareImage removes.
      out.add(
          new Violation(
              "accounts",
              "accounts.add-and-remove",
              null,
              "a command either shares the image with accounts or stops sharing it with others;"
                  + " send one of each"));
    }
    if (c.addAccounts().isEmpty() && c.removeAccounts().isEmpty()) {
      out.add(
          new Violation(
              "accounts",
              "accounts.required",
              null,
              "name at least one account to share the image with or to stop sharing it with"));
    }
    return out;
  }

  @Override
  public List<Saga> start(ShareImageCommand c, Instant now, SagaPolicies policies) {
    return List.of(share(c.commandId(), "share", c.regionId(), c.imageId(), c, now));
  }

  /**
   * The saga that shares {@code imageId} with {@code accounts} on behalf of command {@code
   * commandId}; {@code part} tells it apart from the other sagas of that command.
   */
  public static Saga shareWith(
      String commandId,
      String part,
      String regionId,
      String imageId,
      List<String> accounts,
      Instant now) {
    var c = new ShareImageCommand(commandId, now, regionId, imageId, accounts, List.of());
    return share(commandId, part, regionId, imageId, c, now);
  }

  private static Saga share(
      String commandId,
      String part,
      String regionId,
      String imageId,
      ShareImageCommand c,
      Instant now) {
    String own = SagaKinds.childCommandId(commandId, part);
    return Saga.begin(
        SagaKinds.sagaId(own),
        ShareImageSaga.TYPE,
        ShareImageSaga.MODIFY_SHARE_PERMISSION,
        own,
        regionId,
        new ShareInput(commandId, c.addAccounts(), c.removeAccounts()),
        imageId,
        now,
        now.plus(TIMEOUT));
  }
}
