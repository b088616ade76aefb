package com.ecsimagesaga.adapter.alicloud;

import com.aliyuncs.ecs.model.v20140526.CancelCopyImageRequest;
import com.aliyuncs.ecs.model.v20140526.CopyImageRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeImageSharePermissionRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeImageSharePermissionResponse;
import com.aliyuncs.ecs.model.v20140526.ModifyImageSharePermissionRequest;
import com.aliyuncs.exceptions.ClientException;
import com.ecsimagesaga.port.CloudActionNames;
import com.ecsimagesaga.saga.CloudAction;
import com.ecsimagesaga.saga.StepOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The SDK calls that spread an image: CopyImage and CancelCopyImage, and its share permissions.
 * CopyImage is made in the source region (its {@code RegionId}), CancelCopyImage in the destination
 * region, where the copy lives.
 */
final class CopyAndShareCalls {

  /** The largest page DescribeImageSharePermission serves. */
  static final int SHARES_PAGE = 100;

  private static final String MODIFY_SHARES = "ModifyImageSharePermission";

  private final EcsClients clients;
  private final RateBudget budget;

  CopyAndShareCalls(EcsClients clients, RateBudget budget) {
    this.clients = clients;
    this.budget = budget;
  }

  /**
   * Starts the copy. The 5.11.7 request model has no ClientToken setter although the API takes one,
   * so the token goes in as a plain query parameter, under the name the API documents.
   */
  StepOutcome copy(CloudAction.CopyImage a) throws ClientException {
    var r = clients.prepare(new CopyImageRequest(), a.regionId());
    r.setImageId(a.imageId());
    r.setDestinationRegionId(a.destinationRegionId());
    r.setDestinationImageName(a.imageName());
    r.setDestinationDescription(a.description());
    r.setEncrypted(a.encrypted());
    r.setKMSKeyId(a.kmsKeyId());
    r.setTags(
        a.tags().stream()
            .map(
                t -> {
                  var tag = new CopyImageRequest.Tag();
                  tag.setKey(t.key());
                  tag.setValue(t.value());
                  return tag;
                })
            .toList());
    if (a.clientToken() != null) {
      r.putQueryParameter("ClientToken", a.clientToken());
    }
    var response = clients.client(a.regionId()).getAcsResponse(r);
    return new StepOutcome.ImageSubmitted(response.getImageId(), response.getRequestId());
  }

  StepOutcome cancel(CloudAction.CancelCopyImage a) throws ClientException {
    var r = clients.prepare(new CancelCopyImageRequest(), a.regionId());
    r.setImageId(a.imageId());
    return new StepOutcome.Applied(clients.client(a.regionId()).getAcsResponse(r).getRequestId());
  }

  StepOutcome modifyShares(CloudAction.ModifyImageSharePermission a) throws ClientException {
    var r = clients.prepare(new ModifyImageSharePermissionRequest(), a.regionId());
    r.setImageId(a.imageId());
    if (!a.addAccounts().isEmpty()) {
      r.setAddAccounts(a.addAccounts());
    }
    if (!a.removeAccounts().isEmpty()) {
      r.setRemoveAccounts(a.removeAccounts());
    }
    return new StepOutcome.Applied(clients.client(a.regionId()).getAcsResponse(r).getRequestId());
  }

  /** ModifyImageSharePermission takes at most ten accounts to remove per call. */
  static final int REMOVE_PER_CALL = 10;

  /**
   * Stops sharing the image with every account it is shared with: the listing (its first page on
   * the token the gateway took for the action), then one removal of up to ten accounts at a time,
   * each on a token of its own.
   */
  StepOutcome unshareAll(CloudAction.UnshareFromAll a) throws ClientException {
    StepOutcome listed =
        describeShares(new CloudAction.DescribeImageSharePermission(a.regionId(), a.imageId()));
    if (!(listed instanceof StepOutcome.SharesSeen seen)) {
      return listed;
    }
    List<String> accounts = seen.accounts();
    for (int from = 0; from < accounts.size(); from += REMOVE_PER_CALL) {
      Duration wait = budget.take(a.regionId(), MODIFY_SHARES);
      if (!wait.isZero()) {
        return new StepOutcome.Failed(RateBudget.spent(a.regionId(), MODIFY_SHARES, wait));
      }
      var r = clients.prepare(new ModifyImageSharePermissionRequest(), a.regionId());
      r.setImageId(a.imageId());
      r.setRemoveAccounts(
          accounts.subList(from, Math.min(accounts.size(), from + REMOVE_PER_CALL)));
      clients.client(a.regionId()).getAcsResponse(r);
    }
    return new StepOutcome.Unshared(a.imageId(), accounts);
  }

  /**
   * Every account the image is shared with, a page of 100 at a time; a page after the first takes
   * its own token of the rate budget.
   */
  StepOutcome describeShares(CloudAction.DescribeImageSharePermission a) throws ClientException {
    List<String> accounts = new ArrayList<>();
    for (int page = 1; ; page++) {
      if (page > 1) {
        Duration wait = budget.take(a.regionId(), CloudActionNames.DESCRIBE_SHARES);
        if (!wait.isZero()) {
          return new StepOutcome.Failed(
              RateBudget.spent(a.regionId(), CloudActionNames.DESCRIBE_SHARES, wait));
        }
      }
      var r = clients.prepare(new DescribeImageSharePermissionRequest(), a.regionId());
      r.setImageId(a.imageId());
      r.setPageNumber(page);
      r.setPageSize(SHARES_PAGE);
      DescribeImageSharePermissionResponse response =
          clients.client(a.regionId()).getAcsResponse(r);
      List<DescribeImageSharePermissionResponse.Account> onPage =
          response.getAccounts() == null ? List.of() : response.getAccounts();
      onPage.forEach(account -> accounts.add(account.getAliyunId()));
      int total = response.getTotalCount() == null ? accounts.size() : response.getTotalCount();
      if (onPage.isEmpty() || accounts.size() >= total) {
        return new StepOutcome.SharesSeen(a.imageId(), accounts);
      }
    }
  }
}
