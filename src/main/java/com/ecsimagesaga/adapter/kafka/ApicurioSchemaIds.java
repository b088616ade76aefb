package com.ecsimagesaga.adapter.kafka;

import io.apicurio.registry.client.RegistryClientFactory;
import io.apicurio.registry.client.common.RegistryClientOptions;
import io.apicurio.registry.rest.client.RegistryClient;
import io.apicurio.registry.rest.client.models.CreateArtifact;
import io.apicurio.registry.rest.client.models.CreateArtifactResponse;
import io.apicurio.registry.rest.client.models.CreateVersion;
import io.apicurio.registry.rest.client.models.IfArtifactExists;
import io.apicurio.registry.rest.client.models.VersionContent;
import io.vertx.core.Vertx;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * Content ids of schemas in an Apicurio Registry 3, through its Java SDK: each schema is a version
 * of an artifact named as Apicurio's RecordIdStrategy names it (group: the record's namespace
 * unless configured, artifact: the record's name), created or found with {@code
 * ifExists=FIND_OR_CREATE_VERSION} (a version with the same content is found, not created again).
 * Blocking: used at start only.
 */
final class ApicurioSchemaIds {

  private final RegistryClient client;
  private final Optional<String> group;

  ApicurioSchemaIds(String url, Optional<String> group, Vertx vertx) {
    this.client = RegistryClientFactory.create(RegistryClientOptions.create(url, vertx));
    this.group = group.filter(g -> !g.isBlank());
  }

  long contentIdOf(Schema schema) {
    String groupId = group.orElse(schema.getNamespace());
    VersionContent content = new VersionContent();
    content.setContent(schema.toString());
    content.setContentType("application/json");
    CreateVersion first = new CreateVersion();
    first.setContent(content);
    CreateArtifact artifact = new CreateArtifact();
    artifact.setArtifactId(schema.getName());
    artifact.setArtifactType("AVRO");
    artifact.setFirstVersion(first);
    CreateArtifactResponse created =
        client
            .groups()
            .byGroupId(groupId)
            .artifacts()
            .post(
                artifact,
                c -> c.queryParameters.ifExists = IfArtifactExists.FIND_OR_CREATE_VERSION);
    if (created == null
        || created.getVersion() == null
        || created.getVersion().getContentId() == null) {
      throw new IllegalStateException(
          "the registry returned no content id for " + groupId + "/" + schema.getName());
    }
    return created.getVersion().getContentId();
  }
}
