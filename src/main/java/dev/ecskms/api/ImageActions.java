package dev.ecskms.api;

import dev.ecskms.sim.common.ApiException;
import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.ecs.CopyImageRequest;
import dev.ecskms.sim.ecs.CreateImageRequest;
import dev.ecskms.sim.ecs.DescribeImagesRequest;
import dev.ecskms.sim.ecs.EcsService;
import dev.ecskms.sim.ecs.Image;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * ECS 2014-05-26 on the wire — images: parameter names and response shapes of the real service (checked against the
 * request classes and unmarshallers of aliyun-java-sdk-ecs 5.11.7 and the models of ecs20140526 5.3.0), each action a
 * call to {@link EcsService}. Registered into the ECS product that {@link EcsActions} registers; the validation and
 * error codes of images, snapshots and keys are the service's, this class only binds and renders.
 */
public final class ImageActions {
    /** AddAccount.N / RemoveAccount.N: N up to 10. */
    static final int MAX_SHARE_ACCOUNTS = 10;
    static final int DEFAULT_PAGE_SIZE = 10;
    static final int MAX_PAGE_SIZE = 100;
    private static final Set<String> OWNER_ALIASES = Set.of("system", "self", "others", "marketplace");
    private static final Set<String> OS_TYPES = Set.of("linux", "windows");
    private static final List<String> STATUSES = List.of("Creating", "Waiting", "Available", "UnAvailable",
            "CreateFailed", "Deprecated");

    private final EcsService ecs;

    private ImageActions(EcsService ecs) {
        this.ecs = ecs;
    }

    /** Adds the image actions to ECS 2014-05-26; {@link EcsActions#registerInto} must have registered it. */
    public static void registerInto(ActionRegistry registry, EcsService ecs) {
        ImageActions a = new ImageActions(ecs);
        String v = EcsActions.PRODUCT.version();
        registry.action(v, "DescribeImages", a::describeImages)
                .action(v, "CreateImage", (ctx, p) -> JsonObject.of().put("ImageId", ecs.createImage(ctx,
                        new CreateImageRequest(p.optionalNonBlank("InstanceId"), p.optionalNonBlank("SnapshotId"),
                                p.optional("ImageName"), p.optional("Description")))))
                .action(v, "CopyImage", (ctx, p) -> JsonObject.of().put("ImageId", ecs.copyImage(ctx,
                        new CopyImageRequest(p.required("ImageId"), p.optionalNonBlank("DestinationRegionId"),
                                p.optional("DestinationImageName"), p.optional("DestinationDescription"),
                                p.optionalBoolean("Encrypted"), p.optionalNonBlank("KMSKeyId"),
                                p.optionalNonBlank("EncryptAlgorithm")))))
                .action(v, "DeleteImage", (ctx, p) -> Responses.done(() -> ecs.deleteImage(ctx,
                        p.required("ImageId"), p.optionalBoolean("Force"))))
                .action(v, "ModifyImageSharePermission", a::modifyImageSharePermission)
                .action(v, "DescribeImageSharePermission", a::describeImageSharePermission);
    }

    private JsonObject describeImages(CallContext ctx, RpcParams p) {
        String owner = p.lowerCaseChoice("ImageOwnerAlias", OWNER_ALIASES);
        String osType = p.lowerCaseChoice("OSType", OS_TYPES);
        // The real ImageId and Status filters take comma-separated lists.
        DescribeImagesRequest request = new DescribeImagesRequest(owner, commaList(p.optionalNonBlank("ImageId")),
                statuses(p.optionalNonBlank("Status")), osType, p.optionalInt("PageNumber"),
                p.optionalInt("PageSize"));
        return Responses.paged(ecs.describeImages(ctx, request), "Images", "Image", ImageActions::image)
                .put("RegionId", ctx.regionId());
    }

    private static List<String> commaList(String value) {
        return value == null ? null : List.of(value.strip().split("\\s*,\\s*"));
    }

    /** Status values as the API spells them (Available …), matched case-insensitively. */
    private static List<String> statuses(String value) {
        List<String> out = new ArrayList<>();
        for (String given : commaList(value) == null ? List.<String>of() : commaList(value)) {
            String status = STATUSES.stream().filter(s -> s.equalsIgnoreCase(given)).findFirst()
                    .orElseThrow(() -> ApiException.invalid("Status", "it takes " + String.join(", ", STATUSES)
                            + ", comma-separated."));
            out.add(status);
        }
        return out;
    }

    static JsonObject image(Image i) {
        JsonObject image = JsonObject.of()
                .put("ImageId", i.imageId())
                .put("ImageName", i.imageName())
                .put("Description", i.description())
                .put("OSName", i.osName())
                .put("OSNameEn", i.osName())
                .put("OSType", i.osType())
                .put("Platform", i.platform())
                .put("Architecture", "x86_64")
                .put("ImageOwnerAlias", i.imageOwnerAlias())
                .put("Size", i.size())
                .put("Status", i.status())
                .put("Progress", i.progress())
                .put("IsCopied", i.sourceImageId() != null)
                .put("IsPublic", false)
                .put("IsSupportCloudinit", true)
                .put("IsSupportIoOptimized", true)
                .put("Usage", "instance");
        if (i.ownerId() != null) {
            image.put("ImageOwnerId", Long.parseLong(i.ownerId()));
        }
        if (i.creationTime() != null) {
            image.put("CreationTime", WireFormats.date(i.creationTime()));
        }
        if (i.isCustom()) {
            image.putList("DiskDeviceMappings", "DiskDeviceMapping", List.of(JsonObject.of()
                    .put("SnapshotId", i.snapshotId())
                    .put("Size", Integer.toString(i.size()))
                    .put("Device", "/dev/xvda")
                    .put("Type", "system")
                    .put("Format", "")
                    .put("Progress", i.progress())
                    .put("Encrypted", Boolean.toString(i.encrypted()))
                    .put("KMSKeyId", i.kmsKeyId() == null ? "" : i.kmsKeyId())));
        }
        return image;
    }

    private JsonObject modifyImageSharePermission(CallContext ctx, RpcParams p) {
        String imageId = p.required("ImageId");
        if (Boolean.TRUE.equals(p.optionalBoolean("IsPublic"))) {
            throw ApiException.invalid("IsPublic", "the simulator does not publish images to everyone; share with"
                    + " accounts by AddAccount.N instead.");
        }
        List<String> add = p.repeated("AddAccount", MAX_SHARE_ACCOUNTS);
        List<String> remove = p.repeated("RemoveAccount", MAX_SHARE_ACCOUNTS);
        ecs.modifyImageSharePermission(ctx, imageId, add, remove);
        return JsonObject.of();
    }

    private JsonObject describeImageSharePermission(CallContext ctx, RpcParams p) {
        String imageId = p.required("ImageId");
        int[] paging = dev.ecskms.sim.common.Page.validate(p.optionalInt("PageNumber"), p.optionalInt("PageSize"),
                DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
        List<JsonObject> accounts = ecs.imageSharedWith(ctx, imageId).stream()
                .map(id -> JsonObject.of().put("AliyunId", id)).toList();
        return Responses.paged(dev.ecskms.sim.common.Page.of(accounts, paging[0], paging[1]), "Accounts", "Account",
                a -> a).put("ImageId", imageId).put("RegionId", ctx.regionId())
                .putList("ShareGroups", "ShareGroup", List.of());
    }
}
