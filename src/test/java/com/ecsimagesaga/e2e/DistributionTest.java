package com.ecsimagesaga.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ecsimagesaga.contract.v1.CommandRejected;
import com.ecsimagesaga.contract.v1.CopyDestination;
import com.ecsimagesaga.contract.v1.CopyImage;
import com.ecsimagesaga.contract.v1.CreateImage;
import com.ecsimagesaga.contract.v1.Distribution;
import com.ecsimagesaga.contract.v1.ImageCopied;
import com.ecsimagesaga.contract.v1.ImageCopyFailed;
import com.ecsimagesaga.contract.v1.ImageCreated;
import com.ecsimagesaga.contract.v1.ImageShared;
import com.ecsimagesaga.contract.v1.ShareImage;
import com.ecsimagesaga.contract.v1.Tag;
import com.ecsimagesaga.contract.v1.UnshareImage;
import com.ecsimagesaga.saga.create.CreateImageSaga;
import com.ecsimagesaga.simulator.Fault;
import com.ecsimagesaga.simulator.ImageView;
import com.ecsimagesaga.testsupport.EcsSimulatorResource;
import com.ecsimagesaga.testsupport.KafkaBrokerResource;
import com.ecsimagesaga.testsupport.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Golden images in every region, over Kafka on the real stack: one CreateImage with a distribution
 * yields the image, a copy per destination region and the shares, each with its own event, while
 * ECS throttles, loses a CopyImage answer or fails one destination.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(EcsSimulatorResource.class)
class DistributionTest extends SagaTestSupport {

  static final String P = "1234567890123456";
  static final String Q = "6543210987654321";

  @BeforeAll
  static void setUp() {
    connect();
  }

  static CopyDestination to(String region) {
    return CopyDestination.newBuilder()
        .setRegionId(region)
        .setImageName("golden-" + region)
        .setTags(List.of(Tag.newBuilder().setKey("fleet").setValue(region).build()))
        .build();
  }

  static CreateImage distributed(List<String> regions, List<String> accounts) {
    return createFromInstance(seededInstance())
        .setDistribution(
            Distribution.newBuilder()
                .setDestinations(regions.stream().map(DistributionTest::to).toList())
                .setAccounts(accounts)
                .build())
        .build();
  }

  static <T extends SpecificRecord> List<T> awaitAtLeast(
      String commandId, Class<T> type, int count) {
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> eventsFor(commandId).stream().filter(type::isInstance).count() >= count);
    return eventsFor(commandId).stream().filter(type::isInstance).map(type::cast).toList();
  }

  /** The images of {@code region} made by the saga with this id. */
  static List<ImageView> madeBy(String region, String sagaId) {
    return sim().world().images(region).stream()
        .filter(i -> !i.deleted())
        .filter(i -> sagaId.equals(i.tags().get(CreateImageSaga.SAGA_TAG)))
        .toList();
  }

  @Test
  void oneCreateYieldsTheImageACopyPerRegionAndTheSharesDespiteThrottlingAndALostAnswer() {
    sim().faults().next("CopyImage", 1, Fault.throttling());
    sim().faults().next("CopyImage", 1, Fault.lostResponseAfterCommit());
    sim().faults().next("ModifyImageSharePermission", 1, Fault.throttling());
    List<String> regions = List.of("cn-beijing", "cn-shanghai", "cn-shenzhen");
    CreateImage create = distributed(regions, List.of(P, Q));
    publish(create);

    String source = awaitEvent(create.getCommandId(), ImageCreated.class).getImageId();
    List<ImageCopied> copies = awaitAtLeast(create.getCommandId(), ImageCopied.class, 3);
    assertThat(copies)
        .extracting(ImageCopied::getRegionId)
        .containsExactlyInAnyOrderElementsOf(regions);
    assertThat(copies).allMatch(c -> c.getSourceImageId().equals(source) && c.getUsable());
    for (ImageCopied c : copies) {
      List<ImageView> made = madeBy(c.getRegionId(), c.getSagaId());
      assertThat(made).as("one copy in " + c.getRegionId()).hasSize(1);
      assertThat(made.get(0).imageId()).isEqualTo(c.getImageId());
      assertThat(made.get(0).name()).isEqualTo("golden-" + c.getRegionId());
      assertThat(made.get(0).tags()).containsEntry("fleet", c.getRegionId());
      assertThat(sim().world().sharedAccounts(c.getRegionId(), c.getImageId()))
          .containsExactlyInAnyOrder(P, Q);
    }
    List<ImageShared> shares = awaitAtLeast(create.getCommandId(), ImageShared.class, 4);
    assertThat(shares)
        .extracting(ImageShared::getImageId)
        .containsExactlyInAnyOrderElementsOf(
            concat(source, copies.stream().map(ImageCopied::getImageId).toList()));
    assertThat(shares).allMatch(s -> Set.copyOf(s.getAddedAccounts()).equals(Set.of(P, Q)));
    ImageShared ofSource =
        shares.stream().filter(s -> s.getImageId().equals(source)).findFirst().orElseThrow();
    assertThat(ofSource.getVerified()).isTrue();
    assertThat(ofSource.getSharedWith()).containsExactlyInAnyOrder(P, Q);
    assertThat(sim().world().sharedAccounts(REGION, source)).containsExactlyInAnyOrder(P, Q);
    assertThat(sim().faults().pending("CopyImage"))
        .as("the throttle and the lost answer happened")
        .isZero();
    assertThat(sim().faults().pending("ModifyImageSharePermission")).isZero();
    assertThat(eventsFor(create.getCommandId()))
        .as("nothing failed")
        .noneMatch(e -> e.getSchema().getName().endsWith("Failed"));
  }

  @Test
  void aFailedDestinationFailsOnlyItsOwnCopyWhichIsRemoved() {
    sim().reconfigure(b -> b.failingCopyRegions(Set.of("cn-qingdao")));
    try {
      CreateImage create = distributed(List.of("cn-qingdao", "cn-zhangjiakou"), List.of());
      publish(create);
      ImageCopyFailed failed = awaitAtLeast(create.getCommandId(), ImageCopyFailed.class, 1).get(0);
      assertThat(failed.getRegionId()).isEqualTo("cn-qingdao");
      assertThat(failed.getErrorKind()).isEqualTo("IMAGE_COPY_FAILED");
      assertThat(failed.getCompensation()).isEqualTo("COMPENSATED");
      assertThat(madeBy("cn-qingdao", failed.getSagaId()))
          .as("the failed copy is removed")
          .isEmpty();
      ImageCopied copied = awaitAtLeast(create.getCommandId(), ImageCopied.class, 1).get(0);
      assertThat(copied.getRegionId()).isEqualTo("cn-zhangjiakou");
      assertThat(eventsFor(create.getCommandId()))
          .filteredOn(ImageCreated.class::isInstance)
          .hasSize(1);
    } finally {
      sim().reconfigure(b -> b.failingCopyRegions(Set.of()));
    }
  }

  @Test
  void copyShareAndUnshareAnExistingImageByCommand() {
    CreateImage create = createFromInstance(seededInstance()).build();
    publish(create);
    String image = awaitEvent(create.getCommandId(), ImageCreated.class).getImageId();

    CopyImage copy =
        CopyImage.newBuilder()
            .setCommandId(UUID.randomUUID().toString())
            .setIssuedAt(Instant.now())
            .setSourceRegionId(REGION)
            .setSourceImageId(image)
            .setDestinations(List.of(to("cn-nanjing"), to("cn-fuzhou")))
            .build();
    String key = REGION + "/" + image;
    producer.send(COMMANDS, key, CODEC.encode(copy));
    producer.send(COMMANDS, key, CODEC.encode(copy));
    List<ImageCopied> copies = awaitAtLeast(copy.getCommandId(), ImageCopied.class, 2);
    assertThat(copies)
        .extracting(ImageCopied::getRegionId)
        .containsExactlyInAnyOrder("cn-nanjing", "cn-fuzhou");

    ShareImage share =
        ShareImage.newBuilder()
            .setCommandId(UUID.randomUUID().toString())
            .setIssuedAt(Instant.now())
            .setRegionId(REGION)
            .setImageId(image)
            .setAccounts(List.of(P, Q))
            .build();
    producer.send(COMMANDS, key, CODEC.encode(share));
    assertThat(awaitEvent(share.getCommandId(), ImageShared.class).getSharedWith())
        .containsExactlyInAnyOrder(P, Q);
    UnshareImage unshare =
        UnshareImage.newBuilder()
            .setCommandId(UUID.randomUUID().toString())
            .setIssuedAt(Instant.now())
            .setRegionId(REGION)
            .setImageId(image)
            .setAccounts(List.of(Q))
            .build();
    producer.send(COMMANDS, key, CODEC.encode(unshare));
    ImageShared after = awaitEvent(unshare.getCommandId(), ImageShared.class);
    assertThat(after.getRemovedAccounts()).containsExactly(Q);
    assertThat(after.getSharedWith()).containsExactly(P);

    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                eventsFor(copy.getCommandId()).stream()
                        .filter(ImageCopied.class::isInstance)
                        .count()
                    == 2);
    for (ImageCopied c : copies) {
      assertThat(madeBy(c.getRegionId(), c.getSagaId()))
          .as("a redelivered CopyImage makes no second copy")
          .hasSize(1);
    }
  }

  @Test
  void aDeleteKeepsTheCopiesUnlessAskedAndThenDeletesEachOfThemToo() {
    CreateImage create = distributed(List.of("cn-huhehaote", "cn-wulanchabu"), List.of());
    publish(create);
    String source = awaitEvent(create.getCommandId(), ImageCreated.class).getImageId();
    List<ImageCopied> copies = awaitAtLeast(create.getCommandId(), ImageCopied.class, 2);

    var keep =
        com.ecsimagesaga.contract.v1.DeleteImage.newBuilder(deleteCommand(source, false)).build();
    publish(keep);
    awaitEvent(keep.getCommandId(), com.ecsimagesaga.contract.v1.ImageDeleted.class);
    for (ImageCopied c : copies) {
      assertThat(sim().world().image(c.getRegionId(), c.getImageId()))
          .as("copies are kept by default")
          .hasValueSatisfying(i -> assertThat(i.deleted()).isFalse());
    }

    // The source is gone; deleting it again with deleteCopies removes the copies it had.
    var all =
        com.ecsimagesaga.contract.v1.DeleteImage.newBuilder(deleteCommand(source, false))
            .setDeleteCopies(true)
            .build();
    publish(all);
    for (ImageCopied c : copies) {
      String child = all.getCommandId() + "/copy/" + c.getRegionId();
      var deleted = awaitEvent(child, com.ecsimagesaga.contract.v1.ImageDeleted.class);
      assertThat(deleted.getImageId()).isEqualTo(c.getImageId());
      assertThat(deleted.getRegionId()).isEqualTo(c.getRegionId());
      assertThat(madeBy(c.getRegionId(), c.getSagaId())).isEmpty();
    }
    assertThat(
            awaitEvent(all.getCommandId(), com.ecsimagesaga.contract.v1.ImageDeleted.class)
                .getAlreadyAbsent())
        .isTrue();
  }

  @Test
  void aSharedImageIsDeletedOnlyWithForceWhichStopsSharingItWithEveryAccountFirst() {
    CreateImage create = createFromInstance(seededInstance()).build();
    publish(create);
    String image = awaitEvent(create.getCommandId(), ImageCreated.class).getImageId();
    // Twelve accounts: more than one ModifyImageSharePermission may remove.
    List<String> accounts = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      accounts.add(String.format("%016d", 1000 + i));
    }
    ShareImage share =
        ShareImage.newBuilder()
            .setCommandId(UUID.randomUUID().toString())
            .setIssuedAt(Instant.now())
            .setRegionId(REGION)
            .setImageId(image)
            .setAccounts(accounts)
            .build();
    producer.send(COMMANDS, REGION + "/" + image, CODEC.encode(share));
    assertThat(awaitEvent(share.getCommandId(), ImageShared.class).getSharedWith())
        .containsExactlyInAnyOrderElementsOf(accounts);

    var plain = deleteCommand(image, false);
    publish(plain);
    var refused =
        awaitEvent(plain.getCommandId(), com.ecsimagesaga.contract.v1.ImageDeletionFailed.class);
    assertThat(refused.getErrorCode()).isEqualTo("ImageUseShared");
    assertThat(sim().world().image(REGION, image))
        .hasValueSatisfying(i -> assertThat(i.deleted()).isFalse());

    long removals = sim().counters().count("ModifyImageSharePermission");
    var forced = deleteCommand(image, true);
    publish(forced);
    awaitEvent(forced.getCommandId(), com.ecsimagesaga.contract.v1.ImageDeleted.class);
    assertThat(sim().world().image(REGION, image).filter(i -> !i.deleted())).isEmpty();
    assertThat(sim().counters().count("ModifyImageSharePermission") - removals)
        .as("twelve accounts removed ten at a time")
        .isEqualTo(2);
  }

  @Test
  void aCopyImageThatBreaksItsRulesIsRejectedWithEveryReason() {
    CopyImage copy =
        CopyImage.newBuilder()
            .setCommandId(UUID.randomUUID().toString())
            .setIssuedAt(Instant.now())
            .setSourceRegionId(REGION)
            .setSourceImageId("m-abc")
            .setDestinations(List.of(to("cn-beijing"), to("cn-beijing")))
            .setShareWith(List.of("not-an-account"))
            .build();
    producer.send(COMMANDS, REGION + "/m-abc", CODEC.encode(copy));
    CommandRejected rejected = awaitEvent(copy.getCommandId(), CommandRejected.class);
    assertThat(rejected.getCommandType()).isEqualTo("CopyImage");
    assertThat(rejected.getViolations())
        .extracting(v -> v.getField() + " " + v.getRule())
        .containsExactlyInAnyOrder(
            "destinations[1].regionId destination.duplicate", "shareWith[0] account-id.format");
  }

  private static List<String> concat(String first, List<String> rest) {
    return java.util.stream.Stream.concat(java.util.stream.Stream.of(first), rest.stream())
        .collect(Collectors.toList());
  }
}
