package dev.ecskms.sim.ram;

import java.time.Instant;

/** An AccessKey as ListAccessKeys shows it: never its secret, which CreateAccessKey shows once. */
public record AccessKeyInfo(String accessKeyId, String status, Instant createDate) {
}
