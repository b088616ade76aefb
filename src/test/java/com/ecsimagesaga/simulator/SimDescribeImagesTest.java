package com.ecsimagesaga.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyuncs.ecs.model.v20140526.DescribeImagesRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeImagesResponse;
import com.aliyuncs.ecs.model.v20140526.UntagResourcesRequest;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** DescribeImages filters, the Available-only default and paging. */
class SimDescribeImagesTest extends SimulatorFixture {

  @BeforeEach
  void seed() {
    sim.world().seedInstance(REGION, "i-d", InstanceStatus.Running);
  }

  @Test
  void defaultStatusFilterHidesACreatingImage() throws Exception {
    String imageId = client.getAcsResponse(Requests.fromInstance("i-d")).getImageId();
    clock.advance(Duration.ofSeconds(5));

    assertThat(client.getAcsResponse(Requests.describe(imageId, null)).getImages()).isEmpty();
    assertThat(client.getAcsResponse(Requests.describe(imageId, "Creating")).getImages())
        .singleElement()
        .satisfies(i -> assertThat(i.getStatus()).isEqualTo("Creating"));
    assertThat(client.getAcsResponse(Requests.describe(imageId, "ALL")).getImages()).hasSize(1);

    clock.advance(Duration.ofMinutes(1));
    assertThat(client.getAcsResponse(Requests.describe(imageId, null)).getImages()).hasSize(1);
  }

  @Test
  void unknownImageIdGivesAnEmptyListNotAnError() throws Exception {
    DescribeImagesResponse response =
        client.getAcsResponse(Requests.describe("m-doesnotexist", Requests.ALL_STATUSES));

    assertThat(response.getImages()).isEmpty();
    assertThat(response.getTotalCount()).isZero();
  }

  @Test
  void commaSeparatedImageIdsAndTagFilter() throws Exception {
    var tagged = Requests.fromInstance("i-d");
    tagged.setTags(Requests.tags("saga", "a1", "team", "x"));
    String a = client.getAcsResponse(tagged).getImageId();
    var other = Requests.fromInstance("i-d");
    other.setTags(Requests.tags("saga", "b2"));
    String b = client.getAcsResponse(other).getImageId();
    String c = client.getAcsResponse(Requests.fromInstance("i-d")).getImageId();

    List<DescribeImagesResponse.Image> byIds =
        client.getAcsResponse(Requests.describe(a + "," + c, Requests.ALL_STATUSES)).getImages();
    DescribeImagesRequest byTag = Requests.describe(null, Requests.ALL_STATUSES);
    DescribeImagesRequest.Tag tag = new DescribeImagesRequest.Tag();
    tag.setKey("saga");
    tag.setValue("b2");
    byTag.setTags(List.of(tag));

    assertThat(byIds)
        .extracting(DescribeImagesResponse.Image::getImageId)
        .containsExactlyInAnyOrder(a, c);
    assertThat(client.getAcsResponse(byTag).getImages())
        .extracting(DescribeImagesResponse.Image::getImageId)
        .containsExactly(b);
  }

  @Test
  void ownerAliasSelectsOwnImagesOnlyAndRejectsUnknownValues() throws Exception {
    client.getAcsResponse(Requests.fromInstance("i-d"));
    DescribeImagesRequest self = Requests.describe(null, Requests.ALL_STATUSES);
    self.setImageOwnerAlias("self");
    DescribeImagesRequest system = Requests.describe(null, Requests.ALL_STATUSES);
    system.setImageOwnerAlias("system");
    DescribeImagesRequest bad = Requests.describe(null, Requests.ALL_STATUSES);
    bad.setImageOwnerAlias("mine");

    assertThat(client.getAcsResponse(self).getImages()).hasSize(1);
    assertThat(client.getAcsResponse(system).getImages()).isEmpty();
    SdkClients.rejects(client, bad, 400, "InvalidImageOwnerAlias.ValueNotSupported");
  }

  @Test
  void pagingDefaultsToTenAndRejectsPageSizeAbove100() throws Exception {
    for (int i = 0; i < 12; i++) {
      client.getAcsResponse(Requests.fromInstance("i-d"));
    }
    DescribeImagesRequest second = Requests.describe(null, Requests.ALL_STATUSES);
    second.setPageNumber(2);
    DescribeImagesRequest tooBig = Requests.describe(null, Requests.ALL_STATUSES);
    tooBig.setPageSize(101);

    DescribeImagesResponse first =
        client.getAcsResponse(Requests.describe(null, Requests.ALL_STATUSES));

    assertThat(first.getImages()).hasSize(10);
    assertThat(first.getTotalCount()).isEqualTo(12);
    assertThat(client.getAcsResponse(second).getImages()).hasSize(2);
    SdkClients.rejects(client, tooBig, 400, "InvalidParameter");
  }

  @Test
  void pagesComeNewestFirstAndOfImagesMadeAtOneInstantTheLastMadeFirst() throws Exception {
    List<String> made = new ArrayList<>();
    for (int minute = 0; minute < 3; minute++) {
      for (int k = 0; k < 3; k++) {
        made.add(client.getAcsResponse(Requests.fromInstance("i-d")).getImageId());
      }
      clock.advance(Duration.ofMinutes(2));
    }
    Instant second = clock.instant().minus(Duration.ofMinutes(4));

    List<String> all = new ArrayList<>();
    for (int page = 1; page <= 3; page++) {
      DescribeImagesRequest request = Requests.describe(null, Requests.ALL_STATUSES);
      request.setPageSize(4);
      request.setPageNumber(page);
      DescribeImagesResponse answer = client.getAcsResponse(request);
      assertThat(answer.getTotalCount()).isEqualTo(9);
      answer.getImages().forEach(i -> all.add(i.getImageId()));
    }
    DescribeImagesRequest recent = Requests.describe(null, Requests.ALL_STATUSES);
    DescribeImagesRequest.Filter from = new DescribeImagesRequest.Filter();
    from.setKey("CreationStartTime");
    from.setValue(
        DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm'Z'")
            .withZone(ZoneOffset.UTC)
            .format(second));
    recent.setFilters(List.of(from));
    DescribeImagesResponse sinceSecond = client.getAcsResponse(recent);

    assertThat(all)
        .containsExactlyElementsOf(
            List.of(
                made.get(8),
                made.get(7),
                made.get(6),
                made.get(5),
                made.get(4),
                made.get(3),
                made.get(2),
                made.get(1),
                made.get(0)));
    assertThat(sinceSecond.getTotalCount()).isEqualTo(6);
    assertThat(sinceSecond.getImages())
        .extracting(DescribeImagesResponse.Image::getImageId)
        .containsExactlyElementsOf(all.subList(0, 6));
  }

  @Test
  void theCountOfALaterPageTakesInImagesMadeSinceTheFirstPage() throws Exception {
    List<String> made = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      made.add(client.getAcsResponse(Requests.fromInstance("i-d")).getImageId());
    }
    DescribeImagesResponse first = client.getAcsResponse(page(1, 2, null));
    for (int i = 0; i < 2; i++) {
      made.add(client.getAcsResponse(Requests.fromInstance("i-d")).getImageId());
    }

    DescribeImagesResponse second = client.getAcsResponse(page(2, 2, null));
    DescribeImagesResponse last = client.getAcsResponse(page(4, 2, null));

    assertThat(first.getTotalCount()).isEqualTo(5);
    assertThat(second.getTotalCount()).isEqualTo(7);
    // Newest first: the two new images now fill page 1, so page 2 holds the third and fourth
    // newest.
    assertThat(second.getImages())
        .extracting(DescribeImagesResponse.Image::getImageId)
        .containsExactly(made.get(4), made.get(3));
    assertThat(last.getImages())
        .extracting(DescribeImagesResponse.Image::getImageId)
        .containsExactly(made.get(0));
  }

  @Test
  void theCountOfALaterPageLeavesOutAnImageThatLostTheTagFilteredOn() throws Exception {
    List<String> made = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      var create = Requests.fromInstance("i-d");
      create.setTags(Requests.tags("owner", "saga"));
      made.add(client.getAcsResponse(create).getImageId());
    }
    DescribeImagesResponse before = client.getAcsResponse(page(1, 2, "owner"));
    UntagResourcesRequest untag = new UntagResourcesRequest();
    untag.setResourceType("image");
    untag.setResourceIds(List.of(made.get(1)));
    untag.setTagKeys(List.of("owner"));
    client.getAcsResponse(untag);

    DescribeImagesResponse after = client.getAcsResponse(page(2, 2, "owner"));

    assertThat(before.getTotalCount()).isEqualTo(4);
    assertThat(after.getTotalCount()).isEqualTo(3);
    assertThat(after.getImages())
        .extracting(DescribeImagesResponse.Image::getImageId)
        .containsExactly(made.get(0));
  }

  @Test
  void anImageHiddenForTwoListingsIsLeftOutOfTheirCountsThenCounted() throws Exception {
    client.getAcsResponse(Requests.fromInstance("i-d"));
    sim.faults().next("CreateImage", 1, Fault.hiddenAfterCreate(2));
    client.getAcsResponse(Requests.fromInstance("i-d"));

    List<Integer> counts = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      counts.add(client.getAcsResponse(page(1, 10, null)).getTotalCount());
    }

    assertThat(counts).containsExactly(1, 1, 2, 2);
  }

  /** One page of every status of the region's images, with those carrying a tag key if given. */
  private static DescribeImagesRequest page(int number, int size, String tagKey) {
    DescribeImagesRequest request = Requests.describe(null, Requests.ALL_STATUSES);
    request.setPageNumber(number);
    request.setPageSize(size);
    if (tagKey != null) {
      DescribeImagesRequest.Tag tag = new DescribeImagesRequest.Tag();
      tag.setKey(tagKey);
      request.setTags(List.of(tag));
    }
    return request;
  }

  @Test
  void aUsableQueryIsCountedAgainEachTimeBecauseUsableFollowsTheClock() throws Exception {
    String imageId = client.getAcsResponse(Requests.fromInstance("i-d")).getImageId();
    clock.advance(Duration.ofSeconds(5));

    assertThat(usableCount()).as("still Creating").isZero();
    clock.advance(Duration.ofMinutes(1));
    assertThat(usableCount()).as("Available now, same query, no image changed").isEqualTo(1);
    assertThat(sim.world().image(REGION, imageId).orElseThrow().usable()).isTrue();
  }

  private int usableCount() throws Exception {
    var reply =
        new RawEcsCall(sim, "DescribeImages")
            .with("Status", Requests.ALL_STATUSES)
            .with("Usable", "true")
            .with("Timestamp", clock.instant().truncatedTo(ChronoUnit.SECONDS).toString())
            .signed("POST")
            .postQuery();
    assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
    return new ObjectMapper().readTree(reply.body()).path("TotalCount").asInt();
  }

  @Test
  void pageSizeAbove100IsClampedWhenConfigured() throws Exception {
    sim.close();
    sim =
        EcsSimulator.start(
            SimulatorConfig.builder().clock(clock).controlPort(-1).clampPageSize(true).build());
    client = SdkClients.client(sim);
    DescribeImagesRequest request = Requests.describe(null, null);
    request.setPageSize(500);

    assertThat(client.getAcsResponse(request).getPageSize()).isEqualTo(100);
  }
}
