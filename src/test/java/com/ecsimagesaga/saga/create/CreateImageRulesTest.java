package com.ecsimagesaga.saga.create;

import static com.ecsimagesaga.testsupport.Commands.aCreateImageCommand;
import static org.assertj.core.api.Assertions.assertThat;

import com.ecsimagesaga.command.Validated;
import com.ecsimagesaga.command.Violation;
import com.ecsimagesaga.image.DiskMapping;
import com.ecsimagesaga.image.ImageSource;
import com.ecsimagesaga.image.ImageTag;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CreateImageRulesTest {

  private static List<String> rules(Validated<?> v) {
    return v.violations().stream().map(Violation::rule).toList();
  }

  @Test
  void aValidCommandBecomesASpecFromItsInstance() {
    var v = CreateImageRules.check(aCreateImageCommand().instanceId("i-abc123").build());
    assertThat(v.isValid()).isTrue();
    assertThat(v.value().source()).isEqualTo(new ImageSource.FromInstance("i-abc123"));
  }

  @ParameterizedTest
  @CsvSource({
    "http://evil, image-name.forbidden-prefix",
    "HTTPS://evil, image-name.forbidden-prefix",
    "a, image-name.length",
    "1image, image-name.characters",
    "web base, image-name.characters",
    "_web, image-name.characters"
  })
  void imageNamesFollowTheEcsRules(String name, String rule) {
    var v = CreateImageRules.check(aCreateImageCommand().imageName(name).build());
    assertThat(v.violations())
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.field()).isEqualTo("imageName");
              assertThat(x.rule()).isEqualTo(rule);
              assertThat(x.value()).isEqualTo(name);
            });
  }

  @Test
  void chineseNamesAndDotsAreAllowed() {
    assertThat(
            CreateImageRules.check(aCreateImageCommand().imageName("镜像-web.v1:2").build())
                .isValid())
        .isTrue();
  }

  @Test
  void everyViolationIsReportedNotJustTheFirst() {
    var c =
        aCreateImageCommand()
            .commandId("")
            .imageName("http://x")
            .description("x")
            .architecture("sparc")
            .platform("Plan9")
            .tags(List.of(new ImageTag("aliyun-x", "v"), new ImageTag("k", "acs:v")))
            .build();
    assertThat(rules(CreateImageRules.check(c)))
        .containsExactlyInAnyOrder(
            "command-id.required",
            "image-name.forbidden-prefix",
            "description.length",
            "architecture.unsupported",
            "platform.unsupported",
            "tag-key.forbidden-prefix",
            "tag-value.forbidden-prefix");
  }

  @Test
  void exactlyOneSourceMustBeNamed() {
    assertThat(rules(CreateImageRules.check(aCreateImageCommand().instanceId(null).build())))
        .containsExactly("source.missing");
    assertThat(rules(CreateImageRules.check(aCreateImageCommand().snapshotId("s-abc").build())))
        .containsExactly("source.ambiguous");
  }

  @Test
  void resourceIdsAreChecked() {
    assertThat(rules(CreateImageRules.check(aCreateImageCommand().instanceId("m-abc").build())))
        .containsExactly("instance-id.format");
    assertThat(
            rules(
                CreateImageRules.check(
                    aCreateImageCommand().instanceId(null).snapshotId("s-a b").build())))
        .containsExactly("snapshot-id.format");
  }

  @Test
  void diskMappingsNeedOneSystemDiskAndValidDevices() {
    var system = new DiskMapping("/dev/xvda", "system", "s-sys1", null);
    var ok =
        aCreateImageCommand()
            .instanceId(null)
            .mappings(List.of(system, new DiskMapping("/dev/xvdb", "data", null, 100)));
    assertThat(CreateImageRules.check(ok.build()).value().source())
        .isInstanceOf(ImageSource.FromDiskMappings.class);

    var bad =
        aCreateImageCommand()
            .instanceId(null)
            .mappings(
                List.of(
                    new DiskMapping("/dev/xvdb", "data", null, 4),
                    new DiskMapping("/dev/sda", "data", null, 40000),
                    new DiskMapping("/dev/xvdb", "data", null, null),
                    new DiskMapping(null, "root", null, null)));
    assertThat(rules(CreateImageRules.check(bad.build())))
        .containsExactlyInAnyOrder(
            "disk-mappings.system-disk-count",
            "disk-size.range",
            "device.malformed",
            "disk-size.range",
            "device.duplicate",
            "disk-type.unsupported");
  }

  @Test
  void atMostSixteenDataDisks() {
    List<DiskMapping> disks = new ArrayList<>();
    disks.add(new DiskMapping("/dev/xvda", "system", "s-sys1", null));
    IntStream.range(0, 17).forEach(i -> disks.add(new DiskMapping(null, "data", null, 20)));
    assertThat(
            rules(
                CreateImageRules.check(
                    aCreateImageCommand().instanceId(null).mappings(disks).build())))
        .containsExactly("disk-mappings.too-many-data-disks");
  }

  @Test
  void tagsAreLimitedAndTheServiceNamespaceIsReserved() {
    var many = IntStream.range(0, 20).mapToObj(i -> new ImageTag("k" + i, "v")).toList();
    assertThat(rules(CreateImageRules.check(aCreateImageCommand().tags(many).build())))
        .containsExactly("tags.too-many");
    var reserved =
        List.of(
            new ImageTag("ecs-image-saga/saga-id", "x"),
            new ImageTag("a", "1"),
            new ImageTag("a", "2"));
    assertThat(rules(CreateImageRules.check(aCreateImageCommand().tags(reserved).build())))
        .containsExactlyInAnyOrder("tag-key.reserved", "tag-key.duplicate");
  }

  @Test
  void theDeprecatedNameIsAnAliasWithAWarning() {
    var v =
        CreateImageRules.check(aCreateImageCommand().imageName(null).name("legacy-name").build());
    assertThat(v.value().imageName()).isEqualTo("legacy-name");
    assertThat(v.warnings()).singleElement().asString().contains("deprecated");
    var conflict =
        CreateImageRules.check(aCreateImageCommand().imageName("one").name("two").build());
    assertThat(rules(conflict)).containsExactly("image-name.conflict");
  }

  @Test
  void controlCharactersAndAbsurdTimeoutsAreRejected() {
    var c = aCreateImageCommand().description("line\u0000break").timeoutSeconds(5).build();
    assertThat(rules(CreateImageRules.check(c)))
        .containsExactlyInAnyOrder("description.characters", "timeout.range");
  }
}
