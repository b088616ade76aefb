package com.ecsimagesaga.adapter.alicloud;

import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.exceptions.ServerException;
import com.ecsimagesaga.port.CloudActionNames;
import com.ecsimagesaga.saga.CloudError;
import com.ecsimagesaga.saga.ErrorKind;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Sorts every ECS SDK failure into the closed set of {@link ErrorKind}s. The core never sees an SDK
 * exception.
 */
public final class EcsErrorClassifier {

  private static final Set<String> UNKNOWN_OUTCOME =
      Set.of("SDK.ReadTimeout", "SDK.ServerUnreachable", "SDK.Unexpected");
  private static final Set<String> TRANSIENT =
      Set.of(
          "InternalError",
          "UnknownError",
          "ServiceUnavailable",
          "ServiceUnavailable.RegionMaintaining",
          "OperationConflict",
          "LastTokenProcessing",
          "IdempotentProcessing");
  private static final Set<String> STATE_WAIT =
      Set.of(
          "IncorrectInstanceStatus",
          "IncorrectDiskStatus",
          "IncorrectDiskStatus.CreatingSnapshot",
          "IncorrectDiskStatus.Transferring",
          "InvalidSnapshotId.NotReady",
          "OperationDenied.ImageCopying",
          "ImageIsCreating");

  /**
   * Codes that mean something else for one action than for the rest. A missing region, KMS key or
   * account is not a missing image, and the saga reads NOT_FOUND as the image being gone. CopyImage
   * of a source that is not Available yet (still Creating) may succeed later; CancelCopyImage of a
   * copy that is no longer in progress never will.
   */
  private static final Map<String, Map<String, ErrorKind>> BY_ACTION =
      Map.of(
          "CopyImage",
          Map.of(
              "IncorrectImageStatus", ErrorKind.STATE_WAIT,
              "InvalidRegionId.NotFound", ErrorKind.PERMANENT,
              "DestinationRegion.NotFound", ErrorKind.PERMANENT,
              "SourceRegion.NotFound", ErrorKind.PERMANENT,
              "InvalidSnapshotId.NotFound", ErrorKind.PERMANENT,
              "InvalidParameter.KMSKeyId.NotFound", ErrorKind.PERMANENT),
          "CancelCopyImage",
          Map.of(
              "IncorrectImageStatus", ErrorKind.PERMANENT,
              "ImageCreatedNotFromCopy", ErrorKind.PERMANENT,
              "CancelNotSupported", ErrorKind.PERMANENT,
              "InvalidRegionId.NotFound", ErrorKind.PERMANENT),
          "ModifyImageSharePermission",
          Map.of(
              "IncorrectImageStatus", ErrorKind.STATE_WAIT,
              "InvalidRegionId.NotFound", ErrorKind.PERMANENT,
              "InvalidAccount.NotFound", ErrorKind.PERMANENT),
          CloudActionNames.DESCRIBE_SHARES,
          Map.of("InvalidRegionId.NotFound", ErrorKind.PERMANENT));

  /** SDK messages of network failures carry the signed request URL; the query is cut off. */
  private static final Pattern SIGNED_QUERY = Pattern.compile("\\?[^\\s\"']*");

  private EcsErrorClassifier() {}

  public static CloudError classify(ClientException e) {
    String code = e.getErrCode();
    String message = redact(e.getErrMsg() != null ? e.getErrMsg() : e.getMessage());
    return new CloudError(
        kindOf(code, e instanceof ServerException),
        code == null ? "SDK.BadResponse" : code,
        message,
        e.getRequestId(),
        null);
  }

  /** As {@link #classify(ClientException)}, with the meaning a code has for {@code action}. */
  public static CloudError classify(ClientException e, String action) {
    CloudError error = classify(e);
    ErrorKind special = BY_ACTION.getOrDefault(action, Map.of()).get(e.getErrCode());
    return special == null
        ? error
        : new CloudError(special, error.code(), error.message(), error.requestId(), null);
  }

  /** A failure that is not an SDK error at all, for example an unreadable response body. */
  public static CloudError unexpected(RuntimeException e) {
    return new CloudError(
        ErrorKind.OUTCOME_UNKNOWN,
        "SDK.Unexpected",
        redact(String.valueOf(e.getMessage())),
        null,
        null);
  }

  static ErrorKind kindOf(String code, boolean serverSide) {
    if (code == null || UNKNOWN_OUTCOME.contains(code)) {
      // No parseable answer (a proxy's HTML page, a dropped connection): the call may have run.
      return ErrorKind.OUTCOME_UNKNOWN;
    }
    if (code.startsWith("Throttling") || code.equals("Rejected.Throttling")) {
      return ErrorKind.THROTTLED;
    }
    if (TRANSIENT.contains(code) || serverSide) {
      return ErrorKind.TRANSIENT;
    }
    if (STATE_WAIT.contains(code)) {
      return ErrorKind.STATE_WAIT;
    }
    if (code.equals("IdempotentFailed")) {
      return ErrorKind.IDEMPOTENCY_FAILED;
    }
    if (code.endsWith(".NotFound")) {
      return ErrorKind.NOT_FOUND;
    }
    return ErrorKind.PERMANENT;
  }

  static String redact(String message) {
    return message == null ? null : SIGNED_QUERY.matcher(message).replaceAll("?<redacted>");
  }
}
