package com.ecsimagesaga.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The application started by {@code @QuarkusTest} reaches the broker and database the resources
 * start.
 */
@QuarkusTest
@TestProfile(NoDevServicesProfile.class)
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
class TestResourcesQuarkusTest {

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String kafkaBootstrapServers;

  @Inject Pool reactivePool;

  @Inject DataSource jdbcDataSource;

  @Test
  void applicationIsConfiguredWithTheSharedBroker() {
    assertThat(kafkaBootstrapServers).isEqualTo(KafkaBrokerResource.bootstrapServers());
  }

  @Test
  void reactiveDatasourceReachesTheServiceDatabase() {
    Row row =
        reactivePool
            .query("SELECT current_database()")
            .execute()
            .await()
            .atMost(Duration.ofSeconds(30))
            .iterator()
            .next();

    assertThat(row.getString(0)).isEqualTo(PostgresResource.DATABASE);
  }

  @Test
  void jdbcDatasourceReachesTheServiceDatabase() throws Exception {
    try (Connection connection = jdbcDataSource.getConnection();
        ResultSet row = connection.createStatement().executeQuery("SELECT current_database()")) {
      assertThat(row.next()).isTrue();
      assertThat(row.getString(1)).isEqualTo(PostgresResource.DATABASE);
    }
  }
}
