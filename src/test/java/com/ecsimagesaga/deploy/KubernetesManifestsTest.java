package com.ecsimagesaga.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.ecsimagesaga.deploy.DeployFiles.Doc;
import com.ecsimagesaga.deploy.Kustomize.Build;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The Kubernetes manifests under deploy/kubernetes, read as Kubernetes would read them. */
class KubernetesManifestsTest {

  static final Path DEV = DeployFiles.KUBERNETES.resolve("overlays/dev");
  static final Path PRODUCTION = DeployFiles.KUBERNETES.resolve("overlays/production");

  @Test
  void everyManifestAndPatchReadsIntoTheTypedModelWithoutUnknownFields() {
    List<Doc> kubernetes =
        DeployFiles.documents(DeployFiles.KUBERNETES).stream()
            .filter(d -> d.node().isObject())
            .filter(d -> !d.apiVersion().startsWith("kustomize.config.k8s.io/"))
            .filter(d -> !d.apiVersion().startsWith("kafka.strimzi.io/"))
            .filter(d -> !d.apiVersion().startsWith("postgresql.cnpg.io/"))
            .toList();
    assertThat(kubernetes).hasSizeGreaterThanOrEqualTo(9);
    kubernetes.forEach(TypedModel::read);
    for (Path overlay : List.of(DEV, PRODUCTION)) {
      Kustomize.build(overlay).resources().stream()
          .filter(TypedModel::isKubernetesType)
          .forEach(TypedModel::read);
    }
  }

  @Test
  void aMisspeltFieldFailsTheTypedRead() {
    Doc doc = DeployFiles.read(DeployFiles.KUBERNETES.resolve("base/deployment.yaml")).get(0);
    ((com.fasterxml.jackson.databind.node.ObjectNode) doc.node().path("spec")).put("replica", 3);
    List<String> unknown =
        TypedModel.unknownFields(DeployFiles.YAML.convertValue(doc.node(), Deployment.class));
    assertThat(unknown).containsExactly(".spec.replica");
  }

  @Test
  void overlaysReferenceOnlyFilesThatExistAndUseEveryManifest() {
    Set<Path> reached = new HashSet<>();
    for (Path overlay : List.of(DEV, PRODUCTION)) {
      Build build = Kustomize.build(overlay);
      assertThat(build.problems()).as(overlay.toString()).isEmpty();
      reached.addAll(build.files());
    }
    assertThat(reached)
        .containsExactlyInAnyOrderElementsOf(
            DeployFiles.yamlFiles(DeployFiles.KUBERNETES).stream().map(Path::normalize).toList());
  }

  @Test
  void productionRunsThreeReplicasSpreadOverZonesAndNodesOneDisruptedAtATime() {
    Build production = Kustomize.build(PRODUCTION);
    Deployment deployment = TypedModel.read(production.deployment(), Deployment.class);
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(3);
    assertThat(deployment.getSpec().getTemplate().getSpec().getTopologySpreadConstraints())
        .extracting(c -> c.getTopologyKey())
        .containsExactly("topology.kubernetes.io/zone", "kubernetes.io/hostname");
    assertThat(
            deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal())
        .isZero();
    Container container = container(deployment);
    assertThat(container.getImage())
        .isEqualTo("registry.example.com/platform/ecs-image-saga:0.1.0");
    assertThat(container.getResources().getLimits()).containsKey("memory");
    assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");

    PodDisruptionBudget pdb =
        TypedModel.read(production.ofKind("PodDisruptionBudget").get(0), PodDisruptionBudget.class);
    assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
    assertThat(pdb.getSpec().getSelector().getMatchLabels())
        .isEqualTo(deployment.getSpec().getSelector().getMatchLabels());

    Deployment dev = TypedModel.read(Kustomize.build(DEV).deployment(), Deployment.class);
    assertThat(dev.getSpec().getReplicas()).isEqualTo(1);
  }

  @Test
  void theContainerRunsAsItsImagesNonRootUserWithAReadOnlyRoot() {
    Deployment deployment =
        TypedModel.read(Kustomize.build(PRODUCTION).deployment(), Deployment.class);
    var pod = deployment.getSpec().getTemplate().getSpec();
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(ContainerImageTest.IMAGE_USER);
    assertThat(container(deployment).getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(container(deployment).getSecurityContext().getCapabilities().getDrop())
        .containsExactly("ALL");
  }

  @Test
  void probesAskTheHealthGroupsOnTheManagementPortThatServiceAndServiceMonitorUse() {
    Build production = Kustomize.build(PRODUCTION);
    Container container = container(TypedModel.read(production.deployment(), Deployment.class));
    Map<String, Integer> ports =
        container.getPorts().stream()
            .collect(Collectors.toMap(ContainerPort::getName, ContainerPort::getContainerPort));
    assertThat(ports).containsEntry("http", 8080).containsEntry("management", 9000);

    assertThat(path(container.getStartupProbe())).isEqualTo("/q/health/started");
    assertThat(path(container.getReadinessProbe())).isEqualTo("/q/health/ready");
    assertThat(path(container.getLivenessProbe())).isEqualTo("/q/health/live");
    for (Probe probe :
        List.of(
            container.getStartupProbe(),
            container.getReadinessProbe(),
            container.getLivenessProbe())) {
      assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("management");
    }

    Service service = TypedModel.read(production.ofKind("Service").get(0), Service.class);
    assertThat(service.getSpec().getPorts())
        .anySatisfy(
            p -> {
              assertThat(p.getName()).isEqualTo("management");
              assertThat(p.getTargetPort().getStrVal()).isEqualTo("management");
            });
    ServiceMonitor monitor =
        TypedModel.read(production.ofKind("ServiceMonitor").get(0), ServiceMonitor.class);
    assertThat(monitor.getSpec().getEndpoints())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.getPort()).isEqualTo("management");
              assertThat(e.getPath()).isEqualTo("/q/metrics");
            });
    assertThat(monitor.getSpec().getSelector().getMatchLabels())
        .isEqualTo(service.getSpec().getSelector());
  }

  @Test
  void secretsAreReferencedNeverWritten() {
    assertThat(DeployFiles.ofKind("Secret")).isEmpty();
    for (Path overlay : List.of(DEV, PRODUCTION)) {
      Container container =
          container(TypedModel.read(Kustomize.build(overlay).deployment(), Deployment.class));
      for (EnvVar env : container.getEnv()) {
        if (env.getName().matches(".*(PASSWORD|SECRET|JAAS).*")) {
          assertThat(env.getValue()).as(env.getName()).isNull();
          assertThat(env.getValueFrom().getSecretKeyRef()).as(env.getName()).isNotNull();
        }
      }
    }
  }

  @Test
  void productionTakesShortLivedCredentialsThroughRrsaAndDevAnAccessKeyPairFromASecret() {
    Deployment production =
        TypedModel.read(Kustomize.build(PRODUCTION).deployment(), Deployment.class);
    Map<String, EnvVar> env = env(container(production));
    assertThat(env).containsKeys("ALIBABA_CLOUD_ROLE_ARN", "ALIBABA_CLOUD_OIDC_PROVIDER_ARN");
    assertThat(env).doesNotContainKeys("ALIBABA_CLOUD_ACCESS_KEY_ID", "SAGA_ECS_ACCESS_KEY_ID");
    String tokenFile = env.get("ALIBABA_CLOUD_OIDC_TOKEN_FILE").getValue();
    var mount =
        container(production).getVolumeMounts().stream()
            .filter(m -> tokenFile.startsWith(m.getMountPath() + "/"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("nothing mounted at " + tokenFile));
    var volume =
        production.getSpec().getTemplate().getSpec().getVolumes().stream()
            .filter(v -> v.getName().equals(mount.getName()))
            .findFirst()
            .orElseThrow();
    var token = volume.getProjected().getSources().get(0).getServiceAccountToken();
    assertThat(token.getAudience()).isEqualTo("sts.aliyuncs.com");
    assertThat(tokenFile).isEqualTo(mount.getMountPath() + "/" + token.getPath());

    Deployment dev = TypedModel.read(Kustomize.build(DEV).deployment(), Deployment.class);
    Map<String, EnvVar> devEnv = env(container(dev));
    assertThat(devEnv.get("ALIBABA_CLOUD_ACCESS_KEY_ID").getValueFrom().getSecretKeyRef().getName())
        .isEqualTo("ecs-image-saga-ecs-access-key");
    assertThat(devEnv).doesNotContainKey("ALIBABA_CLOUD_ROLE_ARN");
  }

  @Test
  void theNetworkPolicyLetsOutWhatTheConfigurationConnectsTo() {
    var policy =
        TypedModel.read(
            DeployFiles.ofKind("NetworkPolicy").get(0),
            io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy.class);
    Set<Integer> egress =
        policy.getSpec().getEgress().stream()
            .flatMap(rule -> rule.getPorts().stream())
            .map(p -> p.getPort().getIntVal())
            .collect(Collectors.toSet());
    var data = EnvironmentVariablesTest.configMap("ecs-image-saga-env").path("data");
    int kafka =
        Integer.parseInt(data.path("KAFKA_BOOTSTRAP_SERVERS").asText().replaceAll(".*:", ""));
    int postgres =
        Integer.parseInt(
            data.path("SAGA_DB_JDBC_URL")
                .asText()
                .replaceAll("^jdbc:postgresql://[^:]+:([0-9]+)/.*$", "$1"));
    assertThat(egress).contains(kafka, postgres, 443, 53);
    assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
  }

  static Container container(Deployment deployment) {
    return deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
  }

  static Map<String, EnvVar> env(Container container) {
    return container.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, e -> e));
  }

  private static String path(Probe probe) {
    return probe.getHttpGet().getPath();
  }
}
