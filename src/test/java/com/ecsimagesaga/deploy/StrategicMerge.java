package com.ecsimagesaga.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * The part of Kubernetes' strategic merge patch the manifests use: objects merge field by field, a
 * {@code null} deletes a field, lists whose items all have a {@code name} (containers, env,
 * volumes, volumeMounts, ports) merge item by item on it, other lists are replaced.
 */
final class StrategicMerge {

  private StrategicMerge() {}

  static void merge(ObjectNode target, JsonNode patch) {
    for (Map.Entry<String, JsonNode> f : patch.properties()) {
      JsonNode current = target.get(f.getKey());
      JsonNode value = f.getValue();
      if (value.isNull()) {
        target.remove(f.getKey());
      } else if (current instanceof ObjectNode o && value.isObject()) {
        merge(o, value);
      } else if (current instanceof ArrayNode a && value.isArray() && named(a) && named(value)) {
        mergeByName(a, value);
      } else {
        target.set(f.getKey(), value.deepCopy());
      }
    }
  }

  private static void mergeByName(ArrayNode target, JsonNode patch) {
    for (JsonNode item : patch) {
      ObjectNode match = null;
      for (JsonNode t : target) {
        if (t.path("name").equals(item.path("name"))) {
          match = (ObjectNode) t;
        }
      }
      if (match == null) {
        target.add(item.deepCopy());
      } else {
        merge(match, item);
      }
    }
  }

  private static boolean named(JsonNode list) {
    for (JsonNode item : list) {
      if (!item.isObject() || !item.has("name")) {
        return false;
      }
    }
    return true;
  }
}
