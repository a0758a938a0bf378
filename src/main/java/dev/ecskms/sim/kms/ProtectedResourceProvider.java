package dev.ecskms.sim.kms;

import java.util.List;

/** Implemented by the services that keep data keys wrapped by KMS keys (ECS disks, snapshots, images). */
@FunctionalInterface
public interface ProtectedResourceProvider {
    List<ProtectedResource> resourcesUsing(String accountId, String regionId, String keyId);
}
