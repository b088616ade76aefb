package com.ecsimagesaga.adapter.persistence;

import com.ecsimagesaga.saga.SagaInput;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The inputs of the sagas this instance claims, read once and kept. A saga's input (the command it
 * runs) is written at intake and never changed, so a kept input is never stale; a claim therefore
 * returns every column but the input, and only sagas not kept here (taken in by another instance
 * and claimed here for the first time, or pushed out) have it read; a saga this instance takes in
 * is kept from its start. For 10,000 waiting sagas this spares decoding and parsing 10,000 JSON
 * documents on every wake. Least recently claimed first out; a finished saga is dropped at once.
 */
final class SagaInputs {

  private final Map<UUID, SagaInput> kept;

  SagaInputs(int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("a negative number of kept inputs: " + capacity);
    }
    this.kept =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<UUID, SagaInput> eldest) {
            return size() > capacity;
          }
        };
  }

  synchronized SagaInput get(UUID sagaId) {
    return kept.get(sagaId);
  }

  synchronized void keep(UUID sagaId, SagaInput input) {
    kept.put(sagaId, input);
  }

  synchronized void forget(UUID sagaId) {
    kept.remove(sagaId);
  }

  synchronized int size() {
    return kept.size();
  }
}
