package dev.ecskms.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.ecskms.sim.common.ApiException;
import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.ecs.Catalog;
import dev.ecskms.sim.ram.AccessKey;
import dev.ecskms.sim.ram.AccountService;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One RPC request from the wire to a service and back: read parameters, authenticate, route by (Version, Action),
 * bind the caller's context, render JSON. Every failure becomes the real error shape; only the unexpected is a 500.
 */
final class RpcEndpoint implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(RpcEndpoint.class);
    static final String CONTENT_TYPE = "application/json;charset=utf-8";

    private final ActionRegistry registry;
    private final AccountService accounts;
    private final RequestAuthenticator authenticator;
    private final ObjectMapper json = new ObjectMapper();

    RpcEndpoint(ActionRegistry registry, AccountService accounts, RequestAuthenticator authenticator) {
        this.registry = registry;
        this.accounts = accounts;
        this.authenticator = authenticator;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String requestId = CallContext.newRequestId();
        String productName = "Pop";
        try (exchange) {
            try {
                String method = exchange.getRequestMethod();
                if (!method.equals("GET") && !method.equals("POST")) {
                    throw ApiErrors.unsupportedHttpMethod(method);
                }
                RpcParams params = RpcRequestReader.read(exchange);
                String version = params.required("Version");
                String action = params.required("Action");
                ActionRegistry.Product product = registry.product(version)
                        .orElseThrow(() -> ApiErrors.invalidVersion(version));
                productName = product.name();
                AccessKey key = authenticator.authenticate(method, params);
                ActionHandler handler = registry.handler(version, action)
                        .orElseThrow(() -> ApiErrors.actionNotFound(action, version));
                CallContext ctx = accounts.contextFor(key, regionOf(product, params), requestId);
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("RequestId", requestId);
                body.putAll(handler.handle(ctx, params).asMap());
                send(exchange, 200, body);
            } catch (ApiException e) {
                sendError(exchange, requestId, productName, e);
            } catch (RuntimeException e) {
                LOG.error("Request {} failed unexpectedly", requestId, e);
                sendError(exchange, requestId, productName, ApiErrors.internalError());
            }
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

    private void sendError(HttpExchange exchange, String requestId, String productName, ApiException e)
            throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("RequestId", requestId);
        body.put("HostId", hostOf(exchange));
        body.put("Code", e.code());
        body.put("Message", e.getMessage());
        body.put("Recommend", "https://api.aliyun.com/troubleshoot?q=" + e.code() + "&product=" + productName);
        send(exchange, e.httpStatus(), body);
    }

    private static String hostOf(HttpExchange exchange) {
        String host = exchange.getRequestHeaders().getFirst("Host");
        return host != null ? host : exchange.getLocalAddress().getHostString();
    }

    private void send(HttpExchange exchange, int status, Map<String, Object> body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.sendResponseHeaders(status, -1); // a HEAD response must not carry a body
            return;
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
