package com.ecsimagesaga.config;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** How records are framed on the wire (docs/contract.md, docs/adr/0016-contract-evolution.md). */
@ConfigMapping(prefix = "contract.registry")
public interface ContractConfig {

  /**
   * URL of an Apicurio Registry 3 core API ({@code http://registry:8080/apis/registry/v3}). Empty
   * (the default): no registry, every record in Avro single-object encoding. Set: at start the
   * service registers (or finds) every schema it writes or reads, writes events in the registry's
   * framing ({@code 00}, the 4-byte content id, the Avro body) and reads commands in either
   * framing, so producers can move to the registry one at a time.
   */
  Optional<String> url();

  /**
   * Registry group of the schemas; the record's namespace when empty, as Apicurio's
   * RecordIdStrategy names them (artifact id: the record's name). The service creates a schema the
   * registry does not have yet (a version with the same content is found, not created again).
   */
  Optional<String> group();
}
