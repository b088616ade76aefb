package com.ecsimagesaga.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;

/** The current contract as the files in {@code schemas/avro/} say, read with Avro's own parser. */
public final class CurrentSchemas {

  public static final Path DIR = Path.of("schemas", "avro");

  private CurrentSchemas() {}

  /** Top-level records by full name (the named types in {@code common/} are nested in them). */
  public static Map<String, Schema> records() {
    Schema.Parser parser = new Schema.Parser();
    common().forEach(f -> parse(parser, f));
    Map<String, Schema> records = new LinkedHashMap<>();
    for (Path f : files(DIR)) {
      Schema s = parse(parser, f);
      records.put(s.getFullName(), s);
    }
    return records;
  }

  /** The same records read from text, some of it edited: what a change to a file would give. */
  public static Map<String, Schema> withEdit(String recordName, String from, String to) {
    Schema.Parser parser = new Schema.Parser();
    common().forEach(f -> parse(parser, f));
    Map<String, Schema> records = new LinkedHashMap<>();
    for (Path f : files(DIR)) {
      String text = read(f);
      if (f.getFileName().toString().equals(recordName + ".avsc")) {
        if (!text.contains(from)) {
          throw new IllegalArgumentException(f + " does not contain " + from);
        }
        text = text.replace(from, to);
      }
      Schema s = parser.parse(text);
      records.put(s.getFullName(), s);
    }
    return records;
  }

  /**
   * The named types of {@code common/}, each after the types it refers to (a copy destination has
   * tags), as Avro's parser needs them.
   */
  static List<Path> common() {
    List<Path> pending = new java.util.ArrayList<>(files(DIR.resolve("common")));
    List<Path> ordered = new java.util.ArrayList<>();
    while (!pending.isEmpty()) {
      Path next =
          pending.stream()
              .filter(
                  f ->
                      pending.stream()
                          .filter(other -> !other.equals(f))
                          .noneMatch(other -> read(f).contains("v1." + typeName(other) + "\"")))
              .findFirst()
              .orElseThrow(() -> new IllegalStateException("common types refer in a circle"));
      ordered.add(next);
      pending.remove(next);
    }
    return ordered;
  }

  private static String typeName(Path f) {
    String name = f.getFileName().toString();
    return name.substring(0, name.length() - ".avsc".length());
  }

  static List<Path> files(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".avsc")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Schema parse(Schema.Parser parser, Path f) {
    return parser.parse(read(f));
  }

  private static String read(Path f) {
    try {
      return Files.readString(f);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
