package com.ecsimagesaga.saga.copy;

import java.util.List;

/**
 * Where a new image goes once it is usable: copies in other regions, and the accounts the image and
 * every copy are shared with. One CreateImage with a distribution yields the image, its copies and
 * its shares, each with its own events.
 */
public record Distribution(List<CopyDestination> destinations, List<String> accounts) {

  public Distribution {
    destinations = destinations == null ? List.of() : List.copyOf(destinations);
    accounts = accounts == null ? List.of() : List.copyOf(accounts);
  }

  public boolean isEmpty() {
    return destinations.isEmpty() && accounts.isEmpty();
  }
}
