package com.ecsimagesaga.adapter.alicloud;

import com.aliyuncs.AcsRequest;
import com.aliyuncs.CommonRequest;
import com.aliyuncs.IAcsClient;
import com.aliyuncs.auth.AlibabaCloudCredentialsProvider;
import com.aliyuncs.auth.BasicCredentials;
import com.aliyuncs.auth.DefaultCredentialsProvider;
import com.aliyuncs.auth.StaticCredentialsProvider;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.http.MethodType;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.profile.DefaultProfile;
import com.ecsimagesaga.config.EcsConfig;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One SDK client per region, and the request settings every call shares: endpoint, protocol,
 * timeouts. The SDK's own retries and throttling control stay off: the saga retries with its stored
 * ClientToken, and every answer's rate-limit header goes to the listener.
 */
final class EcsClients {

  static final String API_VERSION = "2014-05-26";

  private final EcsConfig config;
  private final HeaderReadingAcsClient.Listener listener;
  private final Map<String, IAcsClient> byRegion = new ConcurrentHashMap<>();

  EcsClients(EcsConfig config, HeaderReadingAcsClient.Listener listener) {
    this.config = config;
    this.listener = listener;
  }

  IAcsClient client(String regionId) {
    return byRegion.computeIfAbsent(regionId, this::newClient);
  }

  private IAcsClient newClient(String regionId) {
    return new HeaderReadingAcsClient(DefaultProfile.getProfile(regionId), credentials(), listener);
  }

  private AlibabaCloudCredentialsProvider credentials() {
    if (config.accessKeyId().isPresent() && config.accessKeySecret().isPresent()) {
      return new StaticCredentialsProvider(
          new BasicCredentials(config.accessKeyId().get(), config.accessKeySecret().get()));
    }
    try {
      return new DefaultCredentialsProvider();
    } catch (ClientException e) {
      throw new IllegalStateException(
          "the SDK's credential chain cannot be set up: " + e.getErrCode(), e);
    }
  }

  /** Applies the shared settings to a typed request. */
  <T extends AcsRequest<?>> T prepare(T request, String regionId) {
    request.setSysRegionId(regionId);
    request.setSysProtocol(protocol());
    request.setSysConnectTimeout((int) config.connectTimeout().toMillis());
    request.setSysReadTimeout((int) config.readTimeout().toMillis());
    config.endpoint().ifPresent(request::setSysEndpoint);
    return request;
  }

  /** A generic request, for fields the typed SDK model does not map (DescribeImages' Usable). */
  CommonRequest common(String action, String regionId) {
    CommonRequest request = new CommonRequest();
    request.setSysMethod(MethodType.POST);
    request.setSysVersion(API_VERSION);
    request.setSysAction(action);
    request.setSysProduct("Ecs");
    request.setSysProtocol(protocol());
    request.setSysConnectTimeout((int) config.connectTimeout().toMillis());
    request.setSysReadTimeout((int) config.readTimeout().toMillis());
    request.setSysRegionId(regionId);
    // Without an explicit endpoint the SDK resolves the regional ECS endpoint from the product
    // name.
    config.endpoint().ifPresent(request::setSysDomain);
    request.putQueryParameter("RegionId", regionId);
    return request;
  }

  private ProtocolType protocol() {
    return "HTTP".equalsIgnoreCase(config.protocol()) ? ProtocolType.HTTP : ProtocolType.HTTPS;
  }
}
