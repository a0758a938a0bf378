package dev.ecskms.sim.trail;

import dev.ecskms.sim.common.CallContext;
import java.time.Instant;

/**
 * One recorded call: who did what to which resource, when (simulated time), through which face, with which result.
 *
 * @param seq             the trail's own order (newest is largest)
 * @param identityType    root-account, ram-user or assumed-role (a cloud service acting through its service role)
 * @param principalName   "root", the RAM user's name, or the role's name
 * @param sessionName     for a role, what the service acted for (e.g. the instance whose disk it decrypted); else null
 * @param serviceName     the product: Kms, Ecs or Ram
 * @param eventName       the API action, e.g. Decrypt
 * @param readOnly        whether the action only reads
 * @param resourceType    e.g. ACS::KMS::Key, ACS::ECS::Disk (null when the call names no resource)
 * @param resourceName    the resource ids, comma-separated
 * @param kmsKeyId        the KMS key of a KMS call (crypto included), else null
 * @param kmsKeyVersionId the key version a crypto call used (null if unknown or not a crypto call)
 * @param errorCode       null when the call succeeded, else the error code it answered (e.g. Rejected.Disabled)
 */
public record TrailEvent(long seq, String eventId, Instant eventTime, String accountId, String regionId,
        IdentityType identityType, String principalName, String sessionName, CallContext.Source source,
        String serviceName, String eventName, boolean readOnly, String resourceType, String resourceName,
        String kmsKeyId, String kmsKeyVersionId, String errorCode, String errorMessage, String requestId) {

    public enum IdentityType {
        ROOT_ACCOUNT("root-account"), RAM_USER("ram-user"), ASSUMED_ROLE("assumed-role");

        private final String wire;

        IdentityType(String wire) {
            this.wire = wire;
        }

        /** The name ActionTrail's userIdentity.type uses. */
        public String wire() {
            return wire;
        }

        public static IdentityType fromWire(String wire) {
            for (IdentityType t : values()) {
                if (t.wire.equals(wire)) {
                    return t;
                }
            }
            throw new IllegalArgumentException(wire);
        }
    }

    public boolean success() {
        return errorCode == null;
    }

    /** Who, in words: "root", "RAM user alice", "AliyunECSDiskEncryptDefaultRole (ECS) for i-…". */
    public String who() {
        return switch (identityType) {
            case ROOT_ACCOUNT -> "root";
            case RAM_USER -> "RAM user " + principalName;
            case ASSUMED_ROLE -> "service role " + principalName + (sessionName == null ? "" : " for " + sessionName);
        };
    }
}
