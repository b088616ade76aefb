package com.ecsimagesaga.simulator;

import java.util.List;
import java.util.Set;

/**
 * The public ECS regions, the simulator's default list of known regions. A call naming any other
 * {@code RegionId} is answered 404 {@code InvalidRegionId.NotFound}, as ECS answers it (error codes
 * of DeleteImage, TagResources, UntagResources). Sources: the "Regions and zones" page of the ECS
 * documentation, the "Common region IDs" reference and a DescribeRegions answer of the current API;
 * regions being retired (cn-nanjing, cn-fuzhou) are still listed there and kept here.
 */
public final class EcsRegions {
  private EcsRegions() {}

  /** The public ECS region ids, in the order of the DescribeRegions answer. */
  public static final List<String> PUBLIC =
      List.of(
          "cn-hangzhou",
          "cn-shanghai",
          "cn-nanjing",
          "cn-fuzhou",
          "cn-qingdao",
          "cn-beijing",
          "cn-zhangjiakou",
          "cn-huhehaote",
          "cn-wulanchabu",
          "cn-shenzhen",
          "cn-heyuan",
          "cn-guangzhou",
          "cn-chengdu",
          "cn-hongkong",
          "ap-northeast-1",
          "ap-northeast-2",
          "ap-southeast-1",
          "ap-southeast-3",
          "ap-southeast-5",
          "ap-southeast-6",
          "ap-southeast-7",
          "us-east-1",
          "us-west-1",
          "us-southeast-1",
          "na-south-1",
          "eu-west-1",
          "eu-central-1",
          "me-east-1",
          "me-central-1");

  /** {@link #PUBLIC} as a set. */
  public static Set<String> publicRegions() {
    return Set.copyOf(PUBLIC);
  }
}
