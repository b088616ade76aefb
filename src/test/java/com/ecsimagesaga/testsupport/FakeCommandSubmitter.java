package com.ecsimagesaga.testsupport;

import com.ecsimagesaga.port.CommandSubmitter;
import com.ecsimagesaga.saga.SagaKind;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link CommandSubmitter} that keeps what it was given, in order, instead of putting it on the
 * command topic. While {@link #down} is set nothing is kept and every submission fails, as it does
 * when the broker does not acknowledge the record.
 */
public final class FakeCommandSubmitter implements CommandSubmitter {

  private final List<Object> submitted = new ArrayList<>();
  private boolean down;

  /** Makes submissions fail (true) or be taken again (false). */
  public synchronized void down(boolean isDown) {
    down = isDown;
  }

  /** Every command taken, in order. */
  public synchronized List<Object> submitted() {
    return List.copyOf(submitted);
  }

  /** The commands of one kind taken, in order. */
  public synchronized <C> List<C> submitted(Class<C> kind) {
    return submitted.stream().filter(kind::isInstance).map(kind::cast).toList();
  }

  @Override
  public Uni<Void> submit(SagaKind.Command command) {
    return take(command);
  }

  private synchronized Uni<Void> take(Object command) {
    if (down) {
      return Uni.createFrom()
          .failure(new IllegalStateException("the broker did not acknowledge the command"));
    }
    submitted.add(command);
    return Uni.createFrom().voidItem();
  }
}
