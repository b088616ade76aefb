package com.ecsimagesaga.simulator.action;

import com.ecsimagesaga.simulator.ImageStatus;
import com.ecsimagesaga.simulator.world.ImageRecord;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One image as DescribeImages returns it, including {@code Usable} (which the 5.11.7 SDK does not
 * map).
 */
final class ImageJson {
  private ImageJson() {}

  /** The image at {@code now}; {@code inUse}: whether an instance runs from it ({@code Usage}). */
  static Map<String, Object> of(ImageRecord image, Instant now, boolean inUse) {
    ImageRecord.Phase phase = image.phase(now);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("ImageId", image.imageId);
    json.put("ImageName", image.name);
    json.put("Status", phase.status().name());
    json.put("Progress", phase.progress() + "%");
    json.put("Usable", image.usable(now));
    json.put("CreationTime", Wire.time(image.creationTime));
    json.put("Size", image.sizeGiB);
    json.put("Architecture", image.architecture);
    json.put("Platform", image.platform);
    json.put("OSType", image.osType);
    json.put("OSName", image.platform);
    json.put("OSNameEn", image.platform);
    json.put("ImageOwnerAlias", "self");
    json.put("ImageOwnerId", 1234567890123456L);
    json.put("ImageFamily", image.family);
    json.put("ImageVersion", image.version);
    json.put("Description", image.description);
    json.put("ResourceGroupId", image.resourceGroupId);
    json.put("Usage", inUse ? "instance" : "none");
    json.put("IsCopied", image.isCopy());
    json.put("IsSelfShared", image.sharedWithOthers() ? "true" : "false");
    json.put("IsSubscribed", false);
    json.put("IsSupportIoOptimized", true);
    json.put("IsSupportCloudinit", true);
    json.put("IsPublic", false);
    json.put("BootMode", image.bootMode);
    json.put("LoginAsNonRootSupported", false);
    json.put("ProductCode", "");
    json.put("Features", Map.of("NvmeSupport", image.nvmeSupport));
    json.put("DiskDeviceMappings", Wire.wrap("DiskDeviceMapping", mappings(image, phase)));
    json.put("Tags", Wire.tags(image.tags));
    return json;
  }

  private static List<Map<String, Object>> mappings(ImageRecord image, ImageRecord.Phase phase) {
    boolean done =
        phase.status() == ImageStatus.Available || phase.status() == ImageStatus.Deprecated;
    return image.mappings.stream()
        .map(
            m -> {
              Map<String, Object> json = new LinkedHashMap<>();
              json.put("Device", m.device());
              json.put("Type", m.type());
              json.put("SnapshotId", m.snapshotId());
              json.put("Size", String.valueOf(m.sizeGiB()));
              json.put("Format", "");
              json.put("ImportOSSBucket", "");
              json.put("ImportOSSObject", "");
              json.put("Progress", phase.progress() + "%");
              json.put("RemainTime", done ? 0 : 60);
              return json;
            })
        .toList();
  }
}
