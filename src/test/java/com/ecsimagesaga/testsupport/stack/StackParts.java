package com.ecsimagesaga.testsupport.stack;

import com.ecsimagesaga.testsupport.FreePorts;
import com.ecsimagesaga.testsupport.LocalKafkaBroker;
import com.ecsimagesaga.testsupport.RestartableBroker;
import com.ecsimagesaga.testsupport.RestartableDatabase;
import com.ecsimagesaga.testsupport.RestartablePostgres;
import java.nio.file.Path;

/**
 * The restartable broker and database of the reliability runs and the process benchmarks, from the
 * stack this JVM runs ({@link CurrentTestStack}): an embedded PostgreSQL and a broker JVM on free
 * ports, or a PostgreSQL and a Kafka container. Neither is started yet.
 */
public final class StackParts {

  private StackParts() {}

  /**
   * @param directory where an embedded server keeps its data; a container keeps its own
   * @return a database to {@link RestartableDatabase#start()}
   */
  public static RestartableDatabase database(Path directory) {
    if (CurrentTestStack.containers()) {
      return new ContainerPostgres(ContainerImages.fromSystemProperties().postgres());
    }
    return new RestartablePostgres(directory, FreePorts.next());
  }

  /**
   * @param directory where a broker JVM keeps its configuration, data and log; a container keeps
   *     its own
   * @return a broker to {@link RestartableBroker#start()}
   */
  public static RestartableBroker broker(Path directory) {
    if (CurrentTestStack.containers()) {
      return new ContainerKafka(ContainerImages.fromSystemProperties().kafka());
    }
    return new LocalKafkaBroker(directory, FreePorts.next(), FreePorts.next());
  }
}
