package com.ecsimagesaga.adapter.kafka;

import com.ecsimagesaga.config.ContractConfig;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.jboss.logging.Logger;

/**
 * How records are framed on the topics. Without a registry (the default) every record is in Avro
 * single-object encoding and nothing changes. With {@code contract.registry.url} set, the service
 * registers (or finds) at start every schema it writes or reads, released ones first (so the
 * registry's latest version of each record is the current one), publishes events in the registry's
 * framing and reads commands in either framing, so producers can move to the registry one at a
 * time. All registry calls happen at start: encoding and decoding then never wait on the network.
 */
@Singleton
public class WireFormat {

  private static final Logger LOG = Logger.getLogger(WireFormat.class);

  private final ContractConfig config;
  private final Vertx vertx;
  private final RegistryFraming framing = new RegistryFraming();
  private volatile boolean registry;

  /**
   * A singleton, so it is made (and registers, in registry mode) when the consumers and the
   * publisher that use it are made at start, before the first record is read or written.
   */
  @Inject
  public WireFormat(ContractConfig config, Vertx vertx) {
    this.config = config;
    this.vertx = vertx;
    config.url().filter(u -> !u.isBlank()).ifPresent(this::register);
  }

  private WireFormat() {
    this.config = null;
    this.vertx = null;
  }

  /** Single-object encoding both ways, as without a registry. */
  static WireFormat withoutRegistry() {
    return new WireFormat();
  }

  /** Registers every schema with the registry at {@code url} and switches to its framing. */
  void register(String url) {
    List<Schema> schemas = new ArrayList<>();
    ReleasedSchemas.VERSIONS.forEach(v -> schemas.addAll(ReleasedSchemas.records(v)));
    schemas.addAll(new AvroCodec().currentSchemas());
    var ids = new ApicurioSchemaIds(url, config.group(), vertx);
    for (Schema schema : schemas) {
      framing.learn(schema, ids.contentIdOf(schema));
    }
    registry = true;
    LOG.infof(
        "EIS-5101 schema registry mode: %d schemas registered or found at %s; events are written"
            + " in the registry's framing, commands read in either framing",
        schemas.size(), url);
  }

  /** A record the service publishes, in the framing of the topics. */
  public byte[] outgoing(byte[] singleObject) {
    return registry ? framing.toRegistry(singleObject) : singleObject;
  }

  /** A record read from a topic, in single-object encoding for {@link AvroCodec#decode}. */
  public byte[] incoming(byte[] record) {
    return registry ? framing.toSingleObject(record) : record;
  }
}
