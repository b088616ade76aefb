package com.ecsimagesaga.saga.share;

import com.ecsimagesaga.command.Violation;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks of the Alibaba Cloud account ids an image is shared with. */
public final class AccountRules {

  /** Alibaba Cloud account ids are numbers (16 digits today). */
  private static final Pattern ACCOUNT = Pattern.compile("[0-9]{1,32}");

  /** How many accounts one command may add or remove. */
  public static final int MAX_ACCOUNTS = 50;

  private AccountRules() {}

  public static void check(String field, List<String> accounts, List<Violation> out) {
    if (accounts.size() > MAX_ACCOUNTS) {
      out.add(
          new Violation(
              field,
              "accounts.too-many",
              String.valueOf(accounts.size()),
              "at most " + MAX_ACCOUNTS + " accounts per command"));
      return;
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < accounts.size(); i++) {
      String a = accounts.get(i);
      if (a == null || !ACCOUNT.matcher(a).matches()) {
        out.add(
            new Violation(
                field + "[" + i + "]",
                "account-id.format",
                a,
                "an account id is the number of an Alibaba Cloud account, 1-32 digits"));
      } else if (!seen.add(a)) {
        out.add(
            new Violation(
                field + "[" + i + "]", "account-id.duplicate", a, "each account once, please"));
      }
    }
  }
}
