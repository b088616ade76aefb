package com.ecsimagesaga.deploy;

import java.util.List;
import java.util.Map;

/**
 * The part of Strimzi's v1beta2 API the manifests use, read strictly: a field not declared here
 * fails the read, so a misspelt field cannot slip through unnoticed.
 */
final class StrimziModel {

  private StrimziModel() {}

  record Metadata(String name, Map<String, String> labels) {}

  record KafkaTopic(String apiVersion, String kind, Metadata metadata, TopicSpec spec) {}

  record TopicSpec(String topicName, int partitions, int replicas, Map<String, String> config) {}

  record KafkaUser(String apiVersion, String kind, Metadata metadata, UserSpec spec) {}

  record UserSpec(Authentication authentication, Authorization authorization) {}

  record Authentication(String type) {}

  record Authorization(String type, List<Acl> acls) {}

  record Acl(Resource resource, List<Operation> operations) {}

  record Resource(ResourceType type, String name, PatternType patternType) {}

  /** Strimzi's resource types. */
  enum ResourceType {
    topic,
    group,
    cluster,
    transactionalId
  }

  /** Strimzi's pattern types. */
  enum PatternType {
    literal,
    prefix
  }

  /** Kafka's ACL operations, spelt as Strimzi spells them. */
  enum Operation {
    Read,
    Write,
    Create,
    Delete,
    Alter,
    Describe,
    ClusterAction,
    AlterConfigs,
    DescribeConfigs,
    IdempotentWrite,
    All
  }
}
