package com.ecsimagesaga.adapter.alicloud;

import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.exceptions.ServerException;
import com.ecsimagesaga.saga.CloudError;
import com.ecsimagesaga.saga.ErrorKind;
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
