package dev.ecskms.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecskms.sim.common.AccessDeniedException;
import dev.ecskms.sim.common.ApiException;
import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.ecs.Catalog;
import dev.ecskms.sim.ram.AccessKey;
import dev.ecskms.sim.ram.AccountService;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One RPC request from the wire to a service and back: read parameters, authenticate, route by (Version, Action),
 * bind the caller's context, render JSON. Every failure becomes the real error shape; only the unexpected is a 500.
 */
final class RpcEndpoint extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(RpcEndpoint.class);
    static final String CONTENT_TYPE = "application/json;charset=utf-8";
    private static final HttpField CONTENT_TYPE_FIELD = new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, CONTENT_TYPE);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ActionRegistry registry;
    private final AccountService accounts;
    private final RequestAuthenticator authenticator;
    private final String defaultRegion;

    /** @param defaultRegion the region of a call that names none, neither by RegionId nor by its Host */
    RpcEndpoint(ActionRegistry registry, AccountService accounts, RequestAuthenticator authenticator,
            String defaultRegion) {
        this.registry = registry;
        this.accounts = accounts;
        this.authenticator = authenticator;
        this.defaultRegion = Catalog.requireRegion(defaultRegion).regionId();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String requestId = CallContext.newRequestId();
        String method = request.getMethod();
        if (!method.equals("GET") && !method.equals("POST")) {
            sendError(request, response, callback, requestId, "Pop", ApiErrors.unsupportedHttpMethod(method));
            return true;
        }
        RpcRequestReader.read(request, new RpcRequestReader.Outcome() {
            @Override
            public void parameters(RpcRequestReader.Read read) {
                answer(request, response, callback, requestId, read);
            }

            @Override
            public void refused(ApiException e) {
                sendError(request, response, callback, requestId, "Pop", e);
            }
        });
        return true;
    }

    private void answer(Request request, Response response, Callback callback, String requestId,
            RpcRequestReader.Read read) {
        String productName = "Pop";
        String accountId = null;
        try {
            RpcParams params = read.params();
            RequestAuthenticator.SignedRequest signed = new RequestAuthenticator.SignedRequest(request.getMethod(),
                    request.getHttpURI().getDecodedPath(), read, headersOf(request));
            String version = signed.isV3() ? routing(signed, SignatureV3.VERSION, "Version")
                    : params.required("Version");
            String action = signed.isV3() ? routing(signed, SignatureV3.ACTION, "Action")
                    : params.required("Action");
            ActionRegistry.Product product = registry.product(version)
                    .orElseThrow(() -> ApiErrors.invalidVersion(version));
            productName = product.name();
            AccessKey key = authenticator.authenticate(signed);
            ActionHandler handler = registry.handler(version, action)
                    .orElseThrow(() -> ApiErrors.actionNotFound(action, version));
            String region = regionOf(product.regionRequired(action), params, signed.headers().get(SignatureV3.HOST),
                    defaultRegion);
            accountId = key.accountId();
            // acs:SourceIp and acs:SecureTransport of this request, for the policies that ask
            CallContext ctx = accounts.contextFor(key, region, requestId)
                    .over(Request.getRemoteAddr(request), request.isSecure());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("RequestId", requestId);
            body.putAll(handler.handle(ctx, params).asMap());
            send(request, response, callback, 200, body);
        } catch (ApiException e) {
            sendError(request, response, callback, requestId, productName, e, accountId);
        } catch (RuntimeException e) {
            LOG.error("Request {} failed unexpectedly", requestId, e);
            sendError(request, response, callback, requestId, productName, ApiErrors.internalError());
        }
    }

    /**
     * Action or Version of a V3 request: its x-acs-* header. The same name as a parameter too is allowed only with
     * the same value, so that what was signed and what is routed cannot differ.
     */
    private static String routing(RequestAuthenticator.SignedRequest signed, String header, String parameter) {
        String value = signed.headers().get(header);
        if (value == null || value.isBlank()) {
            throw ApiException.missing(header);
        }
        String fromParams = signed.read().params().optional(parameter);
        if (fromParams != null && !fromParams.equals(value.strip())) {
            throw ApiException.invalid(parameter, "it differs from the " + header + " header.");
        }
        return value.strip();
    }

    /**
     * The request's headers by lower-case name. A header that a signature or the routing reads may be given once
     * only: two values would leave it open which one was signed.
     */
    private static Map<String, String> headersOf(Request request) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (HttpField field : request.getHeaders()) {
            String name = field.getLowerCaseName();
            String value = field.getValue() == null ? "" : field.getValue();
            String previous = headers.putIfAbsent(name, value);
            boolean significant = name.startsWith("x-acs-") || name.equals("host") || name.equals("content-type")
                    || name.equals(SignatureV3.AUTHORIZATION);
            if (previous != null && significant) {
                throw new ApiException("InvalidParameter", 400, "The header \"" + name
                        + "\" is given more than once. Send each signed header once.");
            }
        }
        return headers;
    }

    /**
     * The region of a call: its RegionId parameter; else the region its Host names, as the real endpoints do
     * ({@code kms.cn-shanghai.aliyuncs.com}, {@code ecs-cn-hangzhou.aliyuncs.com}); else, for an action whose API
     * has no required RegionId (KMS, RAM, ECS CreateSnapshot …), the endpoint's default region. Any other ECS call
     * naming no region at all is a MissingParameter, as the real API's RegionId is required.
     */
    static String regionOf(boolean regionRequired, RpcParams params, String host, String defaultRegion) {
        String regionId = params.optional("RegionId");
        if (regionId != null && !regionId.isBlank()) {
            return Catalog.requireRegion(regionId).regionId();
        }
        String fromHost = regionInHost(host);
        if (fromHost != null) {
            return Catalog.requireRegion(fromHost).regionId();
        }
        if (regionRequired) {
            throw ApiException.missing("RegionId");
        }
        return defaultRegion;
    }

    /**
     * The region an Alibaba Cloud host name carries: {@code <product>.<region>.aliyuncs.com} (also
     * {@code <product>-vpc.<region>…}) or {@code <product>-<region>.aliyuncs.com}; null for any other host
     * (127.0.0.1:8181, a central endpoint such as ram.aliyuncs.com).
     */
    static String regionInHost(String host) {
        if (host == null) {
            return null;
        }
        String name = host.strip().toLowerCase(java.util.Locale.ROOT);
        int colon = name.lastIndexOf(':');
        if (colon >= 0 && name.indexOf(']') < colon) {
            name = name.substring(0, colon);
        }
        String suffix = ".aliyuncs.com";
        if (!name.endsWith(suffix)) {
            return null;
        }
        String[] labels = name.substring(0, name.length() - suffix.length()).split("\\.", -1);
        if (labels.length == 2 && !labels[0].isEmpty() && !labels[1].isEmpty()) {
            return labels[1];
        }
        if (labels.length == 1) {
            int dash = labels[0].indexOf('-');
            return dash > 0 && dash < labels[0].length() - 1 ? labels[0].substring(dash + 1) : null;
        }
        return null;
    }

    /** The error shape of the real gateway; also what {@link JsonErrorHandler} writes for Jetty's own refusals. */
    static void sendError(Request request, Response response, Callback callback, String requestId,
            String productName, ApiException e) {
        sendError(request, response, callback, requestId, productName, e, null);
    }

    /** As above; a RAM user's refusal carries the gateway's AccessDeniedDetail ({@code ownerId}: the caller's account). */
    private static void sendError(Request request, Response response, Callback callback, String requestId,
            String productName, ApiException e, String ownerId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("RequestId", requestId);
        body.put("HostId", hostOf(request));
        body.put("Code", e.code());
        body.put("Message", e.getMessage());
        body.put("Recommend", "https://api.aliyun.com/troubleshoot?q=" + e.code() + "&product=" + productName);
        if (e instanceof AccessDeniedException denied) {
            body.put("AccessDeniedDetail", accessDeniedDetail(denied, ownerId));
        }
        send(request, response, callback, e.httpStatus(), body);
    }

    /**
     * The real gateway's AccessDeniedDetail of a 403 for missing RAM permissions: AuthAction, AuthPrincipalType
     * (SubUser: a RAM user), AuthPrincipalOwnerId, AuthPrincipalDisplayName, NoPermissionType (ImplicitDeny |
     * ExplicitDeny), PolicyType (AccountLevelIdentityBasedPolicy: the policies attached in the account) and
     * EncodedDiagnosticMessage. The real diagnostic message is opaque and decoded by RAM's DecodeDiagnosticMessage;
     * here it is the decoded shape's JSON in base64 (AuthAction, AuthResource, ExplicitDeny …), readable as is.
     */
    static Map<String, Object> accessDeniedDetail(AccessDeniedException e, String ownerId) {
        Map<String, Object> diagnostic = new LinkedHashMap<>();
        diagnostic.put("AuthAction", e.authAction());
        diagnostic.put("AuthResource", e.resource());
        diagnostic.put("AuthPrincipalType", "SubUser");
        diagnostic.put("AuthPrincipalOwnerId", ownerId);
        diagnostic.put("AuthPrincipalDisplayName", e.principal());
        diagnostic.put("ExplicitDeny", e.denyType() == AccessDeniedException.DenyType.ExplicitDeny);
        diagnostic.put("NoPermissionPolicyType", "AccountLevelIdentityBasedPolicy");
        String encoded;
        try {
            encoded = Base64.getEncoder().encodeToString(JSON.writeValueAsString(diagnostic)
                    .getBytes(StandardCharsets.UTF_8));
        } catch (JsonProcessingException ex) {
            encoded = null;
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("PolicyType", "AccountLevelIdentityBasedPolicy");
        detail.put("AuthPrincipalOwnerId", ownerId);
        detail.put("EncodedDiagnosticMessage", encoded);
        detail.put("AuthPrincipalType", "SubUser");
        detail.put("AuthPrincipalDisplayName", e.principal());
        detail.put("NoPermissionType", e.denyType().name());
        detail.put("AuthAction", e.authAction());
        return detail;
    }

    private static String hostOf(Request request) {
        String host = request.getHeaders().get(HttpHeader.HOST);
        return host != null ? host : Request.getLocalAddr(request);
    }

    private static void send(Request request, Response response, Callback callback, int status,
            Map<String, Object> body) {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            callback.failed(e);
            return;
        }
        response.setStatus(status);
        response.getHeaders().put(CONTENT_TYPE_FIELD);
        if (request.getMethod().equals("HEAD")) {
            response.write(true, null, callback); // a HEAD response must not carry a body
            return;
        }
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }
}
