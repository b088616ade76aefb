package com.ecsimagesaga.adapter.persistence;

import com.ecsimagesaga.port.ServiceInstances;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * {@link ServiceInstances} on the {@code service_instance} table: one upsert, one delete, one count
 * per heartbeat.
 */
@ApplicationScoped
public class PanacheServiceInstances implements ServiceInstances {

  private static final String BEAT =
      """
      insert into service_instance (instance_id, started_at, heartbeat_at) values (:id, :now, :now)
      on conflict (instance_id) do update set heartbeat_at = greatest(service_instance.heartbeat_at, excluded.heartbeat_at)""";
  private static final String FORGET = "delete from service_instance where heartbeat_at < :since";
  private static final String COUNT =
      "select count(*) from service_instance where heartbeat_at >= :since";
  private static final String LEAVE = "delete from service_instance where instance_id = :id";

  @Override
  public Uni<Integer> heartbeat(String instanceId, Instant now, Instant liveSince) {
    return Panache.withTransaction(
            () ->
                Panache.getSession()
                    .chain(
                        session ->
                            session
                                .createNativeQuery(BEAT)
                                .setParameter("id", instanceId)
                                .setParameter("now", now)
                                .executeUpdate()
                                .chain(
                                    () ->
                                        session
                                            .createNativeQuery(FORGET)
                                            .setParameter("since", liveSince)
                                            .executeUpdate())
                                .chain(
                                    () ->
                                        session
                                            .createNativeQuery(COUNT, Long.class)
                                            .setParameter("since", liveSince)
                                            .getSingleResult())))
        .map(Long::intValue);
  }

  @Override
  public Uni<Void> leave(String instanceId) {
    return Panache.withTransaction(
            () ->
                Panache.getSession()
                    .chain(
                        session ->
                            session
                                .createNativeQuery(LEAVE)
                                .setParameter("id", instanceId)
                                .executeUpdate()))
        .replaceWithVoid();
  }
}
