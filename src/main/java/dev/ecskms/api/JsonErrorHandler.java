package dev.ecskms.api;

import dev.ecskms.sim.common.CallContext;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own refusals (a request line that does not parse, a URL or headers over the limits, bad percent-encoding
 * in the path …) in the gateway's JSON error shape instead of Jetty's HTML page. Neither Jetty's reason nor the
 * cause is shown: the message is a fixed one per status (see {@link ApiErrors#transportError}).
 */
final class JsonErrorHandler extends ErrorHandler {

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus();
        if (request.getAttribute(ERROR_EXCEPTION) instanceof HttpException httpException) {
            status = httpException.getCode();
        }
        response.getHeaders().put(ERROR_CACHE_CONTROL);
        // Jetty closes the connection after refusing a message it could not take (a 414, a 431 …). Saying so lets
        // a client open a new connection for its next request instead of sending it down the closed one: the JDK's
        // HttpClient does not retry a POST that met a closed pooled connection.
        response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
        RpcEndpoint.sendError(request, response, callback, CallContext.newRequestId(), "Pop",
                ApiErrors.transportError(status));
        return true;
    }
}
