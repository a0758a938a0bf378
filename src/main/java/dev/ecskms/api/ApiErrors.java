package dev.ecskms.api;

import dev.ecskms.sim.common.ApiException;

/**
 * The gateway's own error codes (authentication, routing, transport), in one place so that a code or status that
 * turns out wrong is changed once. Service errors (KMS, ECS …) come from the services as {@link ApiException}s.
 */
final class ApiErrors {
    private ApiErrors() {
    }

    static ApiException unsupportedHttpMethod(String method) {
        return new ApiException("UnsupportedHTTPMethod", 403,
                "The HTTP method " + method + " is not supported. Send the request with GET or POST.");
    }

    static ApiException incompleteSignature() {
        return new ApiException("IncompleteSignature", 400,
                "The request signature does not conform to Aliyun standards: the \"Signature\" parameter is missing.");
    }

    /** (unconfirmed message) A V3 Authorization header that is malformed, or signs too little. */
    static ApiException incompleteSignatureV3(String why) {
        return new ApiException("IncompleteSignature", 400,
                "The request signature does not conform to Aliyun standards: " + why);
    }

    /**
     * (unconfirmed code) The body is not what x-acs-content-sha256 says it is: the body was changed on the way, or
     * the client hashed something else. The signature covers the header, so the server reports its own hash.
     */
    static ApiException contentHashMismatch(String claimed, String actual) {
        return new ApiException("SignatureDoesNotMatch", 400, "The x-acs-content-sha256 header \"" + claimed
                + "\" is not the SHA-256 of the request body, which is " + actual
                + ". Hash exactly the bytes you send (the empty body's hash for no body).");
    }

    static ApiException signatureDoesNotMatch(String serverStringToSign) {
        // The SDKs compare what follows "string to sign is:" with their own StringToSign: no space after the colon.
        return new ApiException("SignatureDoesNotMatch", 400,
                "Specified signature is not matched with our calculation. server string to sign is:" + serverStringToSign);
    }

    static ApiException unsupportedSignatureMethod(String method) {
        return new ApiException("InvalidParameter", 400, "The specified parameter \"SignatureMethod\" is not valid: \""
                + method + "\" is not supported; use " + SignatureV1.METHOD + ".");
    }

    static ApiException unsupportedSignatureVersion(String version) {
        return new ApiException("InvalidParameter", 400, "The specified parameter \"SignatureVersion\" is not valid: \""
                + version + "\" is not supported; use " + SignatureV1.VERSION + ".");
    }

    static ApiException accessKeyNotFound(String accessKeyId) {
        return new ApiException("InvalidAccessKeyId.NotFound", 404,
                "Specified access key \"" + accessKeyId + "\" is not found. Check the AccessKeyId your client uses.");
    }

    static ApiException accessKeyInactive(String accessKeyId) {
        return new ApiException("InvalidAccessKeyId.Inactive", 400,
                "Specified access key \"" + accessKeyId + "\" is disabled. Enable it or use another AccessKey.");
    }

    /** @param name {@code Timestamp} (signature V1) or {@code x-acs-date} (signature V3) */
    static ApiException illegalTimestamp(String name, String timestamp, String why) {
        return new ApiException("IllegalTimestamp", 400, "The input parameter \"" + name + "\" (\"" + timestamp
                + "\") is not valid: " + why + " Send the current UTC time as yyyy-MM-dd'T'HH:mm:ss'Z'.");
    }

    static ApiException nonceUsed(String nonce) {
        return new ApiException("SignatureNonceUsed", 400, "The request signature nonce \"" + nonce
                + "\" has been used. Send a fresh random SignatureNonce (x-acs-signature-nonce) with every request.");
    }

    static ApiException invalidVersion(String version) {
        return new ApiException("InvalidVersion", 400, "Specified parameter Version \"" + version
                + "\" is not valid. ECS uses 2014-05-26, KMS 2016-01-20, RAM 2015-05-01.");
    }

    /** (unconfirmed status) The POP gateway answers an unknown action with InvalidAction.NotFound and 404. */
    static ApiException actionNotFound(String action, String version) {
        return new ApiException("InvalidAction.NotFound", 404, "Specified api \"" + action + "\" is not found in version "
                + version + ", please check your url and method.");
    }

    static ApiException requestTooLarge(int limitBytes) {
        return new ApiException("InvalidParameter", 400,
                "The request body is larger than " + limitBytes + " bytes. Send smaller parameter values.");
    }

    /** (unconfirmed code) The client went silent before its request was complete; the connection is closed. */
    static ApiException requestTimeout() {
        return new ApiException("RequestTimeout", 408,
                "The request was not received completely in time. Send the whole request without pausing.");
    }

    /**
     * What the HTTP server itself refuses before a request reaches the endpoint (a request line or URL that does not
     * parse, bad percent-encoding in the path, a URL or headers over the limits, an unknown HTTP version), as the
     * gateway's error shape with the server's status. The codes are (unconfirmed): the real gateway's answers to
     * such requests are not known; the statuses are HTTP's own. A 500 stays an internal error.
     */
    static ApiException transportError(int status) {
        return switch (status) {
            case 408 -> requestTimeout();
            case 413 -> new ApiException("RequestEntityTooLarge", 413,
                    "The request is too large. Send smaller parameter values.");
            case 414 -> new ApiException("RequestURITooLong", 414, "The request URL is longer than "
                    + ApiServer.MAX_HEADER_BYTES / 1024 + " KiB. Send long parameters in a POST form body.");
            case 431 -> new ApiException("RequestHeaderFieldsTooLarge", 431, "The request headers are larger than "
                    + ApiServer.MAX_HEADER_BYTES / 1024 + " KiB together. Send fewer or shorter headers.");
            // Jetty would say 505, but an unknown HTTP version is the caller's mistake: never a 5xx for that.
            case 505 -> new ApiException("HTTPVersionNotSupported", 400,
                    "The HTTP version is not supported. Send HTTP/1.1 or HTTP/1.0.");
            default -> status >= 400 && status < 500
                    ? new ApiException("BadRequest", status, "The HTTP request is malformed: check the request line,"
                            + " the percent-encoding of the URL and the headers.")
                    : internalError();
        };
    }

    static ApiException internalError() {
        return new ApiException("InternalError", 500,
                "The request processing has failed due to some unknown error. Try again; if it persists, report it"
                        + " with the RequestId.");
    }
}
