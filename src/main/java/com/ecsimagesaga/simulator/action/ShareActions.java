package com.ecsimagesaga.simulator.action;

import com.ecsimagesaga.simulator.ImageStatus;
import com.ecsimagesaga.simulator.http.ApiError;
import com.ecsimagesaga.simulator.http.RequestParams;
import com.ecsimagesaga.simulator.world.ImageRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ModifyImageSharePermission and DescribeImageSharePermission: the accounts a custom image is
 * shared with, kept per image. Other accounts are not modelled, so any well-formed account id is
 * accepted.
 */
final class ShareActions {
  static final String MODIFY = "ModifyImageSharePermission";
  static final String DESCRIBE = "DescribeImageSharePermission";

  /** Accounts one call adds or removes; the reference says further ones are ignored. */
  static final int ACCOUNTS_PER_CALL = 10;

  /** Accounts one image can be shared with. */
  static final int SHARES_PER_IMAGE = 50;

  private ShareActions() {}

  /**
   * Adds {@code AddAccount.N}, then removes {@code RemoveAccount.N} (the first 10 of each). Adding
   * an account already shared with, or removing one not shared with, changes nothing.
   */
  static Map<String, Object> modify(ActionContext ctx) {
    RequestParams params = ctx.params();
    ImageRecord image = image(ctx);
    List<String> add = accounts(params, "AddAccount");
    List<String> remove = accounts(params, "RemoveAccount");
    if (!add.isEmpty()) {
      ImageStatus status = image.phase(ctx.now()).status();
      if (status != ImageStatus.Available) {
        throw new ApiError(
            403,
            "IncorrectImageStatus",
            "The current status of the image does not support this operation.");
      }
      if (image.encrypted && image.kmsKeyId == null) {
        throw new ApiError(
            403,
            "OperationDenied.EncryptedImage",
            "An image encrypted with the service key cannot be shared.");
      }
      long after =
          image.sharedAccounts.size()
              + add.stream().distinct().filter(a -> !image.sharedAccounts.containsKey(a)).count();
      if (after > SHARES_PER_IMAGE) {
        throw new ApiError(
            403,
            "QuotaExceed.ShareImageUser",
            "The image is shared with the maximum number of accounts (" + SHARES_PER_IMAGE + ").");
      }
    }
    Instant now = ctx.now();
    add.forEach(a -> image.sharedAccounts.putIfAbsent(a, now));
    remove.forEach(image.sharedAccounts::remove);
    return Map.of();
  }

  /** The accounts the image is shared with, oldest share first, a page at a time. */
  static Map<String, Object> describe(ActionContext ctx) {
    ImageRecord image = image(ctx);
    Paging paging = Paging.of(ctx);
    List<Map<String, Object>> accounts = new ArrayList<>();
    image.sharedAccounts.forEach(
        (account, since) -> {
          Map<String, Object> json = new LinkedHashMap<>();
          json.put("AliyunId", account);
          json.put("SharedTime", Wire.time(since));
          accounts.add(json);
        });
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("RegionId", image.regionId);
    response.put("ImageId", image.imageId);
    paging.describe(response, accounts.size());
    response.put("ShareGroups", Wire.wrap("ShareGroup", List.of()));
    response.put("Accounts", Wire.wrap("Account", paging.slice(accounts)));
    return response;
  }

  private static ImageRecord image(ActionContext ctx) {
    String imageId = ctx.params().required("ImageId");
    return ctx.state()
        .liveImage(ctx.regionId(), imageId)
        .orElseThrow(
            () ->
                new ApiError(
                    404, "InvalidImageId.NotFound", "The specified ImageId does not exist."));
  }

  /** The first ten {@code prefix.N} values in index order; each must be an account id. */
  private static List<String> accounts(RequestParams params, String prefix) {
    List<String> values = params.indexed(prefix, "");
    List<String> first = values.subList(0, Math.min(values.size(), ACCOUNTS_PER_CALL));
    for (String account : first) {
      if (!account.matches("[0-9]{1,20}")) {
        throw new ApiError(
            400,
            "InvalidAccount.Malformed",
            "The specified account " + account + " is not an Alibaba Cloud account id.");
      }
    }
    return first;
  }
}
