package com.ecsimagesaga.saga.update;

import com.ecsimagesaga.command.FieldRules;
import com.ecsimagesaga.command.ImageTextRules;
import com.ecsimagesaga.command.TagRules;
import com.ecsimagesaga.command.Validated;
import com.ecsimagesaga.command.Violation;
import com.ecsimagesaga.image.ImageChanges;
import com.ecsimagesaga.saga.StepTimeoutRules;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/** Checks an {@link UpdateImageCommand} against the ModifyImageAttribute and tag rules of ECS. */
public final class UpdateImageRules {

  private UpdateImageRules() {}

  public static Validated<ImageChanges> check(UpdateImageCommand c) {
    List<Violation> out = new ArrayList<>();
    FieldRules.commandId(c.commandId(), out);
    FieldRules.regionId(c.regionId(), out);
    FieldRules.imageId(c.imageId(), out);
    ImageTextRules.imageName("imageName", c.imageName(), out);
    if (c.imageName() != null
        && (c.imageName().startsWith("aliyun") || c.imageName().startsWith("acs:"))) {
      out.add(
          Violation.of(
              "imageName",
              "image-name.reserved-prefix",
              c.imageName(),
              "a new image name must not start with aliyun or acs:"));
    }
    ImageTextRules.description(c.description(), out);
    ImageTextRules.imageFamily(c.imageFamily(), out);
    ImageTextRules.oneOf("bootMode", c.bootMode(), ImageTextRules.BOOT_MODES, out);
    TagRules.check(c.addTags(), out);
    removals(c.removeTagKeys(), out);
    if (c.resourceGroupId() != null) {
      FieldRules.resourceId("resourceGroupId", c.resourceGroupId(), "rg-", "resource-group", out);
    }
    StepTimeoutRules.check(c.stepTimeoutSeconds(), UpdateImageSaga.TABLE, out);
    var changes =
        new ImageChanges(
            c.regionId(),
            c.imageId(),
            c.imageName(),
            c.description(),
            c.imageFamily(),
            c.bootMode(),
            c.deprecated(),
            c.addTags(),
            c.removeTagKeys(),
            c.resourceGroupId());
    if (changes.isEmpty()) {
      out.add(
          Violation.of(
              "command",
              "update.empty",
              null,
              "the command changes nothing: set at least one field"));
    }
    return new Validated<>(out.isEmpty() ? changes : null, out, List.of());
  }

  private static void removals(List<String> keys, List<Violation> out) {
    if (keys.size() > 20) {
      out.add(
          Violation.of(
              "removeTagKeys",
              "tags.too-many",
              String.valueOf(keys.size()),
              "at most 20 tag keys can be removed at once"));
      return;
    }
    var seen = new HashSet<String>();
    for (int i = 0; i < keys.size(); i++) {
      String key = keys.get(i);
      String field = "removeTagKeys[" + i + "]";
      if (key == null || key.isEmpty()) {
        out.add(
            Violation.of(field, "tag-key.length", key, "a tag key must be 1-128 characters long"));
      } else if (key.startsWith(TagRules.RESERVED_PREFIX)) {
        out.add(
            Violation.of(
                field,
                "tag-key.reserved",
                key,
                "tags starting with " + TagRules.RESERVED_PREFIX + " belong to the service"));
      } else if (!seen.add(key)) {
        out.add(Violation.of(field, "tag-key.duplicate", key, "each key may be removed once"));
      }
    }
  }
}
