package com.ecsimagesaga.e2e;

import static com.ecsimagesaga.e2e.AdminApi.asViewer;
import static org.assertj.core.api.Assertions.assertThat;

import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.ecs.model.v20140526.DeleteImageRequest;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.profile.DefaultProfile;
import com.ecsimagesaga.contract.v1.CreateImage;
import com.ecsimagesaga.contract.v1.ImageCreated;
import com.ecsimagesaga.testsupport.EcsSimulatorResource;
import com.ecsimagesaga.testsupport.KafkaBrokerResource;
import com.ecsimagesaga.testsupport.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An image a saga made that ECS no longer lists (deleted behind the service's back, or a local
 * simulator restarted and forgot it) is reported as vanished, with the saga that made it, not as an
 * error and not as an image nobody knew.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(EcsSimulatorResource.class)
class VanishedImageTest extends SagaTestSupport {

  @BeforeAll
  static void setUp() {
    connect();
  }

  @Test
  void anImageASagaMadeThatEcsNoLongerListsIsReportedAsVanished() throws Exception {
    CreateImage create = createFromInstance(seededInstance()).build();
    publish(create);
    String imageId = awaitEvent(create.getCommandId(), ImageCreated.class).getImageId();
    assertThat(asViewer().get("/api/images/" + REGION + "/" + imageId).statusCode()).isEqualTo(200);

    deleteBehindTheServicesBack(imageId);

    Response r = asViewer().get("/api/images/" + REGION + "/" + imageId);
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.contentType()).startsWith("application/json");
    assertThat(r.jsonPath().getBoolean("found")).isFalse();
    assertThat(r.jsonPath().getString("status")).isEqualTo("VANISHED");
    assertThat(r.jsonPath().getString("sagaId"))
        .isEqualTo(com.ecsimagesaga.app.CommandIntake.sagaId(create.getCommandId()).toString());
    assertThat(r.jsonPath().getString("message")).contains("no longer lists");
  }

  @Test
  void anImageNobodyKnewIsNotFound() {
    Response r = asViewer().get("/api/images/" + REGION + "/m-neverexisted1");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.jsonPath().getBoolean("found")).isFalse();
    assertThat(r.jsonPath().getString("status")).isEqualTo("NOT_FOUND");
  }

  private static void deleteBehindTheServicesBack(String imageId) throws Exception {
    var sim = sim();
    DefaultProfile profile =
        DefaultProfile.getProfile(
            REGION, sim.config().accessKeyId(), sim.config().accessKeySecret());
    DefaultProfile.addEndpoint(REGION, "Ecs", sim.endpoint());
    profile.getHttpClientConfig().setProtocolType(ProtocolType.HTTP);
    DeleteImageRequest delete = new DeleteImageRequest();
    delete.setSysRegionId(REGION);
    delete.setImageId(imageId);
    new DefaultAcsClient(profile).getAcsResponse(delete);
  }
}
