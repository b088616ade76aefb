package com.ecsimagesaga.adapter.alicloud;

import com.ecsimagesaga.image.ImageObservation;
import com.ecsimagesaga.image.ImageState;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a raw DescribeImages response. The typed SDK model drops {@code Usable}, which is the only
 * reliable sign that instances can be launched from a new image, so the JSON is read here.
 */
final class DescribeImagesReader {

  /** The plain attributes kept for the image lookup API. */
  private static final List<String> ATTRIBUTES = List.of("Status", "Description", "ImageFamily", "ImageVersion", "BootMode",
      "Architecture", "Platform", "OSType", "OSName", "ResourceGroupId", "CreationTime", "Size", "Usage", "ImageOwnerAlias");

  private DescribeImagesReader() {}

  static List<ImageObservation> read(String json) {
    JsonObject root = JsonParser.parseString(json).getAsJsonObject();
    List<ImageObservation> out = new ArrayList<>();
    for (JsonElement e : wrapped(root, "Images", "Image")) {
      JsonObject img = e.getAsJsonObject();
      ImageState state = ImageState.fromEcs(text(img, "Status")).orElse(ImageState.UNAVAILABLE);
      List<String> snapshots = new ArrayList<>();
      for (JsonElement m : wrapped(img, "DiskDeviceMappings", "DiskDeviceMapping")) {
        String id = text(m.getAsJsonObject(), "SnapshotId");
        if (id != null && !id.isEmpty()) {
          snapshots.add(id);
        }
      }
      boolean usable = img.has("Usable") && !img.get("Usable").isJsonNull() && img.get("Usable").getAsBoolean();
      Map<String, String> tags = new LinkedHashMap<>();
      for (JsonElement t : wrapped(img, "Tags", "Tag")) {
        tags.put(text(t.getAsJsonObject(), "TagKey"), String.valueOf(text(t.getAsJsonObject(), "TagValue")));
      }
      Map<String, String> attributes = new LinkedHashMap<>();
      for (String key : ATTRIBUTES) {
        String value = text(img, key);
        if (value != null) {
          attributes.put(key, value);
        }
      }
      out.add(new ImageObservation(text(img, "ImageId"), text(img, "ImageName"), state, progress(text(img, "Progress")),
          usable, snapshots, tags, attributes));
    }
    return out;
  }

  /** The TotalCount of a DescribeImages response; 0 when absent. */
  static int totalCount(String json) {
    JsonObject root = JsonParser.parseString(json).getAsJsonObject();
    return root.has("TotalCount") && !root.get("TotalCount").isJsonNull() ? root.get("TotalCount").getAsInt() : 0;
  }

  private static JsonArray wrapped(JsonObject parent, String outer, String inner) {
    if (!parent.has(outer) || !parent.get(outer).isJsonObject()) {
      return new JsonArray();
    }
    JsonElement list = parent.getAsJsonObject(outer).get(inner);
    return list != null && list.isJsonArray() ? list.getAsJsonArray() : new JsonArray();
  }

  private static String text(JsonObject o, String key) {
    return o.has(key) && !o.get(key).isJsonNull() ? o.get(key).getAsString() : null;
  }

  /** "42%" -> 42; anything unreadable counts as 0. */
  static int progress(String text) {
    if (text == null) {
      return 0;
    }
    try {
      return Math.max(0, Math.min(100, Integer.parseInt(text.replace("%", "").trim())));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
