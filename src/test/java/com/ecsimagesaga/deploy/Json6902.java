package com.ecsimagesaga.deploy;

import com.ecsimagesaga.deploy.DeployFiles.Doc;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** JSON patch (RFC 6902) operations {@code replace} and {@code add} on object members. */
final class Json6902 {

  private Json6902() {}

  static void apply(ArrayNode ops, Doc target, List<String> problems) {
    for (JsonNode op : ops) {
      JsonPointer path = JsonPointer.compile(op.path("path").asText());
      JsonNode parent = target.node().at(path.head());
      String field = path.last().getMatchingProperty();
      String kind = op.path("op").asText();
      if (!(parent instanceof ObjectNode object)) {
        problems.add(target + ": " + kind + " " + path + ": no such object");
      } else if (kind.equals("replace") && !object.has(field)) {
        problems.add(target + ": replace " + path + ": nothing to replace");
      } else if (kind.equals("replace") || kind.equals("add")) {
        object.set(field, op.path("value").deepCopy());
      } else {
        problems.add(target + ": operation " + kind + " is not handled by this check");
      }
    }
  }
}
