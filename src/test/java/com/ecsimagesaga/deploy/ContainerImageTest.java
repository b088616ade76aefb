package com.ecsimagesaga.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The image's build settings, read where they are written (the {@code image} profile of pom.xml and
 * src/main/docker/Dockerfile.jvm), since the image itself cannot be built without a registry that
 * serves the base image: non-root user, the two ports, the same base image and layout in both
 * builds, and manifests that agree with them.
 */
class ContainerImageTest {

  /** The user of the ubi9 OpenJDK runtime images (jboss, uid 185). */
  static final long IMAGE_USER = 185;

  private static final String BASE = "registry.access.redhat.com/ubi9/openjdk-17-runtime:1.24";

  @Test
  void theImageProfileBuildsWithJibAsANonRootUserOnTheUbiRuntimeWithBothPorts() throws Exception {
    Element profile = imageProfile();
    Map<String, String> p = properties(profile);
    assertThat(p)
        .containsEntry("quarkus.container-image.build", "true")
        .containsEntry("image.base", BASE)
        .containsEntry("quarkus.jib.base-jvm-image", "${image.base}")
        .containsEntry("quarkus.jib.user", String.valueOf(IMAGE_USER))
        .containsEntry("quarkus.jib.working-directory", "/deployments");
    assertThat(Arrays.asList(p.get("quarkus.jib.ports").split(",")))
        .containsExactly("8080", "9000");
    assertThat(p.get("quarkus.jib.jvm-additional-arguments"))
        .contains("-XX:+ExitOnOutOfMemoryError");
    assertThat(text(profile, "artifactId")).contains("quarkus-container-image-jib");
    // Not in the default build: without the profile nothing pulls a base image.
    assertThat(DeployFiles.text(Path.of("pom.xml")).indexOf("quarkus-container-image-jib"))
        .isGreaterThan(DeployFiles.text(Path.of("pom.xml")).indexOf("<id>image</id>"));
  }

  @Test
  void theDockerfileBuildsTheSameImage() {
    List<String> lines =
        DeployFiles.text(Path.of("src/main/docker/Dockerfile.jvm")).lines().toList();
    assertThat(lines).contains("FROM " + BASE, "USER " + IMAGE_USER, "EXPOSE 8080 9000");
    assertThat(lines)
        .contains(
            "COPY --chown=185 target/quarkus-app/lib/ /deployments/lib/",
            "COPY --chown=185 target/quarkus-app/app/ /deployments/app/");
  }

  @Test
  void theDeploymentExposesThePortsTheImageDeclares() {
    Deployment deployment =
        TypedModel.read(
            Kustomize.build(KubernetesManifestsTest.PRODUCTION).deployment(), Deployment.class);
    assertThat(KubernetesManifestsTest.container(deployment).getPorts())
        .extracting(ContainerPort::getContainerPort)
        .containsExactly(8080, 9000);
  }

  private static Element imageProfile() throws Exception {
    var factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    NodeList profiles =
        factory
            .newDocumentBuilder()
            .parse(Path.of("pom.xml").toFile())
            .getElementsByTagName("profile");
    for (int i = 0; i < profiles.getLength(); i++) {
      Element profile = (Element) profiles.item(i);
      if (text(profile, "id").contains("image")) {
        return profile;
      }
    }
    throw new AssertionError("pom.xml has no profile image");
  }

  private static Map<String, String> properties(Element profile) {
    Map<String, String> values = new HashMap<>();
    NodeList children = profile.getElementsByTagName("properties").item(0).getChildNodes();
    for (int i = 0; i < children.getLength(); i++) {
      Node n = children.item(i);
      if (n instanceof Element e) {
        values.put(e.getTagName(), e.getTextContent().trim());
      }
    }
    return values;
  }

  private static List<String> text(Element parent, String tag) {
    NodeList nodes = parent.getElementsByTagName(tag);
    return java.util.stream.IntStream.range(0, nodes.getLength())
        .mapToObj(i -> nodes.item(i).getTextContent().trim())
        .toList();
  }
}
