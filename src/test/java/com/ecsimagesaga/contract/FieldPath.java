package com.ecsimagesaga.contract;

import org.apache.avro.Schema;

/** Turns the JSON pointer of a schema incompatibility into a field path like {@code tags[].key}. */
final class FieldPath {

  private FieldPath() {}

  static String of(Schema root, String location) {
    StringBuilder path = new StringBuilder();
    Schema at = root;
    String[] parts = location.split("/");
    try {
      for (int i = 1; i < parts.length; i++) {
        switch (parts[i]) {
          case "fields" -> {
            Schema.Field field = at.getFields().get(Integer.parseInt(parts[++i]));
            path.append(path.isEmpty() ? "" : ".").append(field.name());
            at = field.schema();
          }
          case "type" -> {}
          case "items" -> {
            path.append("[]");
            at = at.getElementType();
          }
          case "values" -> {
            path.append("{}");
            at = at.getValueType();
          }
          default -> {
            if (at.getType() == Schema.Type.UNION && parts[i].matches("\\d+")) {
              at = at.getTypes().get(Integer.parseInt(parts[i]));
            } else {
              return quoted(path) + " (" + parts[i] + ")";
            }
          }
        }
      }
    } catch (RuntimeException e) {
      return quoted(path) + " at " + location;
    }
    return quoted(path);
  }

  private static String quoted(StringBuilder path) {
    return path.isEmpty() ? "(the record itself)" : "'" + path + "'";
  }
}
