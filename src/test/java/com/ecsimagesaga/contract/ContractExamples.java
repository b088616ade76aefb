package com.ecsimagesaga.contract;

import com.ecsimagesaga.command.Violation;
import com.ecsimagesaga.contract.v1.CopyDestination;
import com.ecsimagesaga.contract.v1.CopyImage;
import com.ecsimagesaga.contract.v1.CreateImage;
import com.ecsimagesaga.contract.v1.DeleteImage;
import com.ecsimagesaga.contract.v1.DiskDeviceMapping;
import com.ecsimagesaga.contract.v1.ReplaySagas;
import com.ecsimagesaga.contract.v1.ShareImage;
import com.ecsimagesaga.contract.v1.Tag;
import com.ecsimagesaga.contract.v1.UnshareImage;
import com.ecsimagesaga.contract.v1.UpdateImage;
import com.ecsimagesaga.port.OutboxMessage;
import com.ecsimagesaga.saga.Failure;
import com.ecsimagesaga.saga.SagaEvent;
import com.ecsimagesaga.saga.copy.CopyEvents;
import com.ecsimagesaga.saga.copy.CopyImageSaga;
import com.ecsimagesaga.saga.create.CreateEvents;
import com.ecsimagesaga.saga.create.CreateImageSaga;
import com.ecsimagesaga.saga.delete.DeleteEvents;
import com.ecsimagesaga.saga.delete.DeleteImageSaga;
import com.ecsimagesaga.saga.share.ShareEvents;
import com.ecsimagesaga.saga.share.ShareImageSaga;
import com.ecsimagesaga.saga.update.UpdateEvents;
import com.ecsimagesaga.saga.update.UpdateImageSaga;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;

/**
 * One real record of each type, as a producer writes a command (the generated classes and the
 * single-object encoding) and as the service's own event encoder writes an event (key, headers and
 * payload), for the examples in docs/contract.md.
 */
final class ContractExamples {

  static final Instant AT = Instant.parse("2026-12-01T08:00:00Z");
  static final UUID SAGA = UUID.fromString("5b0c3f4e-2d7a-4a39-9c1e-0f6b8d2e7a11");
  static final String COMMAND = "orders-svc-20261201-0001";
  static final String REGION = "cn-hangzhou";
  static final String IMAGE = "m-bp1g7004ksh0oeuc2mqx";
  static final UUID COPY_SAGA = UUID.fromString("7e2d9a1c-4b3f-4e58-8d6a-1c0f9b3e5a22");
  static final String COPY = "m-2ze0cm5xlt3mwqwn7kqa";
  static final String TRACE = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  /** A command: its record key and record. */
  record Command(String key, SpecificRecord record) {}

  private ContractExamples() {}

  static List<Command> commands() {
    return List.of(
        new Command(
            REGION + "/web-base-v1",
            CreateImage.newBuilder()
                .setCommandId(COMMAND)
                .setIssuedAt(AT)
                .setRegionId(REGION)
                .setInstanceId("i-bp67acfmxazb4ph0001")
                .setImageName("web-base-v1")
                .setDescription("golden web image")
                .setTags(List.of(Tag.newBuilder().setKey("team").setValue("web").build()))
                .setDiskDeviceMappings(List.<DiskDeviceMapping>of())
                .setStepTimeoutSeconds(Map.of("AWAIT_IMAGE_USABLE", 3600))
                .build()),
        new Command(
            REGION + "/" + IMAGE,
            UpdateImage.newBuilder()
                .setCommandId("orders-svc-20261201-0002")
                .setIssuedAt(AT)
                .setRegionId(REGION)
                .setImageId(IMAGE)
                .setDescription("golden web image, patched")
                .setAddTags(List.of(Tag.newBuilder().setKey("env").setValue("prod").build()))
                .setRemoveTagKeys(List.of("draft"))
                .build()),
        new Command(
            REGION + "/" + IMAGE,
            DeleteImage.newBuilder()
                .setCommandId("orders-svc-20261201-0003")
                .setIssuedAt(AT)
                .setRegionId(REGION)
                .setImageId(IMAGE)
                .setDeleteSnapshots(true)
                .build()),
        new Command(
            REGION + "/" + IMAGE,
            CopyImage.newBuilder()
                .setCommandId("orders-svc-20261201-0005")
                .setIssuedAt(AT)
                .setSourceRegionId(REGION)
                .setSourceImageId(IMAGE)
                .setDestinations(
                    List.of(
                        CopyDestination.newBuilder()
                            .setRegionId("cn-beijing")
                            .setImageName("web-base-v1-bj")
                            .setTags(List.of())
                            .build()))
                .setShareWith(List.of("1234567890123456"))
                .build()),
        new Command(
            REGION + "/" + IMAGE,
            ShareImage.newBuilder()
                .setCommandId("orders-svc-20261201-0006")
                .setIssuedAt(AT)
                .setRegionId(REGION)
                .setImageId(IMAGE)
                .setAccounts(List.of("1234567890123456", "6543210987654321"))
                .build()),
        new Command(
            REGION + "/" + IMAGE,
            UnshareImage.newBuilder()
                .setCommandId("orders-svc-20261201-0007")
                .setIssuedAt(AT)
                .setRegionId(REGION)
                .setImageId(IMAGE)
                .setAccounts(List.of("6543210987654321"))
                .build()),
        new Command(
            "ops-replay-0001",
            ReplaySagas.newBuilder()
                .setCommandId("ops-replay-0001")
                .setIssuedAt(AT)
                .setRequestedBy("alice")
                .setReason("RAM policy fixed, OPS-42")
                .setMode("resume")
                .setDryRun(false)
                .setSagaIds(List.of())
                .setStatuses(List.of("FAILED"))
                .setErrorCode("Forbidden.RAM")
                .setRegionId(REGION)
                .build()));
  }

  static List<SagaEvent> events() {
    Failure quota =
        new Failure(
            CreateImageSaga.SUBMIT_CREATE_IMAGE,
            "PERMANENT",
            "QuotaExceed.Image",
            "The quota of custom images is exceeded.",
            "7C1D3E2A-5B6F-4C8D-9E0F-1A2B3C4D5E6F");
    Failure inUse =
        new Failure(
            DeleteImageSaga.SUBMIT_DELETE_IMAGE,
            "PERMANENT",
            "ImageUsingByInstance",
            "The image is in use by instances.",
            "2F4A6C8E-0B1D-4E3F-8A5C-7D9E1F2A3B4C");
    return List.of(
        new CreateEvents.ImageCreationProgressed(
            id(1),
            SAGA,
            COMMAND,
            AT,
            REGION,
            "",
            "Queued",
            0,
            CreateEvents.ImageCreationProgressed.WAITING_FOR_QUOTA,
            AT.plusSeconds(40)),
        new CreateEvents.ImageCreationProgressed(
            id(2), SAGA, COMMAND, AT.plusSeconds(95), REGION, IMAGE, "Creating", 40),
        new CreateEvents.ImageCreated(
            id(3),
            SAGA,
            COMMAND,
            AT.plusSeconds(300),
            REGION,
            IMAGE,
            "web-base-v1",
            "Available",
            true,
            List.of("s-bp1a2b3c4d5e6f7g8h9i")),
        new CreateEvents.ImageCreationFailed(
            id(4), SAGA, COMMAND, AT.plusSeconds(20), REGION, null, quota, "NOT_NEEDED"),
        new UpdateEvents.ImageUpdated(
            id(5),
            SAGA,
            "orders-svc-20261201-0002",
            AT.plusSeconds(3),
            REGION,
            IMAGE,
            List.of("attributes", "tags-added", "tags-removed")),
        new UpdateEvents.ImageUpdateFailed(
            id(6),
            SAGA,
            "orders-svc-20261201-0002",
            AT.plusSeconds(3),
            REGION,
            IMAGE,
            new Failure(
                UpdateImageSaga.TAG_IMAGE,
                "PERMANENT",
                "InvalidTagKey.Malformed",
                "The specified tag key is not valid.",
                "9A8B7C6D-5E4F-4A3B-2C1D-0E9F8A7B6C5D"),
            List.of("attributes")),
        new DeleteEvents.ImageDeleted(
            id(7),
            SAGA,
            "orders-svc-20261201-0003",
            AT.plusSeconds(12),
            REGION,
            IMAGE,
            false,
            List.of("s-bp1a2b3c4d5e6f7g8h9i")),
        new DeleteEvents.ImageDeletionFailed(
            id(8), SAGA, "orders-svc-20261201-0003", AT.plusSeconds(2), REGION, IMAGE, inUse),
        new SagaEvent.SagaStateReported(
            id(9),
            SAGA,
            COMMAND,
            AT.plusSeconds(100),
            REGION,
            "CREATE_IMAGE",
            "WAITING",
            "AWAIT_IMAGE_USABLE",
            IMAGE,
            40,
            null),
        new SagaEvent.SagaStuck(
            id(10),
            SAGA,
            COMMAND,
            AT.plusSeconds(4000),
            REGION,
            "CREATE_IMAGE",
            "WAITING",
            "AWAIT_IMAGE_USABLE",
            0,
            "due 5m ago and not advanced"),
        new CopyEvents.ImageCopyProgressed(
            id(12),
            COPY_SAGA,
            "orders-svc-20261201-0005",
            AT.plusSeconds(60),
            "cn-beijing",
            COPY,
            REGION,
            IMAGE,
            "Creating",
            30),
        new CopyEvents.ImageCopied(
            id(13),
            COPY_SAGA,
            "orders-svc-20261201-0005",
            AT.plusSeconds(900),
            "cn-beijing",
            COPY,
            REGION,
            IMAGE,
            "web-base-v1-bj",
            "Available",
            true),
        new CopyEvents.ImageCopyFailed(
            id(14),
            COPY_SAGA,
            "orders-svc-20261201-0005",
            AT.plusSeconds(5),
            "cn-beijing",
            null,
            REGION,
            IMAGE,
            new Failure(
                CopyImageSaga.SUBMIT_COPY_IMAGE,
                "PERMANENT",
                "DestinationRegion.NotFound",
                "The specified destination region does not exist.",
                "5D4C3B2A-1F0E-4D9C-8B7A-6F5E4D3C2B1A"),
            "NOT_NEEDED"),
        new ShareEvents.ImageShared(
            id(15),
            COPY_SAGA,
            "orders-svc-20261201-0006",
            AT.plusSeconds(4),
            REGION,
            IMAGE,
            List.of("1234567890123456", "6543210987654321"),
            List.of(),
            List.of("1234567890123456", "6543210987654321"),
            true),
        new ShareEvents.ImageShareFailed(
            id(16),
            COPY_SAGA,
            "orders-svc-20261201-0006",
            AT.plusSeconds(2),
            REGION,
            IMAGE,
            List.of("1234567890123456"),
            List.of(),
            new Failure(
                ShareImageSaga.MODIFY_SHARE_PERMISSION,
                "PERMANENT",
                "InvalidAccount.NotFound",
                "The specified account does not exist.",
                "3B2A1F0E-9D8C-4B7A-6F5E-4D3C2B1A0F9E")));
  }

  static List<Violation> violations() {
    return List.of(
        new Violation("imageName", "imageName.pattern", "1-bad", "must start with a letter"));
  }

  static OutboxMessage traced(OutboxMessage m) {
    return m.inTrace(TRACE);
  }

  static UUID id(int n) {
    return UUID.fromString(String.format("0c9e6f5a-1d2b-4c3e-8f4a-%012d", n));
  }
}
