package dev.ecskms.sim.trail;

import java.time.Instant;

/**
 * What {@link TrailService#lookupEvents} returns: every field that is null matches all.
 *
 * @param startTime    events at or after (simulated time)
 * @param endTime      events at or before
 * @param eventName    the action, e.g. Decrypt
 * @param resourceName one resource id (matches events naming it among others)
 * @param resourceType e.g. ACS::ECS::Disk
 * @param eventId      one event
 * @param readOnly     true: reads only; false: writes only
 * @param serviceName  Kms, Ecs or Ram
 * @param principal    "root", a RAM user's name, a role's name, or what a role acted for (an instance id)
 * @param kmsKeyId     the KMS key used
 * @param result       "success", "failure", or one error code
 * @param maxResults   1 to {@link #MAX_RESULTS}; null for {@link #DEFAULT_RESULTS}
 * @param nextToken    the token the previous page returned
 */
public record TrailFilter(Instant startTime, Instant endTime, String eventName, String resourceName,
        String resourceType, String eventId, Boolean readOnly, String serviceName, String principal, String kmsKeyId,
        String result, Integer maxResults, String nextToken) {
    /** ActionTrail's page size limits (unconfirmed: 20 by default, at most 50). */
    public static final int DEFAULT_RESULTS = 20;
    public static final int MAX_RESULTS = 50;
    public static final String SUCCESS = "success";
    public static final String FAILURE = "failure";

    public static TrailFilter all() {
        return new TrailFilter(null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    public TrailFilter between(Instant start, Instant end) {
        return new TrailFilter(start, end, eventName, resourceName, resourceType, eventId, readOnly, serviceName,
                principal, kmsKeyId, result, maxResults, nextToken);
    }

    public TrailFilter event(String name) {
        return new TrailFilter(startTime, endTime, name, resourceName, resourceType, eventId, readOnly, serviceName,
                principal, kmsKeyId, result, maxResults, nextToken);
    }

    public TrailFilter resource(String id) {
        return new TrailFilter(startTime, endTime, eventName, id, resourceType, eventId, readOnly, serviceName,
                principal, kmsKeyId, result, maxResults, nextToken);
    }

    public TrailFilter resourceType(String type) {
        return new TrailFilter(startTime, endTime, eventName, resourceName, type, eventId, readOnly, serviceName,
                principal, kmsKeyId, result, maxResults, nextToken);
    }

    public TrailFilter eventId(String id) {
        return new TrailFilter(startTime, endTime, eventName, resourceName, resourceType, id, readOnly, serviceName,
                principal, kmsKeyId, result, maxResults, nextToken);
    }

    public TrailFilter readOnly(Boolean reads) {
        return new TrailFilter(startTime, endTime, eventName, resourceName, resourceType, eventId, reads, serviceName,
                principal, kmsKeyId, result, maxResults, nextToken);
    }

    public TrailFilter service(String name) {
        return new TrailFilter(startTime, endTime, eventName, resourceName, resourceType, eventId, readOnly, name,
                principal, kmsKeyId, result, maxResults, nextToken);
    }

    public TrailFilter principal(String who) {
        return new TrailFilter(startTime, endTime, eventName, resourceName, resourceType, eventId, readOnly,
                serviceName, who, kmsKeyId, result, maxResults, nextToken);
    }

    public TrailFilter key(String keyId) {
        return new TrailFilter(startTime, endTime, eventName, resourceName, resourceType, eventId, readOnly,
                serviceName, principal, keyId, result, maxResults, nextToken);
    }

    public TrailFilter result(String successFailureOrCode) {
        return new TrailFilter(startTime, endTime, eventName, resourceName, resourceType, eventId, readOnly,
                serviceName, principal, kmsKeyId, successFailureOrCode, maxResults, nextToken);
    }

    public TrailFilter page(Integer max, String token) {
        return new TrailFilter(startTime, endTime, eventName, resourceName, resourceType, eventId, readOnly,
                serviceName, principal, kmsKeyId, result, max, token);
    }
}
