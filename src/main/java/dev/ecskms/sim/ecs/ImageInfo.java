package dev.ecskms.sim.ecs;

/** An image as DescribeImages returns it. */
public record ImageInfo(String imageId, String imageName, String osName, String osType, String platform,
        String imageOwnerAlias, int minimumSystemDiskSize) {
}
