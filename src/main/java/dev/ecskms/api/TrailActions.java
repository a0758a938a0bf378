package dev.ecskms.api;

import dev.ecskms.sim.common.ApiException;
import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.trail.TrailEvent;
import dev.ecskms.sim.trail.TrailFilter;
import dev.ecskms.sim.trail.TrailPage;
import dev.ecskms.sim.trail.TrailService;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * ActionTrail 2020-07-06 on the wire: LookupEvents over the simulator's audit trail ({@link TrailService}).
 *
 * <p>Request parameters (confirmed from the API's published metadata): {@code StartTime}, {@code EndTime},
 * {@code MaxResults}, {@code NextToken}, {@code Direction} (accepted, not used: the trail always answers newest
 * first) and {@code LookupAttribute.N.Key/Value} with at most 2 attributes. Attribute keys: {@code EventName},
 * {@code ResourceName}, {@code ResourceType}, {@code EventId}, {@code EventRW} (Read|Write), {@code ServiceName}
 * and {@code UserName} as in the real service; {@code KmsKeyId} and {@code ErrorCode} (an error code, or
 * {@code success} / {@code failure}) are the simulator's own.
 *
 * <p>The answer is {@code {RequestId, NextToken, StartTime, EndTime, Events: [event…]}} where each event follows
 * ActionTrail's event structure (eventId, eventName, eventTime, eventSource, eventType, eventRW, acsRegion,
 * serviceName, requestId, resourceName, resourceType, errorCode, errorMessage, userIdentity{type, accountId,
 * principalId, userName}). The event field names and the default time window are from ActionTrail's documentation
 * as remembered, not checked against a captured response (unconfirmed); {@code additionalEventData} carries what
 * only the simulator records: the call's source (console, api, simulator), the KMS key and key version.
 */
public final class TrailActions {
    public static final ActionRegistry.Product PRODUCT = new ActionRegistry.Product("Actiontrail", "2020-07-06",
            false);
    static final int MAX_ATTRIBUTES = 2;
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private TrailActions() {
    }

    public static void registerInto(ActionRegistry registry, TrailService trail) {
        String v = PRODUCT.version();
        registry.product(PRODUCT).action(v, "LookupEvents", (ctx, p) -> lookupEvents(trail, ctx, p));
    }

    private static JsonObject lookupEvents(TrailService trail, CallContext ctx, RpcParams p) {
        Instant start = time(p, "StartTime");
        Instant end = time(p, "EndTime");
        String maxText = p.optionalNonBlank("MaxResults");
        Integer max = null;
        if (maxText != null) {
            try {
                max = Integer.parseInt(maxText.trim());
            } catch (NumberFormatException e) {
                throw ApiException.invalid("MaxResults", "it must be a whole number from 1 to "
                        + TrailFilter.MAX_RESULTS + ".");
            }
        }
        TrailFilter filter = TrailFilter.all().between(start, end).page(max, p.optionalNonBlank("NextToken"));
        for (int n : p.repeatedGroups("LookupAttribute", MAX_ATTRIBUTES)) {
            String key = p.required("LookupAttribute." + n + ".Key");
            String value = p.required("LookupAttribute." + n + ".Value");
            filter = switch (key) {
                case "EventName" -> filter.event(value);
                case "ResourceName" -> filter.resource(value);
                case "ResourceType" -> filter.resourceType(value);
                case "EventId" -> filter.eventId(value);
                case "ServiceName" -> filter.service(value);
                case "UserName" -> filter.principal(value);
                case "KmsKeyId" -> filter.key(value);
                case "ErrorCode" -> filter.result(value);
                case "EventRW" -> switch (value.toLowerCase(Locale.ROOT)) {
                    case "read" -> filter.readOnly(true);
                    case "write" -> filter.readOnly(false);
                    case "all" -> filter;
                    default -> throw ApiException.invalid("LookupAttribute." + n + ".Value",
                            "EventRW is Read, Write or All.");
                };
                default -> throw ApiException.invalid("LookupAttribute." + n + ".Key", "it must be one of EventName,"
                        + " ResourceName, ResourceType, EventId, EventRW, ServiceName, UserName, KmsKeyId,"
                        + " ErrorCode.");
            };
        }
        TrailPage page = trail.lookupEvents(ctx, filter);
        return JsonObject.of()
                .put("NextToken", page.nextToken())
                .put("StartTime", start == null ? null : ISO.format(start))
                .put("EndTime", end == null ? null : ISO.format(end))
                .put("Events", page.events().stream().map(TrailActions::event).toList());
    }

    private static Instant time(RpcParams p, String name) {
        String text = p.optionalNonBlank(name);
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(name, "it is a time in ISO 8601 UTC, e.g. 2026-11-28T00:00:00Z.");
        }
    }

    static JsonObject event(TrailEvent e) {
        Map<String, Object> identity = new LinkedHashMap<>();
        identity.put("type", e.identityType().wire());
        identity.put("accountId", e.accountId());
        switch (e.identityType()) {
            case ROOT_ACCOUNT -> identity.put("principalId", e.accountId());
            case RAM_USER -> {
                identity.put("principalId", e.principalName());
                identity.put("userName", e.principalName());
            }
            case ASSUMED_ROLE -> {
                identity.put("principalId", e.principalName() + ":" + e.sessionName());
                identity.put("userName", e.principalName() + ":" + e.sessionName());
            }
        }
        Map<String, Object> additional = new LinkedHashMap<>();
        additional.put("CallSource", e.source().name().toLowerCase(Locale.ROOT));
        if (e.kmsKeyId() != null) {
            additional.put("KeyId", e.kmsKeyId());
        }
        if (e.kmsKeyVersionId() != null) {
            additional.put("KeyVersionId", e.kmsKeyVersionId());
        }
        return JsonObject.of()
                .put("eventId", e.eventId())
                .put("eventVersion", "1")
                .put("eventName", e.eventName())
                .put("eventTime", ISO.format(e.eventTime().truncatedTo(ChronoUnit.SECONDS)))
                .put("eventSource", e.serviceName().toLowerCase(Locale.ROOT) + ".aliyuncs.com")
                .put("eventType", "ApiCall")
                .put("eventRW", e.readOnly() ? "Read" : "Write")
                .put("acsRegion", e.regionId())
                .put("serviceName", e.serviceName())
                .put("requestId", e.requestId())
                .put("resourceName", e.resourceName())
                .put("resourceType", e.resourceType())
                .put("errorCode", e.errorCode())
                .put("errorMessage", e.errorMessage())
                .put("userIdentity", identity)
                .put("additionalEventData", additional);
    }
}
