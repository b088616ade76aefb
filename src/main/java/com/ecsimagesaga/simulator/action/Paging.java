package com.ecsimagesaga.simulator.action;

import com.ecsimagesaga.simulator.http.ApiError;
import com.ecsimagesaga.simulator.http.RequestParams;
import java.util.List;
import java.util.Map;

/**
 * PageNumber (from 1) and PageSize (default 10, at most 100). ECS does not document the answer to a
 * PageSize above 100; the simulator rejects it with 400 {@code InvalidParameter} or clamps it, as
 * configured.
 *
 * @param number page number, 1-based
 * @param size page size
 */
record Paging(int number, int size) {
  static final int MAX_SIZE = 100;

  static Paging of(ActionContext ctx) {
    RequestParams params = ctx.params();
    int number = params.intValue("PageNumber", 1);
    int size = params.intValue("PageSize", 10);
    if (number < 1) {
      throw ApiError.invalid("PageNumber");
    }
    if (size < 1 || size > MAX_SIZE) {
      if (!ctx.config().clampPageSize() || size < 1) {
        throw ApiError.invalid("PageSize");
      }
      size = MAX_SIZE;
    }
    return new Paging(number, size);
  }

  /** How many elements come before this page. */
  long offset() {
    return (long) (number - 1) * size;
  }

  /** The elements of this page. */
  <T> List<T> slice(List<T> all) {
    long from = offset();
    if (from >= all.size()) {
      return List.of();
    }
    return all.subList((int) from, (int) Math.min(all.size(), from + size));
  }

  /** Adds TotalCount, PageNumber and PageSize to a response. */
  void describe(Map<String, Object> response, int total) {
    response.put("TotalCount", total);
    response.put("PageNumber", number);
    response.put("PageSize", size);
  }
}
