package com.ecsimagesaga.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ecsimagesaga.contract.v1.CommandRejected;
import com.ecsimagesaga.contract.v1.CreateImage;
import com.ecsimagesaga.contract.v1.ImageCreated;
import com.ecsimagesaga.contract.v1.SagaStateReported;
import com.ecsimagesaga.testsupport.EcsSimulatorResource;
import com.ecsimagesaga.testsupport.KafkaBrokerResource;
import com.ecsimagesaga.testsupport.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The intake takes a poll of commands in at once (the creates of a poll in one statement). Each
 * test publishes its commands, each under its own key, to one partition, so that, sent together,
 * they arrive in as few polls as the consumer makes; what each command gets must be what it would
 * get alone.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(EcsSimulatorResource.class)
class BatchedIntakeTest extends SagaTestSupport {

  @BeforeAll
  static void setUp() {
    connect();
  }

  @Test
  void createsSentTogetherEachStartOneSagaAndARepeatInTheSamePollIsAnsweredWithItsState()
      throws SQLException {
    List<CreateImage> creates = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      creates.add(createFromInstance(seededInstance()).build());
    }
    CreateImage repeated = creates.get(7);
    List<CreateImage> sent = new ArrayList<>(creates);
    sent.add(20, repeated);
    CreateImage invalid =
        createFromInstance(seededInstance()).setImageName("http://not-a-name").build();
    sent.add(30, invalid);
    sent.forEach(c -> producer.sendAsync(COMMANDS, 0, keyOf(c), CODEC.encode(c)));
    producer.flush();

    for (CreateImage c : creates) {
      awaitEvent(c.getCommandId(), ImageCreated.class);
    }
    awaitEvent(repeated.getCommandId(), SagaStateReported.class);
    CommandRejected rejected = awaitEvent(invalid.getCommandId(), CommandRejected.class);
    assertThat(rejected.getViolations())
        .anySatisfy(v -> assertThat(v.getField()).isEqualTo("imageName"));
    assertThat(sagaRows(creates.stream().map(CreateImage::getCommandId).toList()))
        .isEqualTo(creates.size());
    assertThat(sagaRows(List.of(invalid.getCommandId()))).isZero();
    assertThat(
            eventsFor(repeated.getCommandId()).stream()
                .filter(ImageCreated.class::isInstance)
                .count())
        .isEqualTo(1);
  }

  @Test
  void aCreateTheDatabaseRefusesGoesAloneToTheDeadLetterTopicAndTheRestOfItsPollIsTakenIn()
      throws SQLException {
    String refusedId = "refused-" + UUID.randomUUID();
    // A real refusal by the database, for one command id only: what a poison record looks like.
    execute(
        """
        create or replace function refuse_one_command() returns trigger language plpgsql as $$
        begin
          if new.command_id like 'refused-%' then
            raise exception 'command % refused by the test trigger', new.command_id;
          end if;
          return new;
        end $$""");
    execute(
        "create trigger refuse_one_command before insert on processed_command for each row"
            + " execute function refuse_one_command()");
    try {
      List<CreateImage> good = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        good.add(createFromInstance(seededInstance()).build());
      }
      CreateImage refused = createFromInstance(seededInstance()).setCommandId(refusedId).build();
      List<CreateImage> sent = new ArrayList<>(good);
      sent.add(10, refused);
      sent.forEach(c -> producer.sendAsync(COMMANDS, 0, keyOf(c), CODEC.encode(c)));
      producer.flush();

      await().atMost(Duration.ofSeconds(30)).until(() -> deadLetterFor(refusedId) != null);
      ConsumerRecord<String, byte[]> dead = deadLetterFor(refusedId);
      assertThat(text(dead, "dead-letter-reason")).contains("refused by the test trigger");
      assertThat(text(dead, "dead-letter-topic")).isEqualTo(COMMANDS);
      assertThat(dead.headers().lastHeader("dead-letter-offset")).isNotNull();
      for (CreateImage c : good) {
        awaitEvent(c.getCommandId(), ImageCreated.class);
      }
      assertThat(sagaRows(good.stream().map(CreateImage::getCommandId).toList()))
          .isEqualTo(good.size());
      assertThat(sagaRows(List.of(refusedId))).isZero();
      assertThat(
              deadLetters.records().stream()
                  .filter(r -> CODEC.decode(r.value()) instanceof CreateImage c && isGood(c, good))
                  .count())
          .as("no command of the poll but the refused one is dead-lettered")
          .isZero();
    } finally {
      execute("drop trigger if exists refuse_one_command on processed_command");
    }
  }

  private static boolean isGood(CreateImage c, List<CreateImage> good) {
    return good.stream().anyMatch(g -> g.getCommandId().equals(c.getCommandId()));
  }

  private static ConsumerRecord<String, byte[]> deadLetterFor(String commandId) {
    return deadLetters.records().stream()
        .filter(
            r ->
                decodeOrNull(r.value()) instanceof CreateImage c
                    && commandId.equals(c.getCommandId()))
        .findFirst()
        .orElse(null);
  }

  private static String text(ConsumerRecord<String, byte[]> r, String header) {
    return new String(r.headers().lastHeader(header).value(), StandardCharsets.UTF_8);
  }

  private static long sagaRows(List<String> commandIds) throws SQLException {
    try (Connection c = connection();
        var query = c.prepareStatement("select count(*) from saga where command_id = any(?)")) {
      query.setArray(1, c.createArrayOf("text", commandIds.toArray()));
      try (var rs = query.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static void execute(String sql) throws SQLException {
    try (Connection c = connection()) {
      c.createStatement().execute(sql);
    }
  }

  private static Connection connection() throws SQLException {
    return DriverManager.getConnection(
        PostgresResource.jdbcUrl(), PostgresResource.user(), PostgresResource.password());
  }

  private static String keyOf(CreateImage c) {
    return c.getRegionId() + "/" + c.getImageName();
  }
}
