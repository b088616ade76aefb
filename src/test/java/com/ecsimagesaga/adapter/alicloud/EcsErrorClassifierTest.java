package com.ecsimagesaga.adapter.alicloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyuncs.exceptions.ClientException;
import com.ecsimagesaga.saga.ErrorKind;
import org.junit.jupiter.api.Test;

/** Codes whose meaning depends on the action that got them. */
class EcsErrorClassifierTest {

  private static ErrorKind kind(String action, String code) {
    return EcsErrorClassifier.classify(new ClientException(code, "message", "REQ-1"), action)
        .kind();
  }

  @Test
  void aMissingRegionKeyOrAccountIsNotAMissingImage() {
    assertThat(kind("CopyImage", "InvalidImageId.NotFound")).isEqualTo(ErrorKind.NOT_FOUND);
    assertThat(kind("CopyImage", "DestinationRegion.NotFound")).isEqualTo(ErrorKind.PERMANENT);
    assertThat(kind("CopyImage", "InvalidRegionId.NotFound")).isEqualTo(ErrorKind.PERMANENT);
    assertThat(kind("CopyImage", "InvalidParameter.KMSKeyId.NotFound"))
        .isEqualTo(ErrorKind.PERMANENT);
    assertThat(kind("ModifyImageSharePermission", "InvalidAccount.NotFound"))
        .isEqualTo(ErrorKind.PERMANENT);
    assertThat(kind("ModifyImageSharePermission", "InvalidImageId.NotFound"))
        .isEqualTo(ErrorKind.NOT_FOUND);
  }

  @Test
  void anImageNotReadyYetIsWaitedForWhereWaitingHelps() {
    assertThat(kind("CopyImage", "IncorrectImageStatus")).isEqualTo(ErrorKind.STATE_WAIT);
    assertThat(kind("ModifyImageSharePermission", "IncorrectImageStatus"))
        .isEqualTo(ErrorKind.STATE_WAIT);
    assertThat(kind("CancelCopyImage", "IncorrectImageStatus")).isEqualTo(ErrorKind.PERMANENT);
    assertThat(kind("CancelCopyImage", "ImageCreatedNotFromCopy")).isEqualTo(ErrorKind.PERMANENT);
    assertThat(kind("ModifyImageAttribute", "IncorrectImageStatus")).isEqualTo(ErrorKind.PERMANENT);
  }

  @Test
  void theOtherCodesKeepTheirCommonMeaning() {
    assertThat(kind("CopyImage", "QuotaExceed.Image")).isEqualTo(ErrorKind.PERMANENT);
    assertThat(kind("CopyImage", "OperationDenied.ImageCopying")).isEqualTo(ErrorKind.STATE_WAIT);
    assertThat(kind("CopyImage", "Throttling.User")).isEqualTo(ErrorKind.THROTTLED);
    assertThat(kind("CancelCopyImage", "InvalidImageId.NotFound")).isEqualTo(ErrorKind.NOT_FOUND);
  }
}
