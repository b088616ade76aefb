package com.ecsimagesaga.adapter.alicloud;

import static com.ecsimagesaga.adapter.alicloud.JsonStream.bool;
import static com.ecsimagesaga.adapter.alicloud.JsonStream.intOrZero;
import static com.ecsimagesaga.adapter.alicloud.JsonStream.object;
import static com.ecsimagesaga.adapter.alicloud.JsonStream.text;
import static com.ecsimagesaga.adapter.alicloud.JsonStream.wrapped;

import com.ecsimagesaga.image.ImageObservation;
import com.ecsimagesaga.image.ImageState;
import com.google.gson.stream.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a raw DescribeImages response. The typed SDK model drops {@code Usable}, which is the only
 * reliable sign that instances can be launched from a new image, so the JSON is read here.
 *
 * <p>Read as a stream, in one pass, without building a tree of the document: with thousands of
 * images in flight the service reads pages of 100 images several times a minute, and building and
 * searching a tree per page was most of its CPU while sagas wait (profiled in {@code
 * docs/benchmarks.md}, 28 November 2026; git keeps that round).
 */
final class DescribeImagesReader {

  /** The plain attributes kept for the image lookup API, in this order. */
  private static final List<String> ATTRIBUTES =
      List.of(
          "Status",
          "Description",
          "ImageFamily",
          "ImageVersion",
          "BootMode",
          "Architecture",
          "Platform",
          "OSType",
          "OSName",
          "ResourceGroupId",
          "CreationTime",
          "Size",
          "Usage",
          "ImageOwnerAlias");

  private DescribeImagesReader() {}

  /** One page: its images and the response's TotalCount (0 when absent). */
  record Page(List<ImageObservation> images, int totalCount) {}

  static List<ImageObservation> read(String json) {
    return readPage(json).images();
  }

  /** The TotalCount of a DescribeImages response; 0 when absent. */
  static int totalCount(String json) {
    return readPage(json).totalCount();
  }

  /** The images and the TotalCount of a response, read in one pass. */
  static Page readPage(String json) {
    try (JsonReader r = new JsonReader(new StringReader(json))) {
      List<ImageObservation> images = new ArrayList<>();
      int total = 0;
      r.beginObject();
      while (r.hasNext()) {
        switch (r.nextName()) {
          case "TotalCount" -> total = intOrZero(r);
          case "Images" -> wrapped(r, "Image", () -> images.add(image(r)));
          default -> r.skipValue();
        }
      }
      r.endObject();
      return new Page(images, total);
    } catch (IOException e) {
      throw new UncheckedIOException("unreadable DescribeImages response", e);
    }
  }

  private static ImageObservation image(JsonReader r) throws IOException {
    Map<String, String> plain = new HashMap<>();
    List<String> snapshots = new ArrayList<>();
    Map<String, String> tags = new LinkedHashMap<>();
    boolean usable = false;
    r.beginObject();
    while (r.hasNext()) {
      String name = r.nextName();
      switch (name) {
        case "Usable" -> usable = bool(r);
        case "DiskDeviceMappings" ->
            wrapped(
                r,
                "DiskDeviceMapping",
                () ->
                    object(
                        r,
                        fields -> {
                          String id = fields.get("SnapshotId");
                          if (id != null && !id.isEmpty()) {
                            snapshots.add(id);
                          }
                        }));
        case "Tags" ->
            wrapped(
                r,
                "Tag",
                () ->
                    object(
                        r,
                        fields ->
                            tags.put(
                                fields.get("TagKey"), String.valueOf(fields.get("TagValue")))));
        default -> {
          String value = text(r);
          if (value != null) {
            plain.put(name, value);
          }
        }
      }
    }
    r.endObject();
    Map<String, String> attributes = new LinkedHashMap<>();
    for (String key : ATTRIBUTES) {
      String value = plain.get(key);
      if (value != null) {
        attributes.put(key, value);
      }
    }
    ImageState state = ImageState.fromEcs(plain.get("Status")).orElse(ImageState.UNAVAILABLE);
    return new ImageObservation(
        plain.get("ImageId"),
        plain.get("ImageName"),
        state,
        progress(plain.get("Progress")),
        usable,
        snapshots,
        tags,
        attributes);
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
