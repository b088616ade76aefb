package com.ecsimagesaga.reliability;

import com.ecsimagesaga.contract.v1.CreateImage;
import com.ecsimagesaga.contract.v1.DeleteImage;
import com.ecsimagesaga.contract.v1.Tag;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.apache.avro.SchemaNormalization;

/**
 * The kinds of malformed record a hostile or broken producer can put on the command topic, and what
 * the service must do with each: answer {@code CommandRejected}, or move it to the dead-letter
 * topic.
 */
enum HostileInput {

  /** Random bytes without the Avro header. */
  NOT_AVRO(Fate.DEAD_LETTER),
  /** A JSON document, the most likely mistake of a producer. */
  JSON_TEXT(Fate.DEAD_LETTER),
  /** {@code C3 02}: a single-object header of a format version that does not exist. */
  WRONG_HEADER(Fate.DEAD_LETTER),
  /** The header and fewer than eight fingerprint bytes. */
  TRUNCATED_HEADER(Fate.DEAD_LETTER),
  /** A well-formed header with a fingerprint of no schema the service knows. */
  UNKNOWN_FINGERPRINT(Fate.DEAD_LETTER),
  /** The CreateImage fingerprint followed by bytes that are not a CreateImage body. */
  KNOWN_SCHEMA_GARBAGE(Fate.DEAD_LETTER),
  /** A valid CreateImage cut in half. */
  TRUNCATED_BODY(Fate.DEAD_LETTER),
  /** A record with no value at all (a tombstone). */
  TOMBSTONE(Fate.DEAD_LETTER),
  /** A value of zero bytes. */
  EMPTY(Fate.DEAD_LETTER),
  /** Valid Avro, with control characters in the name, description and a tag. */
  CONTROL_CHARACTERS(Fate.REJECTED),
  /** Valid Avro with 5,000 tags. */
  FIVE_THOUSAND_TAGS(Fate.REJECTED),
  /** Valid Avro with every optional field null: no source, no name. */
  NULLS(Fate.REJECTED),
  /** Valid Avro with values of the wrong shape in every field. */
  WRONG_SHAPES(Fate.REJECTED),
  /** A DeleteImage of something that is not an image id. */
  DELETE_NOT_AN_IMAGE(Fate.REJECTED),
  /**
   * Valid Avro whose command id is 200 characters: too long for the id rules and for the
   * de-duplication column (160), so today storing its rejection fails and it is dead-lettered.
   */
  LONG_COMMAND_ID(Fate.EITHER),
  /**
   * Valid Avro without a command id. The first is rejected; every later one collides with the first
   * rejection's event id, so today it is dead-lettered.
   */
  EMPTY_COMMAND_ID(Fate.EITHER),
  /**
   * Valid Avro with a 1 MB description (sent only a few times: each is a megabyte on the broker).
   */
  HUGE_DESCRIPTION(Fate.REJECTED);

  /** Where a record of this kind must end. */
  enum Fate {
    REJECTED,
    DEAD_LETTER,
    EITHER
  }

  private static final long CREATE_FINGERPRINT =
      SchemaNormalization.parsingFingerprint64(CreateImage.getClassSchema());

  final Fate fate;

  HostileInput(Fate fate) {
    this.fate = fate;
  }

  /** The kinds sent in bulk; {@link #HUGE_DESCRIPTION} is sent separately, a few times. */
  static List<HostileInput> bulk() {
    return Arrays.stream(values()).filter(k -> k != HUGE_DESCRIPTION).toList();
  }

  /** One record of this kind; {@code null} is a tombstone. */
  byte[] record(ReliabilityStack stack, Random random) {
    return switch (this) {
      case NOT_AVRO -> {
        byte[] bytes = randomBytes(random, 1 + random.nextInt(300));
        bytes[0] = 0x7B;
        yield bytes;
      }
      case JSON_TEXT ->
          "{\"commandId\":\"x\",\"regionId\":\"cn-hangzhou\"}".getBytes(StandardCharsets.UTF_8);
      case WRONG_HEADER -> concat(new byte[] {(byte) 0xC3, 0x02}, randomBytes(random, 40));
      case TRUNCATED_HEADER -> new byte[] {(byte) 0xC3, 0x01, 1, 2, 3};
      case UNKNOWN_FINGERPRINT ->
          concat(new byte[] {(byte) 0xC3, 0x01}, randomBytes(random, 8), randomBytes(random, 50));
      case KNOWN_SCHEMA_GARBAGE -> {
        byte[] body = new byte[30];
        // 0xFF bytes never end a variable-length integer, so the first field cannot be read.
        Arrays.fill(body, (byte) 0xFF);
        yield concat(new byte[] {(byte) 0xC3, 0x01}, littleEndian(CREATE_FINGERPRINT), body);
      }
      case TRUNCATED_BODY -> {
        byte[] valid = stack.codec().encode(ReliabilityStack.aCreateImage());
        yield Arrays.copyOf(valid, 10 + (valid.length - 10) / 2);
      }
      case TOMBSTONE -> null;
      case EMPTY -> new byte[0];
      case CONTROL_CHARACTERS ->
          stack
              .codec()
              .encode(
                  create()
                      .setImageName("name\u0000with\u0007bell")
                      .setDescription("line\nbreak\u001b[31m")
                      .setTags(List.of(new Tag("k\u0001", "v\u0000")))
                      .build());
      case FIVE_THOUSAND_TAGS -> {
        List<Tag> tags = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
          tags.add(new Tag("key" + i, "value" + i));
        }
        yield stack.codec().encode(create().setTags(tags).build());
      }
      case NULLS ->
          stack
              .codec()
              .encode(
                  CreateImage.newBuilder()
                      .setCommandId(UUID.randomUUID().toString())
                      .setIssuedAt(Instant.now())
                      .setRegionId(ReliabilityStack.REGION)
                      .build());
      case WRONG_SHAPES ->
          stack
              .codec()
              .encode(
                  CreateImage.newBuilder()
                      .setCommandId("../" + UUID.randomUUID() + "'; drop table saga; --")
                      .setIssuedAt(Instant.EPOCH)
                      .setRegionId("CN HANGZHOU")
                      .setInstanceId("i-")
                      .setImageName("http://evil")
                      .setArchitecture("sparc")
                      .setPlatform("TempleOS")
                      .setBootMode("floppy")
                      .setTimeoutSeconds(-5)
                      .build());
      case DELETE_NOT_AN_IMAGE ->
          stack
              .codec()
              .encode(
                  DeleteImage.newBuilder()
                      .setCommandId(UUID.randomUUID().toString())
                      .setIssuedAt(Instant.now())
                      .setRegionId(ReliabilityStack.REGION)
                      .setImageId("i-not-an-image")
                      .build());
      case LONG_COMMAND_ID -> stack.codec().encode(create().setCommandId("c".repeat(200)).build());
      case EMPTY_COMMAND_ID -> stack.codec().encode(create().setCommandId("").build());
      case HUGE_DESCRIPTION ->
          stack.codec().encode(create().setDescription("d".repeat(1_000_000)).build());
    };
  }

  private static CreateImage.Builder create() {
    CreateImage valid = ReliabilityStack.aCreateImage();
    return CreateImage.newBuilder(valid);
  }

  private static byte[] randomBytes(Random random, int n) {
    byte[] bytes = new byte[n];
    random.nextBytes(bytes);
    return bytes;
  }

  private static byte[] littleEndian(long value) {
    byte[] bytes = new byte[8];
    for (int i = 0; i < 8; i++) {
      bytes[i] = (byte) (value >>> (8 * i));
    }
    return bytes;
  }

  private static byte[] concat(byte[]... parts) {
    int length = Arrays.stream(parts).mapToInt(p -> p.length).sum();
    byte[] all = new byte[length];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, all, at, p.length);
      at += p.length;
    }
    return all;
  }
}
