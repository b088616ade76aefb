package com.ecsimagesaga.adapter.alicloud;

import com.aliyuncs.AcsRequest;
import com.aliyuncs.AcsResponse;
import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.auth.AlibabaCloudCredentialsProvider;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.exceptions.ServerException;
import com.aliyuncs.http.HttpResponse;
import com.aliyuncs.policy.retry.RetryPolicy;
import com.aliyuncs.profile.IClientProfile;

/**
 * The SDK client with one addition: every raw answer's {@code X-RateLimit-User-API} header goes to
 * a listener before the SDK parses the body (or turns an error answer into its exception). Typed
 * calls ({@code getAcsResponse}) and generic ones ({@code getCommonResponse}) both pass through the
 * overridden {@code doAction}, so no call escapes it.
 *
 * <p>The SDK's own retry policy is pinned to {@link RetryPolicy#none()}: its throttling control
 * would sleep out {@code TimeLeft} on the calling thread, one of the gateway's few workers. The
 * header goes to the service's {@link RateBudget} instead, which holds calls without any thread
 * waiting, and the saga stores its wake-up time.
 */
final class HeaderReadingAcsClient extends DefaultAcsClient {

  /** Told about each answer's rate-limit header. */
  @FunctionalInterface
  interface Listener {
    void answered(String regionId, String action, RateLimitHeader header);
  }

  private final Listener listener;

  HeaderReadingAcsClient(
      IClientProfile profile, AlibabaCloudCredentialsProvider credentials, Listener listener) {
    super(profile, credentials);
    this.listener = listener;
    setSysRetryPolicy(RetryPolicy.none());
  }

  @Override
  public <T extends AcsResponse> HttpResponse doAction(
      AcsRequest<T> request, boolean autoRetry, int maxRetryCounts, IClientProfile profile)
      throws ClientException, ServerException {
    HttpResponse response = super.doAction(request, autoRetry, maxRetryCounts, profile);
    if (response != null) {
      RateLimitHeader.of(response.getSysHeaders())
          .ifPresent(
              h -> listener.answered(request.getSysRegionId(), request.getSysActionName(), h));
    }
    return response;
  }
}
