package com.ecsimagesaga.command;

/**
 * One broken rule of a command.
 *
 * @param field path of the field, for example {@code tags[2].key}
 * @param rule stable rule identifier, for example {@code image-name.forbidden-prefix}
 * @param value the offending value, truncated, or null when the field was missing
 * @param message explanation for a person
 */
public record Violation(String field, String rule, String value, String message) {

  private static final int MAX_VALUE_LENGTH = 256;

  public static Violation of(String field, String rule, String value, String message) {
    assert RuleIds.ALL.contains(rule) : "rule " + rule + " is not listed in RuleIds";
    String shown =
        value == null || value.length() <= MAX_VALUE_LENGTH
            ? value
            : value.substring(0, MAX_VALUE_LENGTH) + "...";
    return new Violation(field, rule, shown, message);
  }
}
