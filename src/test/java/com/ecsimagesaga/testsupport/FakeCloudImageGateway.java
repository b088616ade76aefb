package com.ecsimagesaga.testsupport;

import com.ecsimagesaga.port.CloudImageGateway;
import com.ecsimagesaga.saga.CloudAction;
import com.ecsimagesaga.saga.StepOutcome;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@link CloudImageGateway} scripted per kind of action: {@code on(SubmitCreateImage.class,
 * throttled, accepted)} answers the first CreateImage with {@code throttled} and every later one
 * with {@code accepted}. The shared looks answer each image or instance from the script of {@link
 * CloudAction.ObserveImage} or {@link CloudAction.DescribeInstance}, as if it had been asked on its
 * own. Every call is recorded, in order; a call nobody scripted fails the test with its action.
 */
public final class FakeCloudImageGateway implements CloudImageGateway {

  private final Map<Class<? extends CloudAction>, Deque<StepOutcome>> script = new HashMap<>();
  private final List<CloudAction> calls = new ArrayList<>();

  /**
   * Answers the next calls of this kind with {@code answers} in turn; the last one answers every
   * call after them.
   */
  public synchronized FakeCloudImageGateway on(
      Class<? extends CloudAction> kind, StepOutcome... answers) {
    if (answers.length == 0) {
      throw new IllegalArgumentException("script at least one answer for " + kind.getSimpleName());
    }
    script.put(kind, new ArrayDeque<>(List.of(answers)));
    return this;
  }

  /** Every call made, in order; a shared look counts once per image or instance it answered. */
  public synchronized List<CloudAction> calls() {
    return List.copyOf(calls);
  }

  /** The calls of one kind, in order. */
  public synchronized <A extends CloudAction> List<A> calls(Class<A> kind) {
    return calls.stream().filter(kind::isInstance).map(kind::cast).toList();
  }

  @Override
  public synchronized Uni<StepOutcome> execute(CloudAction action) {
    return Uni.createFrom().item(answer(action));
  }

  @Override
  public synchronized Uni<Map<String, StepOutcome>> observeOwnImages(
      String regionId, Set<String> imageIds, Instant createdSince, Instant takenAfter) {
    Map<String, StepOutcome> answers = new LinkedHashMap<>();
    for (String id : imageIds) {
      answers.put(id, answer(new CloudAction.ObserveImage(regionId, id, createdSince)));
    }
    return Uni.createFrom().item(answers);
  }

  @Override
  public synchronized Uni<Map<String, StepOutcome>> observeInstances(
      String regionId, Set<String> instanceIds) {
    Map<String, StepOutcome> answers = new LinkedHashMap<>();
    for (String id : instanceIds) {
      answers.put(id, answer(new CloudAction.DescribeInstance(regionId, id)));
    }
    return Uni.createFrom().item(answers);
  }

  private StepOutcome answer(CloudAction action) {
    calls.add(action);
    Deque<StepOutcome> answers = script.get(action.getClass());
    if (answers == null) {
      throw new IllegalStateException("no answer scripted for " + action);
    }
    return answers.size() > 1 ? answers.poll() : answers.peek();
  }
}
