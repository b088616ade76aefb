package com.ecsimagesaga.adapter.kafka;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * The schemas of every released contract version, frozen under {@code schemas/released/<version>/}
 * and packaged on the class path. A producer still writing a released schema keeps being read: the
 * codec learns each one's fingerprint and resolves it to the current record.
 */
public final class ReleasedSchemas {

  /** Released contract versions, oldest first. */
  public static final List<String> VERSIONS = List.of("v1");

  private static final String ROOT = "schemas/released/";
  private static final Map<String, List<Schema>> RELEASED = loadAll();

  private ReleasedSchemas() {}

  /** The top-level records of one released version (named types they use are nested in them). */
  public static List<Schema> records(String version) {
    List<Schema> records = RELEASED.get(version);
    if (records == null) {
      throw new IllegalArgumentException("no released contract version " + version);
    }
    return records;
  }

  /** The files of one version's index, in parse order. */
  public static List<String> index(String version) {
    String path = ROOT + version + "/index.txt";
    try (InputStream in = open(path);
        var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      return reader
          .lines()
          .map(String::strip)
          .filter(l -> !l.isEmpty() && !l.startsWith("#"))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }

  private static Map<String, List<Schema>> loadAll() {
    Map<String, List<Schema>> all = new LinkedHashMap<>();
    for (String version : VERSIONS) {
      all.put(version, load(version));
    }
    return all;
  }

  private static List<Schema> load(String version) {
    Schema.Parser parser = new Schema.Parser();
    List<Schema> records = new ArrayList<>();
    for (String file : index(version)) {
      String path = ROOT + version + "/" + file;
      try (InputStream in = open(path)) {
        Schema schema = parser.parse(in);
        if (!file.startsWith("common/")) {
          records.add(schema);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read released schema " + path, e);
      }
    }
    return List.copyOf(records);
  }

  private static InputStream open(String path) throws IOException {
    InputStream in = ReleasedSchemas.class.getClassLoader().getResourceAsStream(path);
    if (in == null) {
      throw new IOException(path + " is not on the class path (the build packages schemas/)");
    }
    return in;
  }
}
