package com.ecsimagesaga.bench;

import com.aliyuncs.CommonRequest;
import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.IAcsClient;
import com.aliyuncs.ecs.model.v20140526.CreateImageRequest;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.http.MethodType;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.profile.DefaultProfile;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The baseline: creates an image and waits for it the way Terraform's alicloud_image waiter does,
 * each image on its own: first look after 10 s, then after 3, 6, 10, 10, ... seconds
 * (StateChangeConf with Delay 10 s, MinTimeout 3 s, doubling, capped at 10 s). Counts its calls.
 */
final class TerraformStylePoller implements AutoCloseable {

  private static final long[] GAPS_MS = {10_000, 3_000, 6_000};
  private static final long CAP_MS = 10_000;

  private final IAcsClient client;
  private final String endpoint;
  private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(8);
  final AtomicLong describeCalls = new AtomicLong();
  final AtomicLong createCalls = new AtomicLong();

  TerraformStylePoller(String endpoint, String keyId, String secret) {
    this.endpoint = endpoint;
    DefaultProfile profile = DefaultProfile.getProfile("cn-hangzhou", keyId, secret);
    profile.getHttpClientConfig().setProtocolType(ProtocolType.HTTP);
    this.client = new DefaultAcsClient(profile);
  }

  /** Creates an image from the instance and completes when it is usable. */
  CompletableFuture<String> createAndWait(String instanceId) {
    CreateImageRequest create = new CreateImageRequest();
    create.setSysEndpoint(endpoint);
    create.setSysProtocol(ProtocolType.HTTP);
    create.setInstanceId(instanceId);
    create.setImageName("baseline-" + instanceId);
    create.setClientToken(UUID.randomUUID().toString());
    CompletableFuture<String> done = new CompletableFuture<>();
    timers.execute(
        () -> {
          try {
            createCalls.incrementAndGet();
            String imageId = client.getAcsResponse(create).getImageId();
            schedule(imageId, 0, done);
          } catch (ClientException e) {
            done.completeExceptionally(e);
          }
        });
    return done;
  }

  private void schedule(String imageId, int poll, CompletableFuture<String> done) {
    long gap = poll < GAPS_MS.length ? GAPS_MS[poll] : CAP_MS;
    timers.schedule(
        () -> {
          try {
            if (usable(imageId)) {
              done.complete(imageId);
            } else {
              schedule(imageId, poll + 1, done);
            }
          } catch (ClientException e) {
            schedule(imageId, poll + 1, done);
          }
        },
        gap,
        TimeUnit.MILLISECONDS);
  }

  private boolean usable(String imageId) throws ClientException {
    CommonRequest r = new CommonRequest();
    r.setSysMethod(MethodType.POST);
    r.setSysDomain(endpoint);
    r.setSysProtocol(ProtocolType.HTTP);
    r.setSysVersion("2014-05-26");
    r.setSysAction("DescribeImages");
    r.putQueryParameter("RegionId", "cn-hangzhou");
    r.putQueryParameter("ImageId", imageId);
    r.putQueryParameter("Status", "Creating,Waiting,Available,UnAvailable,CreateFailed,Deprecated");
    describeCalls.incrementAndGet();
    String body = client.getCommonResponse(r).getData();
    return body.contains("\"Usable\":true");
  }

  @Override
  public void close() {
    timers.shutdownNow();
  }
}
