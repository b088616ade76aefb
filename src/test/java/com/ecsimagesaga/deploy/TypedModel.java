package com.ecsimagesaga.deploy;

import com.ecsimagesaga.deploy.DeployFiles.Doc;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads Kubernetes manifests into fabric8's typed model. fabric8's types keep fields they do not
 * know in {@code additionalProperties} instead of failing, so after the read every object of the
 * model is walked and any such field is reported with its path: a misspelt or misplaced field fails
 * the check as it would fail {@code kubectl apply --validate=strict}.
 */
final class TypedModel {

  /** The kinds the manifests use, by apiVersion and kind. */
  static final Map<String, Class<?>> TYPES =
      Map.of(
          "v1/ConfigMap", ConfigMap.class,
          "v1/Service", Service.class,
          "v1/ServiceAccount", ServiceAccount.class,
          "apps/v1/Deployment", Deployment.class,
          "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
          "networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class,
          "monitoring.coreos.com/v1/ServiceMonitor", ServiceMonitor.class);

  private TypedModel() {}

  static boolean isKubernetesType(Doc doc) {
    return TYPES.containsKey(doc.apiVersion() + "/" + doc.kind());
  }

  /** The document as its typed object; throws naming the file and every unknown field. */
  static <T> T read(Doc doc, Class<T> type) {
    T value;
    try {
      value = DeployFiles.YAML.treeToValue(doc.node(), type);
    } catch (Exception e) {
      throw new AssertionError(doc + " does not read as " + type.getSimpleName() + ": " + e, e);
    }
    List<String> unknown = unknownFields(value);
    if (!unknown.isEmpty()) {
      throw new AssertionError(
          doc + " has fields " + type.getSimpleName() + " does not know: " + unknown);
    }
    return value;
  }

  static Object read(Doc doc) {
    Class<?> type = TYPES.get(doc.apiVersion() + "/" + doc.kind());
    if (type == null) {
      throw new AssertionError(doc + ": no typed model for " + doc.apiVersion() + " " + doc.kind());
    }
    return read(doc, type);
  }

  /** Paths of every field the model kept as an additional property. */
  static List<String> unknownFields(Object root) {
    List<String> found = new ArrayList<>();
    walk(root, "", found, java.util.Collections.newSetFromMap(new IdentityHashMap<>()));
    return found;
  }

  private static void walk(Object value, String path, List<String> found, Set<Object> seen) {
    if (value == null || !seen.add(value)) {
      return;
    }
    if (value instanceof Collection<?> list) {
      int i = 0;
      for (Object item : list) {
        walk(item, path + "[" + i++ + "]", found, seen);
      }
      return;
    }
    if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> walk(v, path + "." + k, found, seen));
      return;
    }
    if (!value.getClass().getName().startsWith("io.fabric8.")) {
      return;
    }
    for (Class<?> c = value.getClass(); c != Object.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (Modifier.isStatic(f.getModifiers())) {
          continue;
        }
        f.setAccessible(true);
        Object fieldValue;
        try {
          fieldValue = f.get(value);
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
        if (f.getName().equals("additionalProperties") && fieldValue instanceof Map<?, ?> extra) {
          extra.keySet().forEach(k -> found.add(path + "." + k));
        } else {
          walk(fieldValue, path + "." + f.getName(), found, seen);
        }
      }
    }
  }
}
