package com.ecsimagesaga.command;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** What makes a command id usable as the key a repeated command is recognised by. */
public final class CommandIds {

  private CommandIds() {}

  /** Whether the id follows the command id rules (1-128 characters of a safe alphabet). */
  public static boolean isValid(String commandId) {
    return commandId != null && FieldRules.COMMAND_ID.matcher(commandId).matches();
  }

  /** A short, fixed-length stand-in for an arbitrary text. */
  public static String digest(String text) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
