package dev.ecskms.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecskms.sim.common.ApiException;
import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.ecs.Catalog;
import dev.ecskms.sim.ram.AccessKey;
import dev.ecskms.sim.ram.AccountService;
import java.nio.ByteBuffer;
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

    RpcEndpoint(ActionRegistry registry, AccountService accounts, RequestAuthenticator authenticator) {
        this.registry = registry;
        this.accounts = accounts;
        this.authenticator = authenticator;
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
            public void parameters(RpcParams params) {
                answer(request, response, callback, requestId, params);
            }

            @Override
            public void refused(ApiException e) {
                sendError(request, response, callback, requestId, "Pop", e);
            }
        });
        return true;
    }

    private void answer(Request request, Response response, Callback callback, String requestId, RpcParams params) {
        String productName = "Pop";
        try {
            String version = params.required("Version");
            String action = params.required("Action");
            ActionRegistry.Product product = registry.product(version)
                    .orElseThrow(() -> ApiErrors.invalidVersion(version));
            productName = product.name();
            AccessKey key = authenticator.authenticate(request.getMethod(), params);
            ActionHandler handler = registry.handler(version, action)
                    .orElseThrow(() -> ApiErrors.actionNotFound(action, version));
            CallContext ctx = accounts.contextFor(key, regionOf(product, params), requestId);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("RequestId", requestId);
            body.putAll(handler.handle(ctx, params).asMap());
            send(request, response, callback, 200, body);
        } catch (ApiException e) {
            sendError(request, response, callback, requestId, productName, e);
        } catch (RuntimeException e) {
            LOG.error("Request {} failed unexpectedly", requestId, e);
            sendError(request, response, callback, requestId, productName, ApiErrors.internalError());
        }
    }

    private static String regionOf(ActionRegistry.Product product, RpcParams params) {
        if (!product.regionRequired()) {
            String regionId = params.optional("RegionId");
            return regionId == null || regionId.isBlank() ? Catalog.DEFAULT_REGION
                    : Catalog.requireRegion(regionId).regionId();
        }
        return Catalog.requireRegion(params.required("RegionId")).regionId();
    }

    /** The error shape of the real gateway; also what {@link JsonErrorHandler} writes for Jetty's own refusals. */
    static void sendError(Request request, Response response, Callback callback, String requestId,
            String productName, ApiException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("RequestId", requestId);
        body.put("HostId", hostOf(request));
        body.put("Code", e.code());
        body.put("Message", e.getMessage());
        body.put("Recommend", "https://api.aliyun.com/troubleshoot?q=" + e.code() + "&product=" + productName);
        send(request, response, callback, e.httpStatus(), body);
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
