package com.ecsimagesaga.simulator.action;

import com.ecsimagesaga.simulator.ImageStatus;
import com.ecsimagesaga.simulator.http.ApiError;
import com.ecsimagesaga.simulator.http.RequestParams;
import com.ecsimagesaga.simulator.world.ImageRecord;
import java.util.Map;

/** ModifyImageAttribute. Empty ImageName or Description keep the current value, as on ECS. */
final class ModifyImageAttributeAction implements Action {
  @Override
  public Map<String, Object> execute(ActionContext ctx) {
    RequestParams params = ctx.params();
    String regionId = ctx.regionId();
    String imageId = params.required("ImageId");
    ImageRecord image =
        ctx.state()
            .liveImage(regionId, imageId)
            .orElseThrow(
                () ->
                    new ApiError(
                        404, "InvalidImageId.NotFound", "The specified ImageId does not exist."));
    String name = params.get("ImageName");
    ImageRules.name(name, true);
    ImageRules.description(params.get("Description"));
    ImageRules.family(params.get("ImageFamily"));
    ImageRules.bootMode(params.get("BootMode"));
    String license = params.get("LicenseType");
    if (license != null && !"BYOL".equals(license)) {
      throw new ApiError(
          400,
          "InvalidLicenseType.ValueNotSupported",
          "The specified LicenseType is not supported.");
    }
    String nvme = params.get("Features.NvmeSupport");
    if (nvme != null && !"supported".equals(nvme) && !"unsupported".equals(nvme)) {
      throw new ApiError(
          400, "InvalidParameter.NvmeSupport", "The specified Features.NvmeSupport is not valid.");
    }
    if (name != null && ctx.state().region(regionId).nameInUse(name, image)) {
      throw new ApiError(
          400, "InvalidImageName.Duplicated", "The specified image name is already in use.");
    }
    Boolean deprecate = deprecation(params.get("Status"), image, ctx);
    if (name != null) {
      ctx.state().region(regionId).renameImage(image, name);
    }
    image.description = params.get("Description", image.description);
    image.family = params.get("ImageFamily", image.family);
    image.bootMode = params.get("BootMode", image.bootMode);
    image.licenseType = license == null ? image.licenseType : license;
    image.nvmeSupport = nvme == null ? image.nvmeSupport : nvme;
    image.deprecated = deprecate == null ? image.deprecated : deprecate;
    return Map.of();
  }

  private static Boolean deprecation(String status, ImageRecord image, ActionContext ctx) {
    if (status == null) {
      return null;
    }
    if (!"Deprecated".equals(status) && !"Available".equals(status)) {
      throw new ApiError(
          400, "InvalidStatus.ValueNotSupported", "The specified Status is not supported.");
    }
    ImageStatus current = image.phase(ctx.now()).status();
    if (current != ImageStatus.Available && current != ImageStatus.Deprecated) {
      throw new ApiError(
          403,
          "IncorrectImageStatus",
          "The current status of the image does not support this operation.");
    }
    if ("Deprecated".equals(status) && image.sharedWithOthers()) {
      throw new ApiError(
          403, "ImageUseShared", "A shared image must be unshared before it is deprecated.");
    }
    return "Deprecated".equals(status);
  }
}
