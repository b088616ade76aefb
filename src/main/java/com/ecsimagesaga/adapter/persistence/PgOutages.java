package com.ecsimagesaga.adapter.persistence;

import com.ecsimagesaga.port.StoreOutages;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * {@link StoreOutages} for PostgreSQL through the reactive client: lost or refused connections,
 * timeouts, and the SQLSTATEs of a server that is not there right now or asks for the work again.
 */
@ApplicationScoped
public class PgOutages implements StoreOutages {

  /**
   * SQLSTATE classes and codes that mean "the server is not there right now", not "this row is
   * wrong".
   */
  private static final Set<String> TRANSIENT_SQLSTATE_PREFIXES =
      Set.of("08", "57P", "53", "40001", "40P01");

  @Override
  public boolean isOutage(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SocketException
          || t instanceof ClosedConnectionException
          || t instanceof TimeoutException
          || t instanceof ClosedChannelException) {
        return true;
      }
      if (t instanceof PgException pg
          && pg.getSqlState() != null
          && TRANSIENT_SQLSTATE_PREFIXES.stream().anyMatch(pg.getSqlState()::startsWith)) {
        return true;
      }
      String text = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
      // The reactive client reports some lost connections only in words, without a typed exception.
      if (text.contains("connection refused")
          || text.contains("connection reset")
          || text.contains("connection is closed")
          || text.contains("connection closed")
          || text.contains("failed to read any response")) {
        return true;
      }
    }
    return false;
  }
}
