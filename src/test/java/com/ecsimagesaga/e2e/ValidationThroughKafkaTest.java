package com.ecsimagesaga.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ecsimagesaga.command.RuleIds;
import com.ecsimagesaga.contract.v1.CommandRejected;
import com.ecsimagesaga.contract.v1.CreateImage;
import com.ecsimagesaga.contract.v1.DeleteImage;
import com.ecsimagesaga.contract.v1.DiskDeviceMapping;
import com.ecsimagesaga.contract.v1.Tag;
import com.ecsimagesaga.contract.v1.UpdateImage;
import com.ecsimagesaga.contract.v1.Violation;
import com.ecsimagesaga.testsupport.EcsSimulatorResource;
import com.ecsimagesaga.testsupport.KafkaBrokerResource;
import com.ecsimagesaga.testsupport.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every validation rule, end to end: one Avro command per rule on the command topic, and for each a
 * CommandRejected event naming that field, rule and value, while ECS sees no call that changes
 * anything. The cases must cover {@link RuleIds#VALIDATION} exactly, so a new rule without a case
 * fails here. All commands are published first and awaited afterwards, so the test takes about as
 * long as one rejection.
 *
 * <p>The one intake rule, {@code image.busy}, needs a saga still working on the image; {@code
 * CreateAndDeleteImageTest.aDeleteWhileTheImageIsStillBeingCreatedIsRefusedWithAReason} covers it.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(EcsSimulatorResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ValidationThroughKafkaTest extends SagaTestSupport {

  /** ECS calls that would change something: none may happen for a rejected command. */
  static final List<String> CHANGING_CALLS =
      List.of(
          "CreateImage",
          "ModifyImageAttribute",
          "DeleteImage",
          "TagResources",
          "UntagResources",
          "JoinResourceGroup",
          "DeleteSnapshot");

  static final List<Case> CASES = cases();
  static final Map<String, Long> CALLS_BEFORE = new LinkedHashMap<>();

  /**
   * One command that breaks one rule.
   *
   * @param value the offending value the violation must carry, or null when the field is missing
   */
  record Case(
      String rule,
      String commandType,
      SpecificRecord command,
      String key,
      String field,
      String value) {

    String commandId() {
      return String.valueOf(command.get(command.getSchema().getField("commandId").pos()));
    }

    @Override
    public String toString() {
      return commandType + " " + rule;
    }
  }

  @BeforeAll
  static void publishEveryCase() {
    connect();
    CHANGING_CALLS.forEach(action -> CALLS_BEFORE.put(action, sim().counters().count(action)));
    CASES.forEach(c -> producer.sendAsync(COMMANDS, c.key(), CODEC.encode(c.command())));
  }

  static List<Case> cases() {
    List<Case> all = new ArrayList<>();
    // Fields every command has.
    all.add(create("command-id.required", "commandId", "  ", b -> b.setCommandId("  ")));
    String badId = "not an id " + UUID.randomUUID();
    all.add(create("command-id.format", "commandId", badId, b -> b.setCommandId(badId)));
    all.add(create("region-id.required", "regionId", "", b -> b.setRegionId("")));
    all.add(create("region-id.format", "regionId", "Hangzhou!", b -> b.setRegionId("Hangzhou!")));
    all.add(delete("image-id.required", "imageId", "", b -> b.setImageId("")));
    all.add(
        delete("image-id.format", "imageId", "i-notanimage", b -> b.setImageId("i-notanimage")));
    // The source of a new image.
    all.add(create("source.missing", "source", null, b -> b.setInstanceId(null)));
    all.add(create("source.ambiguous", "source", null, b -> b.setSnapshotId("s-abc123")));
    all.add(create("instance-id.format", "instanceId", "m-abc", b -> b.setInstanceId("m-abc")));
    all.add(
        create(
            "snapshot-id.format",
            "snapshotId",
            "s-a b",
            b -> b.setInstanceId(null).setSnapshotId("s-a b")));
    all.add(
        create(
            "disk-mappings.system-disk-count",
            "diskDeviceMappings",
            "0",
            b -> b.setInstanceId(null).setDiskDeviceMappings(List.of(data("/dev/xvdb", 100)))));
    all.add(
        create(
            "disk-mappings.too-many-data-disks",
            "diskDeviceMappings",
            "17",
            b ->
                b.setInstanceId(null)
                    .setDiskDeviceMappings(
                        withSystem(
                            IntStream.range(0, 17)
                                .mapToObj(i -> data("/dev/xvd" + (char) ('b' + i), 100))
                                .toList()))));
    all.add(
        create(
            "disk-mappings.system-snapshot-required",
            "diskDeviceMappings[0].snapshotId",
            null,
            b ->
                b.setInstanceId(null)
                    .setDiskDeviceMappings(
                        List.of(
                            DiskDeviceMapping.newBuilder()
                                .setDevice("/dev/xvda")
                                .setDiskType("system")
                                .build()))));
    all.add(
        create(
            "disk-type.unsupported",
            "diskDeviceMappings[1].diskType",
            "cache",
            b ->
                b.setInstanceId(null)
                    .setDiskDeviceMappings(
                        withSystem(
                            List.of(
                                DiskDeviceMapping.newBuilder().setDiskType("cache").build())))));
    all.add(
        create(
            "device.malformed",
            "diskDeviceMappings[1].device",
            "/dev/sdb",
            b ->
                b.setInstanceId(null)
                    .setDiskDeviceMappings(withSystem(List.of(data("/dev/sdb", 100))))));
    all.add(
        create(
            "device.duplicate",
            "diskDeviceMappings[2].device",
            "/dev/xvdb",
            b ->
                b.setInstanceId(null)
                    .setDiskDeviceMappings(
                        withSystem(List.of(data("/dev/xvdb", 100), data("/dev/xvdb", 200))))));
    all.add(
        create(
            "disk-size.range",
            "diskDeviceMappings[1].sizeGiB",
            "4",
            b ->
                b.setInstanceId(null)
                    .setDiskDeviceMappings(withSystem(List.of(data("/dev/xvdb", 4))))));
    // Names and texts.
    all.add(create("image-name.conflict", "name", "other-name", b -> b.setName("other-name")));
    all.add(
        create(
            "image-name.forbidden-prefix",
            "imageName",
            "http://evil",
            b -> b.setImageName("http://evil")));
    all.add(create("image-name.length", "imageName", "a", b -> b.setImageName("a")));
    all.add(create("image-name.characters", "imageName", "9lives", b -> b.setImageName("9lives")));
    all.add(
        update(
            "image-name.reserved-prefix",
            "imageName",
            "aliyun-web",
            b -> b.setImageName("aliyun-web")));
    all.add(
        create(
            "description.forbidden-prefix",
            "description",
            "https://x.example",
            b -> b.setDescription("https://x.example")));
    all.add(create("description.length", "description", "x", b -> b.setDescription("x")));
    all.add(
        create(
            "description.characters",
            "description",
            "line\u0007bell",
            b -> b.setDescription("line\u0007bell")));
    all.add(
        create(
            "architecture.unsupported", "architecture", "sparc", b -> b.setArchitecture("sparc")));
    all.add(
        create("platform.unsupported", "platform", "Windows 95", b -> b.setPlatform("Windows 95")));
    all.add(create("boot-mode.unsupported", "bootMode", "LEGACY", b -> b.setBootMode("LEGACY")));
    all.add(
        create(
            "detection-strategy.unsupported",
            "detectionStrategy",
            "Fast",
            b -> b.setDetectionStrategy("Fast")));
    all.add(
        create(
            "image-family.forbidden-prefix",
            "imageFamily",
            "aliyun-family",
            b -> b.setImageFamily("aliyun-family")));
    all.add(
        create("image-family.format", "imageFamily", "9family", b -> b.setImageFamily("9family")));
    all.add(create("image-version.format", "imageVersion", "v 1", b -> b.setImageVersion("v 1")));
    all.add(
        create(
            "resource-group-id.format",
            "resourceGroupId",
            "group1",
            b -> b.setResourceGroupId("group1")));
    // Tags.
    all.add(
        create(
            "tags.too-many",
            "tags",
            "20",
            b -> b.setTags(IntStream.range(0, 20).mapToObj(i -> tag("k" + i, "v")).toList())));
    all.add(create("tag-key.length", "tags[0].key", "", b -> b.setTags(List.of(tag("", "v")))));
    all.add(
        create(
            "tag-key.forbidden-prefix",
            "tags[0].key",
            "aliyun-key",
            b -> b.setTags(List.of(tag("aliyun-key", "v")))));
    all.add(
        create(
            "tag-key.reserved",
            "tags[0].key",
            "ecs-image-saga/mine",
            b -> b.setTags(List.of(tag("ecs-image-saga/mine", "v")))));
    all.add(
        create(
            "tag-key.characters",
            "tags[0].key",
            "see http://x",
            b -> b.setTags(List.of(tag("see http://x", "v")))));
    all.add(
        create(
            "tag-key.duplicate",
            "tags[1].key",
            "team",
            b -> b.setTags(List.of(tag("team", "a"), tag("team", "b")))));
    String longValue = "v".repeat(129);
    all.add(
        create(
            "tag-value.length",
            "tags[0].value",
            longValue,
            b -> b.setTags(List.of(tag("k", longValue)))));
    all.add(
        create(
            "tag-value.forbidden-prefix",
            "tags[0].value",
            "acs:x",
            b -> b.setTags(List.of(tag("k", "acs:x")))));
    all.add(
        create(
            "tag-value.characters",
            "tags[0].value",
            "a\u0007b",
            b -> b.setTags(List.of(tag("k", "a\u0007b")))));
    // Timeouts.
    all.add(create("timeout.range", "timeoutSeconds", "5", b -> b.setTimeoutSeconds(5)));
    all.add(
        create(
            "step-timeout.unknown-step",
            "stepTimeoutSeconds[AWAIT_IMAGE_GONE]",
            "AWAIT_IMAGE_GONE",
            b -> b.setStepTimeoutSeconds(Map.of("AWAIT_IMAGE_GONE", 60))));
    all.add(
        delete(
            "step-timeout.not-positive",
            "stepTimeoutSeconds[AWAIT_IMAGE_GONE]",
            "0",
            b -> b.setStepTimeoutSeconds(Map.of("AWAIT_IMAGE_GONE", 0))));
    all.add(
        update(
            "step-timeout.too-long",
            "stepTimeoutSeconds[TAG_IMAGE]",
            "604801",
            b -> b.setStepTimeoutSeconds(Map.of("TAG_IMAGE", 604801))));
    // Updates.
    all.add(update("update.empty", "command", null, b -> b.setImageName(null)));
    // How the command travels: when it was issued, the key it was published under.
    all.add(
        create(
            "issued-at.too-early",
            "issuedAt",
            "1970-01-01T00:00:00Z",
            b -> b.setIssuedAt(Instant.EPOCH)));
    Instant tomorrow = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.MILLIS);
    all.add(
        update(
            "issued-at.in-future", "issuedAt", tomorrow.toString(), b -> b.setIssuedAt(tomorrow)));
    Case delete = delete("record-key.mismatch", "recordKey", "cn-hangzhou/m-other", b -> {});
    all.add(
        new Case(
            delete.rule(),
            delete.commandType(),
            delete.command(),
            "cn-hangzhou/m-other",
            delete.field(),
            delete.value()));
    return all;
  }

  static Case create(
      String rule, String field, String value, Consumer<CreateImage.Builder> breakIt) {
    String commandId = UUID.randomUUID().toString();
    var b =
        CreateImage.newBuilder()
            .setCommandId(commandId)
            .setIssuedAt(Instant.now())
            .setRegionId(REGION)
            .setInstanceId("i-valid0001")
            .setImageName("img-" + commandId.substring(0, 8))
            .setDescription("a valid description");
    breakIt.accept(b);
    CreateImage c = b.build();
    return new Case(rule, "CreateImage", c, c.getRegionId() + "/" + c.getImageName(), field, value);
  }

  static Case update(
      String rule, String field, String value, Consumer<UpdateImage.Builder> breakIt) {
    var b =
        UpdateImage.newBuilder()
            .setCommandId(UUID.randomUUID().toString())
            .setIssuedAt(Instant.now())
            .setRegionId(REGION)
            .setImageId("m-validation0001")
            .setImageName("renamed-image");
    breakIt.accept(b);
    UpdateImage u = b.build();
    return new Case(rule, "UpdateImage", u, u.getRegionId() + "/" + u.getImageId(), field, value);
  }

  static Case delete(
      String rule, String field, String value, Consumer<DeleteImage.Builder> breakIt) {
    var b = DeleteImage.newBuilder(deleteCommand("m-validation0002", false));
    breakIt.accept(b);
    DeleteImage d = b.build();
    return new Case(rule, "DeleteImage", d, d.getRegionId() + "/" + d.getImageId(), field, value);
  }

  static DiskDeviceMapping data(String device, int sizeGiB) {
    return DiskDeviceMapping.newBuilder()
        .setDevice(device)
        .setDiskType("data")
        .setSizeGiB(sizeGiB)
        .build();
  }

  static List<DiskDeviceMapping> withSystem(List<DiskDeviceMapping> dataDisks) {
    List<DiskDeviceMapping> all = new ArrayList<>();
    all.add(
        DiskDeviceMapping.newBuilder()
            .setDevice("/dev/xvda")
            .setDiskType("system")
            .setSnapshotId("s-system0001")
            .build());
    all.addAll(dataDisks);
    return all;
  }

  static Tag tag(String key, String value) {
    return Tag.newBuilder().setKey(key).setValue(value).build();
  }

  @Test
  @Order(1)
  void theCasesCoverEveryValidationRuleOnce() {
    Map<String, Long> perRule =
        CASES.stream().collect(Collectors.groupingBy(Case::rule, Collectors.counting()));
    assertThat(perRule.keySet())
        .as("rules with a case; a rule without one must get a case here")
        .containsExactlyInAnyOrderElementsOf(RuleIds.VALIDATION);
    assertThat(perRule).allSatisfy((rule, n) -> assertThat(n).as(rule).isEqualTo(1));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  @Order(2)
  void eachBrokenRuleIsRejectedWithItsFieldRuleAndValue(Case c) {
    Case published =
        CASES.stream().filter(p -> p.rule().equals(c.rule())).findFirst().orElseThrow();
    CommandRejected rejected = awaitEvent(published.commandId(), CommandRejected.class);
    assertThat(rejected.getCommandType()).isEqualTo(published.commandType());
    assertThat(rejected.getSagaId()).isNull();
    assertThat(rejected.getViolations())
        .as("violations of %s", published)
        .anySatisfy(
            v -> {
              assertThat(v.getRule()).isEqualTo(published.rule());
              assertThat(v.getField()).isEqualTo(published.field());
              assertThat(v.getValue()).isEqualTo(published.value());
              assertThat(v.getMessage()).isNotBlank();
            });
    assertThat(rejected.getViolations())
        .extracting(Violation::getRule)
        .allMatch(RuleIds.VALIDATION::contains);
  }

  @Test
  @Order(3)
  void noRejectedCommandReachedEcs() {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                CASES.stream()
                    .allMatch(
                        c ->
                            eventsFor(c.commandId()).stream()
                                .anyMatch(CommandRejected.class::isInstance)));
    CHANGING_CALLS.forEach(
        action ->
            assertThat(sim().counters().count(action))
                .as(action)
                .isEqualTo(CALLS_BEFORE.get(action)));
  }
}
