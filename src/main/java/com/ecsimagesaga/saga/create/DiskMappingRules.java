package com.ecsimagesaga.saga.create;

import com.ecsimagesaga.command.FieldRules;
import com.ecsimagesaga.command.Violation;
import com.ecsimagesaga.image.DiskMapping;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** ECS rules for DiskDeviceMapping.N: one system disk on /dev/xvda, up to 16 data disks. */
final class DiskMappingRules {

  private static final Pattern DATA_DEVICE = Pattern.compile("/dev/xvd[b-z]");
  private static final String SYSTEM_DEVICE = "/dev/xvda";
  private static final int MAX_DATA_DISKS = 16;
  private static final int MAX_SIZE_GIB = 32768;

  private DiskMappingRules() {}

  static void check(List<DiskMapping> mappings, List<Violation> out) {
    long systems = mappings.stream().filter(DiskMapping::isSystem).count();
    if (systems != 1) {
      out.add(
          Violation.of(
              "diskDeviceMappings",
              "disk-mappings.system-disk-count",
              String.valueOf(systems),
              "exactly one mapping must have diskType 'system'"));
    }
    if (mappings.size() - systems > MAX_DATA_DISKS) {
      out.add(
          Violation.of(
              "diskDeviceMappings",
              "disk-mappings.too-many-data-disks",
              String.valueOf(mappings.size() - systems),
              "at most " + MAX_DATA_DISKS + " data disks are allowed"));
    }
    Set<String> devices = new HashSet<>();
    for (int i = 0; i < mappings.size(); i++) {
      one("diskDeviceMappings[" + i + "]", mappings.get(i), devices, out);
    }
  }

  private static void one(String field, DiskMapping m, Set<String> devices, List<Violation> out) {
    if (!"system".equals(m.diskType()) && !"data".equals(m.diskType())) {
      out.add(
          Violation.of(
              field + ".diskType",
              "disk-type.unsupported",
              m.diskType(),
              "diskType must be 'system' or 'data'"));
      return;
    }
    if (m.device() != null) {
      boolean valid =
          m.isSystem()
              ? SYSTEM_DEVICE.equals(m.device())
              : DATA_DEVICE.matcher(m.device()).matches();
      if (!valid) {
        out.add(
            Violation.of(
                field + ".device",
                "device.malformed",
                m.device(),
                m.isSystem()
                    ? "the system disk must be /dev/xvda"
                    : "a data disk must be one of /dev/xvdb to /dev/xvdz"));
      } else if (!devices.add(m.device())) {
        out.add(
            Violation.of(
                field + ".device",
                "device.duplicate",
                m.device(),
                "each device may be mapped once"));
      }
    }
    if (m.snapshotId() != null) {
      FieldRules.resourceId(field + ".snapshotId", m.snapshotId(), "s-", "snapshot", out);
    } else if (m.isSystem()) {
      out.add(
          Violation.of(
              field + ".snapshotId",
              "disk-mappings.system-snapshot-required",
              null,
              "the system disk must name a snapshot"));
    }
    if (m.sizeGiB() != null && (m.sizeGiB() < 5 || m.sizeGiB() > MAX_SIZE_GIB)) {
      out.add(
          Violation.of(
              field + ".sizeGiB",
              "disk-size.range",
              String.valueOf(m.sizeGiB()),
              "a disk size must be between 5 and " + MAX_SIZE_GIB + " GiB"));
    }
  }
}
