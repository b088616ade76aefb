package com.ecsimagesaga.deploy;

import com.ecsimagesaga.deploy.DeployFiles.Doc;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A small kustomize for the tests (there is no kustomize binary here): follows {@code resources},
 * {@code components} and {@code patches}, reports every reference to a file that is not there or a
 * field it does not handle, and renders an overlay with the features deploy/kubernetes uses:
 * strategic-merge patches (lists of named items merged by name, {@code null} deletes), JSON 6902
 * patches with a group/kind target, {@code replicas} and {@code images}. Namespaces and labels are
 * not applied; nothing here checks them.
 */
final class Kustomize {

  private static final Set<String> HANDLED =
      Set.of(
          "apiVersion",
          "kind",
          "namespace",
          "labels",
          "resources",
          "components",
          "patches",
          "replicas",
          "images");

  /** An overlay resolved: the resources after every patch, files reached, problems found. */
  record Build(List<Doc> resources, Set<Path> files, List<String> problems) {
    List<Doc> ofKind(String kind) {
      return resources.stream().filter(d -> d.kind().equals(kind)).toList();
    }

    Doc deployment() {
      return ofKind("Deployment").get(0);
    }
  }

  private final List<Doc> resources = new ArrayList<>();
  private final Set<Path> files = new LinkedHashSet<>();
  private final List<String> problems = new ArrayList<>();

  private Kustomize() {}

  static Build build(Path dir) {
    Kustomize k = new Kustomize();
    k.directory(dir, "Kustomization");
    return new Build(List.copyOf(k.resources), Set.copyOf(k.files), List.copyOf(k.problems));
  }

  private void directory(Path dir, String expectedKind) {
    Path file = dir.resolve("kustomization.yaml").normalize();
    if (!Files.isRegularFile(file)) {
      problems.add(dir + " has no kustomization.yaml");
      return;
    }
    files.add(file);
    JsonNode k = DeployFiles.read(file).get(0).node();
    String kind = k.path("kind").asText();
    String apiVersion =
        kind.equals("Component")
            ? "kustomize.config.k8s.io/v1alpha1"
            : "kustomize.config.k8s.io/v1beta1";
    if (!kind.equals(expectedKind) || !k.path("apiVersion").asText().equals(apiVersion)) {
      problems.add(
          file + " is " + k.path("apiVersion") + " " + kind + ", expected " + expectedKind);
    }
    k.fieldNames()
        .forEachRemaining(
            f -> {
              if (!HANDLED.contains(f)) {
                problems.add(file + ": field " + f + " is not handled by this check");
              }
            });
    for (JsonNode r : k.path("resources")) {
      Path p = dir.resolve(r.asText()).normalize();
      if (Files.isDirectory(p)) {
        directory(p, "Kustomization");
      } else if (Files.isRegularFile(p)) {
        files.add(p);
        resources.addAll(DeployFiles.read(p));
      } else {
        problems.add(file + ": resource " + r.asText() + " does not exist");
      }
    }
    for (JsonNode c : k.path("components")) {
      Path p = dir.resolve(c.asText()).normalize();
      if (Files.isDirectory(p)) {
        directory(p, "Component");
      } else {
        problems.add(file + ": component " + c.asText() + " is not a directory");
      }
    }
    for (JsonNode patch : k.path("patches")) {
      Path p = dir.resolve(patch.path("path").asText()).normalize();
      if (!Files.isRegularFile(p)) {
        problems.add(file + ": patch " + patch.path("path").asText() + " does not exist");
        continue;
      }
      files.add(p);
      for (Doc doc : DeployFiles.read(p)) {
        patch(doc, patch.path("target"));
      }
    }
    for (JsonNode r : k.path("replicas")) {
      target("Deployment", r.path("name").asText(), file)
          .ifPresent(
              d -> ((ObjectNode) d.node().path("spec")).put("replicas", r.path("count").asInt()));
    }
    for (JsonNode image : k.path("images")) {
      images(image);
    }
  }

  private void patch(Doc patch, JsonNode target) {
    if (patch.node().isArray()) {
      List<Doc> targets =
          resources.stream()
              .filter(d -> d.kind().equals(target.path("kind").asText()))
              .filter(d -> d.apiVersion().startsWith(target.path("group").asText() + "/"))
              .toList();
      if (targets.isEmpty()) {
        problems.add(patch.file() + ": no " + target + " to patch");
      }
      targets.forEach(d -> Json6902.apply((ArrayNode) patch.node(), d, problems));
      return;
    }
    target(patch.kind(), patch.name(), patch.file())
        .ifPresent(d -> StrategicMerge.merge((ObjectNode) d.node(), patch.node()));
  }

  private java.util.Optional<Doc> target(String kind, String name, Path from) {
    var found =
        resources.stream().filter(d -> d.kind().equals(kind) && d.name().equals(name)).findFirst();
    if (found.isEmpty()) {
      problems.add(from + ": no " + kind + " " + name + " to patch");
    }
    return found;
  }

  private void images(JsonNode image) {
    String name = image.path("name").asText();
    boolean used = false;
    for (Doc d : ofKind("Deployment")) {
      for (JsonNode c : d.node().path("spec").path("template").path("spec").path("containers")) {
        String ref = c.path("image").asText();
        if (ref.equals(name) || ref.startsWith(name + ":")) {
          ((ObjectNode) c)
              .put(
                  "image",
                  image.path("newName").asText(name) + ":" + image.path("newTag").asText());
          used = true;
        }
      }
    }
    if (!used) {
      problems.add("images: no container uses image " + name);
    }
  }

  private List<Doc> ofKind(String kind) {
    return resources.stream().filter(d -> d.kind().equals(kind)).toList();
  }
}
