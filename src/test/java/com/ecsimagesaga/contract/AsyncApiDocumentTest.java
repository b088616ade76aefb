package com.ecsimagesaga.contract;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.ecsimagesaga.config.KindRegistry;
import com.ecsimagesaga.testsupport.EcsSimulatorResource;
import com.ecsimagesaga.testsupport.KafkaBrokerResource;
import com.ecsimagesaga.testsupport.PostgresResource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * schemas/asyncapi.yaml is served, and it describes what the running service is configured to do:
 * every messaging channel with a topic (and its dead-letter topic) is one operation of the
 * document, in the same direction on the same topic, and the document has no other; every Avro
 * record of schemas/avro is the payload of a message on the topic of its role.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(EcsSimulatorResource.class)
class AsyncApiDocumentTest {

  static final Path FILE = Path.of("schemas", "asyncapi.yaml");
  static final Pattern CHANNEL_TOPIC =
      Pattern.compile("mp\\.messaging\\.(incoming|outgoing)\\.([^.]+)\\.topic");
  static final Pattern DEAD_LETTER_TOPIC =
      Pattern.compile("mp\\.messaging\\.incoming\\.([^.]+)\\.dead-letter-queue\\.topic");

  final JsonNode doc;

  AsyncApiDocumentTest() throws IOException {
    doc = new ObjectMapper(new YAMLFactory()).readTree(FILE.toFile());
  }

  @Test
  void theServiceServesTheDocumentAndTheSchemasItRefersTo() throws IOException {
    String served = given().get("/asyncapi.yaml").then().statusCode(200).extract().asString();
    assertThat(served).isEqualTo(Files.readString(FILE));
    assertThat(given().get("/avro/CreateImage.avsc").then().statusCode(200).extract().asString())
        .isEqualTo(Files.readString(Path.of("schemas", "avro", "CreateImage.avsc")));
    assertThat(given().get("/avro/common/Tag.avsc").then().statusCode(200).extract().asString())
        .isEqualTo(Files.readString(Path.of("schemas", "avro", "common", "Tag.avsc")));
    given().get("/avro/NoSuchRecord.avsc").then().statusCode(404);
  }

  @Test
  void everyConfiguredChannelIsAnOperationAndThereIsNoOther() {
    Config config = ConfigProvider.getConfig();
    Set<String> configured = new TreeSet<>();
    for (String name : config.getPropertyNames()) {
      Matcher m = CHANNEL_TOPIC.matcher(name);
      if (m.matches()) {
        String action = m.group(1).equals("incoming") ? "receive" : "send";
        configured.add(m.group(2) + " " + action + " " + config.getValue(name, String.class));
      }
      Matcher dlq = DEAD_LETTER_TOPIC.matcher(name);
      if (dlq.matches()
          && "dead-letter-queue"
              .equals(
                  config
                      .getOptionalValue(
                          "mp.messaging.incoming." + dlq.group(1) + ".failure-strategy",
                          String.class)
                      .orElse(""))) {
        configured.add(dlq.group(1) + " dead-letter send " + config.getValue(name, String.class));
      }
    }
    Set<String> described = new TreeSet<>();
    doc.get("operations")
        .properties()
        .forEach(
            op -> {
              JsonNode o = op.getValue();
              String channel = o.get("x-smallrye-channel").asText();
              boolean deadLetter = o.path("x-smallrye-dead-letter-queue").asBoolean(false);
              described.add(
                  channel
                      + (deadLetter ? " dead-letter " : " ")
                      + o.get("action").asText()
                      + " "
                      + resolve(o.get("channel")).get("address").asText());
            });
    assertThat(configured).as("channels configured in mp.messaging").isNotEmpty();
    assertThat(described).isEqualTo(configured);
  }

  /**
   * The JSON gateway's operation lists exactly the records it publishes: one per command endpoint
   * of the served OpenAPI document ({@code /api/commands/copy-image} publishes {@code CopyImage}).
   */
  @Test
  void theGatewaysOperationListsACommandForEachOfItsEndpoints() throws IOException {
    JsonNode openApi =
        new ObjectMapper()
            .readTree(
                given()
                    .queryParam("format", "json")
                    .get("/q/openapi")
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString());
    Set<String> endpoints = new TreeSet<>();
    openApi
        .get("paths")
        .fieldNames()
        .forEachRemaining(
            path -> {
              if (path.startsWith("/api/commands/kinds/")) {
                // The generic endpoint publishes the command record of any registered kind.
                KindRegistry.kinds().all().forEach(k -> endpoints.add(k.commandType()));
              } else if (path.startsWith("/api/commands/")) {
                endpoints.add(recordName(path.substring("/api/commands/".length())));
              }
            });
    Set<String> sent = new TreeSet<>();
    doc.at("/operations/submitCommands/messages")
        .forEach(m -> sent.add(resolve(m).get("name").asText()));
    assertThat(endpoints).as("command endpoints of the gateway").isNotEmpty();
    assertThat(sent).isEqualTo(endpoints);
  }

  /** {@code copy-image} to {@code CopyImage}. */
  private static String recordName(String endpoint) {
    StringBuilder name = new StringBuilder();
    for (String word : endpoint.split("-")) {
      name.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
    }
    return name.toString();
  }

  @Test
  void everyAvroRecordIsAPayloadOnTheTopicOfItsRole() {
    Set<String> commands = new TreeSet<>();
    Set<String> events = new TreeSet<>();
    for (Schema s : CurrentSchemas.records().values()) {
      (ContractCompatibility.Role.of(s) == ContractCompatibility.Role.COMMAND ? commands : events)
          .add(s.getName());
    }
    assertThat(payloads(doc.at("/channels/commands/messages"))).isEqualTo(commands);
    assertThat(payloads(doc.at("/channels/events/messages"))).isEqualTo(events);
    assertThat(doc.at("/channels/commands/address").asText()).isEqualTo("ecs.image.commands");
    assertThat(doc.at("/channels/events/address").asText()).isEqualTo("ecs.image.events");
  }

  @Test
  void everyOperationSendsOrReceivesMessagesOfItsOwnChannelAndEveryReferenceResolves() {
    doc.get("operations")
        .properties()
        .forEach(
            op -> {
              JsonNode channel = resolve(op.getValue().get("channel"));
              Set<String> ofChannel = new HashSet<>();
              channel.get("messages").forEach(m -> ofChannel.add(resolve(m).get("name").asText()));
              op.getValue()
                  .get("messages")
                  .forEach(
                      m ->
                          assertThat(ofChannel)
                              .as(op.getKey())
                              .contains(resolve(m).get("name").asText()));
            });
    doc.at("/components/messages")
        .forEach(
            m -> {
              resolve(m.get("headers"));
              String ref = m.at("/payload/schema/$ref").asText("");
              if (!ref.isEmpty()) {
                assertThat(m.at("/payload/schemaFormat").asText())
                    .isEqualTo("application/vnd.apache.avro;version=1.9.0");
                assertThat(FILE.getParent().resolve(ref)).exists();
              }
            });
  }

  private Set<String> payloads(JsonNode messages) {
    Set<String> names = new TreeSet<>();
    messages.forEach(
        m -> {
          String ref = resolve(m).at("/payload/schema/$ref").asText();
          assertThat(ref).startsWith("avro/").endsWith(".avsc");
          names.add(ref.substring("avro/".length(), ref.length() - ".avsc".length()));
        });
    return names;
  }

  /** Follows local {@code $ref}s (#/a/b) to what they name. */
  private JsonNode resolve(JsonNode node) {
    JsonNode ref = node.get("$ref");
    if (ref == null) {
      return node;
    }
    String pointer = ref.asText();
    assertThat(pointer).startsWith("#/");
    JsonNode target = doc.at(pointer.substring(1));
    assertThat(target.isMissingNode()).as("%s resolves", pointer).isFalse();
    return resolve(target);
  }
}
