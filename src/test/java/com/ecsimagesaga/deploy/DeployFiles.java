package com.ecsimagesaga.deploy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files under deploy/ as YAML documents, each with the file it came from. Tests run with the
 * project directory as working directory (Surefire's default).
 */
final class DeployFiles {

  static final Path DEPLOY = Path.of("deploy");
  static final Path KUBERNETES = DEPLOY.resolve("kubernetes");
  static final Path COMPOSE = DEPLOY.resolve("compose").resolve("compose.yaml");

  /** A strict mapper: a field the target type does not know fails the read. */
  static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  /** One YAML document of a file. */
  record Doc(Path file, JsonNode node) {
    String kind() {
      return node.path("kind").asText();
    }

    String apiVersion() {
      return node.path("apiVersion").asText();
    }

    String name() {
      return node.path("metadata").path("name").asText();
    }

    @Override
    public String toString() {
      return file + " (" + kind() + " " + name() + ")";
    }
  }

  private DeployFiles() {}

  /** Every document of every .yaml file under {@code dir}, in file order. */
  static List<Doc> documents(Path dir) {
    List<Doc> docs = new ArrayList<>();
    for (Path file : yamlFiles(dir)) {
      docs.addAll(read(file));
    }
    return docs;
  }

  static List<Path> yamlFiles(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The documents of one file; empty documents (a trailing ---) are left out. Read document by
   * document: Jackson's readValues would take a top-level list (a JSON 6902 patch) item by item.
   */
  static List<Doc> read(Path file) {
    try (JsonParser parser = YAML.getFactory().createParser(file.toFile())) {
      List<Doc> docs = new ArrayList<>();
      while (parser.nextToken() != null) {
        JsonNode node = YAML.readTree(parser);
        if (node != null && !node.isMissingNode() && !node.isNull()) {
          docs.add(new Doc(file, node));
        }
      }
      return docs;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** The documents of {@code kind} among the Kubernetes manifests (kustomizations left out). */
  static List<Doc> ofKind(String kind) {
    return documents(KUBERNETES).stream().filter(d -> d.kind().equals(kind)).toList();
  }

  static String text(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
