package com.ecsimagesaga.command;

import java.util.List;

/**
 * The result of checking a command: either a value ready for the saga or every violation found.
 *
 * @param value the checked value, null when there are violations
 * @param violations every broken rule, empty when the command is valid
 * @param warnings things that are accepted but worth telling the sender (deprecated fields)
 */
public record Validated<T>(T value, List<Violation> violations, List<String> warnings) {

  public Validated {
    violations = List.copyOf(violations);
    warnings = List.copyOf(warnings);
  }

  public boolean isValid() {
    return violations.isEmpty();
  }
}
