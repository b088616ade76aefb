package com.ecsimagesaga.adapter.alicloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ecsimagesaga.image.InstanceObservation;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

/** The stream reader finds in a DescribeInstances answer what a source check needs, and no more. */
class DescribeInstancesReaderTest {

  static final String ANSWER =
      """
      {"RequestId":"r-1","TotalCount":3,"PageNumber":1,"PageSize":100,"NextToken":"",
       "Instances":{"Instance":[
         {"InstanceId":"i-1","InstanceName":"web","Status":"Running","ZoneId":"cn-hangzhou-h",
          "OperationLocks":{"LockReason":[]},"Tags":{"Tag":[]},"CreationTime":"2026-12-05T10:00Z"},
         {"InstanceId":"i-2","Status":"Stopped",
          "OperationLocks":{"LockReason":[{"LockReason":"financial","LockMsg":"overdue"},
                                          {"LockReason":"Security","LockMsg":"held"}]}},
         {"Status":"Starting","InstanceId":"i-3",
          "OperationLocks":{"LockReason":[{"LockReason":"recycling","LockMsg":null}]}}
       ]}}""";

  @Test
  void readsEachInstancesIdStatusAndWhetherASecurityLockHoldsIt() {
    assertThat(DescribeInstancesReader.read(ANSWER))
        .containsExactly(
            new InstanceObservation("i-1", "Running", false),
            new InstanceObservation("i-2", "Stopped", true),
            new InstanceObservation("i-3", "Starting", false));
  }

  @Test
  void anAnswerWithoutInstancesListsNone() {
    assertThat(DescribeInstancesReader.read("{\"RequestId\":\"r\",\"TotalCount\":0}")).isEmpty();
    assertThat(DescribeInstancesReader.read("{\"Instances\":{\"Instance\":[]}}")).isEmpty();
  }

  @Test
  void anUnreadableAnswerIsAnError() {
    assertThatThrownBy(() -> DescribeInstancesReader.read("<html>502</html>"))
        .isInstanceOf(UncheckedIOException.class);
  }
}
