package com.ecsimagesaga.command;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every rule id a rejected command can carry. A {@link Violation} with an id missing here trips an
 * assertion (enabled in tests), so a new rule cannot slip in without being listed, and the
 * end-to-end validation test checks it has a case for each listed rule.
 */
public final class RuleIds {

  /**
   * The rules of the create, update and delete commands, several of which (command id, region,
   * image id, name, description, tags) other kinds check too ({@code SagaKind.ruleIds}).
   */
  public static final Set<String> VALIDATION =
      Set.of(
          "command-id.required",
          "command-id.format",
          "region-id.required",
          "region-id.format",
          "image-id.required",
          "image-id.format",
          "instance-id.format",
          "snapshot-id.format",
          "resource-group-id.format",
          "source.missing",
          "source.ambiguous",
          "image-name.conflict",
          "image-name.forbidden-prefix",
          "image-name.length",
          "image-name.characters",
          "image-name.reserved-prefix",
          "description.forbidden-prefix",
          "description.length",
          "description.characters",
          "architecture.unsupported",
          "platform.unsupported",
          "boot-mode.unsupported",
          "detection-strategy.unsupported",
          "image-family.forbidden-prefix",
          "image-family.format",
          "image-version.format",
          "tags.too-many",
          "tag-key.length",
          "tag-key.forbidden-prefix",
          "tag-key.reserved",
          "tag-key.characters",
          "tag-key.duplicate",
          "tag-value.length",
          "tag-value.forbidden-prefix",
          "tag-value.characters",
          "disk-mappings.system-disk-count",
          "disk-mappings.too-many-data-disks",
          "disk-mappings.system-snapshot-required",
          "disk-type.unsupported",
          "device.malformed",
          "device.duplicate",
          "disk-size.range",
          "timeout.range",
          "step-timeout.unknown-step",
          "step-timeout.not-positive",
          "step-timeout.too-long",
          "update.empty",
          "issued-at.too-early",
          "issued-at.in-future",
          "record-key.mismatch");

  /**
   * Rules the intake applies beyond the command itself: another saga still working on the image.
   */
  public static final Set<String> INTAKE = Set.of("image.busy");

  /**
   * Rules of the JSON command gateway on the request itself, before it is a command: a body that is
   * not JSON, of the wrong media type, too large, with unknown fields or values of the wrong type.
   * They never travel on Kafka. Also the one rule it applies to a command after the command's own:
   * a command of a saga kind that would start no saga (a copy to no region) is not published.
   */
  public static final Set<String> GATEWAY =
      Set.of(
          "body.required",
          "body.too-large",
          "body.malformed",
          "body.unknown-field",
          "body.wrong-type",
          "body.null",
          "content-type.unsupported",
          "replay-mode.unsupported",
          "replay-reason.required",
          "command.starts-nothing",
          "kind.unknown");

  /** All of them, sorted. */
  public static final Set<String> ALL = union();

  private RuleIds() {}

  private static Set<String> union() {
    Set<String> all = new TreeSet<>(VALIDATION);
    all.addAll(INTAKE);
    all.addAll(GATEWAY);
    return Collections.unmodifiableSet(all);
  }
}
