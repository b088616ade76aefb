package com.ecsimagesaga.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PostgresResourceTest {

  @Test
  void startReturnsMatchingReactiveAndJdbcDatasourceConfig() {
    Map<String, String> config = new PostgresResource().start();

    String jdbcUrl = PostgresResource.jdbcUrl();
    assertThat(jdbcUrl).startsWith("jdbc:postgresql://").endsWith("/ecs_image_saga");
    assertThat(config)
        .containsOnly(
            Map.entry("quarkus.datasource.jdbc.url", jdbcUrl),
            Map.entry("quarkus.datasource.reactive.url", jdbcUrl.substring("jdbc:".length())),
            Map.entry("quarkus.datasource.username", PostgresResource.user()),
            Map.entry("quarkus.datasource.password", PostgresResource.password()));
  }

  @Test
  void rowInsertedOverJdbcIsReadBackFromTheServiceDatabase() throws Exception {
    new PostgresResource().start();

    try (Connection connection =
            DriverManager.getConnection(
                PostgresResource.jdbcUrl(), PostgresResource.user(), PostgresResource.password());
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE IF NOT EXISTS smoke_check (id INT PRIMARY KEY, name TEXT NOT NULL)");
      statement.execute("DELETE FROM smoke_check");
      try (PreparedStatement insert =
          connection.prepareStatement("INSERT INTO smoke_check VALUES (?, ?)")) {
        insert.setInt(1, 7);
        insert.setString(2, "i-local0001");
        insert.executeUpdate();
      }

      try (ResultSet row =
          statement.executeQuery("SELECT current_database(), id, name FROM smoke_check")) {
        assertThat(row.next()).isTrue();
        assertThat(row.getString(1)).isEqualTo("ecs_image_saga");
        assertThat(row.getInt(2)).isEqualTo(7);
        assertThat(row.getString(3)).isEqualTo("i-local0001");
        assertThat(row.next()).isFalse();
      }
    }
  }
}
