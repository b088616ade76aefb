package com.ecsimagesaga.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The embedded PostgreSQL as a production database runs it, when {@code bench.pg-durable=true}:
 * {@code fsync}, {@code synchronous_commit} and {@code full_page_writes} on. The library starts the
 * server with {@code -F} (fsync off) and leaves {@code synchronous_commit} at its default; settings
 * given here win over {@code -F}. Without the property the server runs as the library starts it,
 * which is faster and fine for tests that judge behaviour, not speed.
 */
public final class DurablePostgres {

  /** The system property that switches durable mode on. */
  public static final String PROPERTY = "bench.pg-durable";

  private DurablePostgres() {}

  /** Whether this JVM runs its embedded servers durably. */
  public static boolean enabled() {
    return Boolean.getBoolean(PROPERTY);
  }

  /** The builder with the durable settings when {@link #enabled()}; unchanged otherwise. */
  public static EmbeddedPostgres.Builder configure(EmbeddedPostgres.Builder builder) {
    if (enabled()) {
      builder
          .setServerConfig("fsync", "on")
          .setServerConfig("synchronous_commit", "on")
          .setServerConfig("full_page_writes", "on");
    }
    return builder;
  }

  /**
   * What the server runs with, for every log to say: {@code fsync=on synchronous_commit=on
   * full_page_writes=on}.
   */
  public static String describe(DataSource server) {
    try (Connection c = server.getConnection()) {
      return describe(c);
    } catch (SQLException e) {
      return "settings unknown: " + e.getMessage();
    }
  }

  /** The same as {@link #describe(DataSource)}, over a connection the caller holds and closes. */
  public static String describe(Connection c) {
    List<String> settings = new ArrayList<>();
    try (Statement s = c.createStatement()) {
      for (String name : List.of("fsync", "synchronous_commit", "full_page_writes")) {
        try (ResultSet rs = s.executeQuery("show " + name)) {
          rs.next();
          settings.add(name + "=" + rs.getString(1));
        }
      }
    } catch (SQLException e) {
      return "settings unknown: " + e.getMessage();
    }
    return String.join(" ", settings);
  }
}
