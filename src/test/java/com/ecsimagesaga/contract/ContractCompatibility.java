package com.ecsimagesaga.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;

/**
 * Checks current schemas against released ones with Avro's own {@link SchemaCompatibility}.
 * Commands must be backward compatible (the service, reading with the current schema, reads what a
 * producer on any released schema writes); events fully and transitively (every released consumer
 * reads current events, and a current consumer reads the released events still on the topic). Each
 * breach is one line naming the record, the field and Avro's reason.
 */
public final class ContractCompatibility {

  /** What a top-level record is, from the first word of its {@code doc}. */
  public enum Role {
    COMMAND,
    EVENT;

    static Role of(Schema schema) {
      String doc = schema.getDoc() == null ? "" : schema.getDoc();
      if (doc.startsWith("Command:")) {
        return COMMAND;
      }
      if (doc.startsWith("Event:")) {
        return EVENT;
      }
      throw new IllegalArgumentException(
          schema.getFullName() + ": its doc must start with 'Command:' or 'Event:'");
    }
  }

  private ContractCompatibility() {}

  /**
   * Breaches of the current records against the released ones, by released version; empty when the
   * current contract is compatible with all of them.
   */
  public static List<String> breaches(
      Map<String, Schema> current, Map<String, List<Schema>> releasedByVersion) {
    List<String> breaches = new ArrayList<>();
    releasedByVersion.forEach(
        (version, released) -> {
          for (Schema old : released) {
            Schema now = current.get(old.getFullName());
            if (now == null) {
              breaches.add(
                  old.getName()
                      + ": released in "
                      + version
                      + " but no current schema: a record is never removed from a major version");
              continue;
            }
            if (Role.of(now) == Role.COMMAND) {
              check(breaches, now, old, "the service", "a " + version + " producer");
            } else {
              check(breaches, now, old, "a current consumer", "a " + version + " service");
              check(breaches, old, now, "a " + version + " consumer", "the current service");
            }
          }
        });
    return breaches;
  }

  private static void check(
      List<String> breaches, Schema reader, Schema writer, String readerName, String writerName) {
    var result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getResult();
    for (Incompatibility i : result.getIncompatibilities()) {
      breaches.add(
          String.format(
              "%s (%s): %s cannot read what %s writes: field %s: %s: %s",
              reader.getName(),
              Role.of(reader).name().toLowerCase(java.util.Locale.ROOT),
              readerName,
              writerName,
              FieldPath.of(reader, i.getLocation()),
              i.getType(),
              i.getMessage()));
    }
  }
}
