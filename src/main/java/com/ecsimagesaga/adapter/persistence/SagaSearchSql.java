package com.ecsimagesaga.adapter.persistence;

import com.ecsimagesaga.port.SagaFilter;
import com.ecsimagesaga.port.SagaPage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a {@link SagaFilter} into a parameterised WHERE clause. Only the filters that are set
 * become conditions, so no parameter is ever bound as an untyped null.
 */
final class SagaSearchSql {

  /** The source kind of a saga, read from its stored input. */
  static final String SOURCE_KIND =
      """
      case when input::jsonb ->> 'kind' = 'delete' then 'image'
           when input::jsonb -> 'spec' ->> 'instanceId' is not null then 'instance'
           when input::jsonb -> 'spec' ->> 'snapshotId' is not null then 'snapshot'
           else 'disk-mappings' end""";

  final String where;
  final Map<String, Object> params;

  private SagaSearchSql(String where, Map<String, Object> params) {
    this.where = where;
    this.params = params;
  }

  static SagaSearchSql of(SagaFilter f, SagaPage.Position after) {
    return of(f, SagaPage.Order.STARTED, after);
  }

  /** The column a search is ordered by. */
  static String orderColumn(SagaPage.Order order) {
    return order == SagaPage.Order.LAST_CHANGE ? "updated_at" : "created_at";
  }

  static SagaSearchSql of(SagaFilter f, SagaPage.Order order, SagaPage.Position after) {
    String column = orderColumn(order);
    List<String> conditions = new ArrayList<>();
    Map<String, Object> params = new LinkedHashMap<>();
    if (!f.statuses().isEmpty()) {
      conditions.add("status in (:statuses)");
      params.put("statuses", f.statuses());
    }
    add(conditions, params, "type = :type", "type", f.type());
    add(conditions, params, "region_id = :regionId", "regionId", f.regionId());
    add(conditions, params, "failure_code = :errorCode", "errorCode", f.errorCode());
    add(conditions, params, "image_id = :imageId", "imageId", f.imageId());
    add(conditions, params, "(" + SOURCE_KIND + ") = :source", "source", f.source());
    add(conditions, params, "created_at >= :from", "from", f.from());
    add(conditions, params, "created_at < :to", "to", f.to());
    add(
        conditions,
        params,
        "position(lower(:imageName) in lower(input::jsonb -> 'spec' ->> 'imageName')) > 0",
        "imageName",
        f.imageName());
    if (after != null) {
      conditions.add(
          "(" + column + " < :afterAt or (" + column + " = :afterAt and id < :afterId))");
      params.put("afterAt", after.createdAt());
      params.put("afterId", after.id());
    }
    return new SagaSearchSql(
        conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions), params);
  }

  private static void add(
      List<String> conditions,
      Map<String, Object> params,
      String condition,
      String name,
      Object value) {
    if (value != null && !(value instanceof String s && s.isBlank())) {
      conditions.add(condition);
      params.put(name, value);
    }
  }
}
