package dev.ecskms.api;

import dev.ecskms.sim.ecs.Catalog;
import dev.ecskms.sim.ecs.EcsService;
import dev.ecskms.sim.ecs.InstanceService;
import dev.ecskms.sim.kms.KmsService;
import dev.ecskms.sim.oos.OosService;
import dev.ecskms.sim.ram.AccountService;
import dev.ecskms.sim.ram.RamService;
import dev.ecskms.sim.trail.TrailService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP endpoint the official SDKs talk to (RPC style, signature V1 or V3), on Jetty. One endpoint serves every
 * product: requests are routed by their Version and Action.
 *
 * <p>Slow or stalled clients cost no worker thread: Jetty reads requests as their bytes arrive, a connection silent
 * for {@link #DEFAULT_IDLE_TIMEOUT} is closed, the request line and headers together may not exceed
 * {@link #MAX_HEADER_BYTES} (414 for the URL, 431 for headers) and the body not {@link RpcRequestReader#MAX_BODY_BYTES}.
 * Every answer, Jetty's own refusals included, is the gateway's JSON (see {@link JsonErrorHandler}).
 *
 * <p>With {@link #tls} the endpoint speaks HTTP/1.1 over TLS only, with the same limits; a plain-HTTP request on
 * that port fails the TLS handshake and its connection is closed.
 */
public final class ApiServer {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    /** The request line and headers together; a longer URL is a 414, longer headers a 431. */
    static final int MAX_HEADER_BYTES = 64 * 1024;
    static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(10);
    /** Requests run on these; a stalled client holds none of them while it is silent. */
    private static final int MAX_THREADS = 32;
    private static final int MIN_THREADS = 4;

    private final ActionRegistry registry;
    private final AccountService accounts;
    private final Clock wallClock;
    private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
    private KeyStore tlsKeyStore;
    private char[] tlsPassword;
    private String defaultRegion = Catalog.DEFAULT_REGION;
    private Server server;
    private InetSocketAddress address;
    /** An endpoint serving KMS 2016-01-20 only (the KMS benchmark). */
    public ApiServer(KmsService kms, AccountService accounts) {
        this(kmsRegistry(kms), accounts, Clock.systemUTC());
    }

    /**
     * An endpoint serving ECS 2014-05-26 (disks and instances), KMS 2016-01-20 and RAM 2015-05-01: what the console
     * and serve run.
     */
    public ApiServer(KmsService kms, EcsService ecs, InstanceService instances, RamService ram,
            AccountService accounts) {
        this(registry(kms, ecs, instances, ram), accounts, Clock.systemUTC());
    }

    /** As above, with ActionTrail 2020-07-06 (LookupEvents) over the audit trail. */
    public ApiServer(KmsService kms, EcsService ecs, InstanceService instances, RamService ram, TrailService trail,
            AccountService accounts) {
        this(registry(kms, ecs, instances, ram, trail), accounts, Clock.systemUTC());
    }

    /** Every product: with OOS 2019-06-01 (executions of the public templates) too. What the console and serve run. */
    public ApiServer(KmsService kms, EcsService ecs, InstanceService instances, RamService ram, TrailService trail,
            OosService oos, AccountService accounts) {
        this(registry(kms, ecs, instances, ram, trail, oos), accounts, Clock.systemUTC());
    }

    /**
     * @param registry  the products and actions to serve (see {@link KmsActions#registerInto})
     * @param wallClock the real time that request timestamps are checked against (never the simulated clock)
     */
    public ApiServer(ActionRegistry registry, AccountService accounts, Clock wallClock) {
        this.registry = registry;
        this.accounts = accounts;
        this.wallClock = wallClock;
    }

    public static ActionRegistry kmsRegistry(KmsService kms) {
        ActionRegistry registry = new ActionRegistry();
        KmsActions.registerInto(registry, kms);
        return registry;
    }

    /** Every product the simulator serves, ECS with its instances, console and Cloud Assistant. */
    public static ActionRegistry registry(KmsService kms, EcsService ecs, InstanceService instances, RamService ram) {
        ActionRegistry registry = kmsRegistry(kms);
        EcsActions.registerInto(registry, ecs);
        InstanceActions.registerInto(registry, instances);
        ImageActions.registerInto(registry, ecs);
        RamActions.registerInto(registry, ram);
        return registry;
    }

    /** Every product, ActionTrail's LookupEvents included. */
    public static ActionRegistry registry(KmsService kms, EcsService ecs, InstanceService instances, RamService ram,
            TrailService trail) {
        ActionRegistry registry = registry(kms, ecs, instances, ram);
        TrailActions.registerInto(registry, trail);
        return registry;
    }

    /** Every product, OOS included. */
    public static ActionRegistry registry(KmsService kms, EcsService ecs, InstanceService instances, RamService ram,
            TrailService trail, OosService oos) {
        ActionRegistry registry = registry(kms, ecs, instances, ram, trail);
        OosActions.registerInto(registry, oos);
        return registry;
    }

    /** How long a connection may stay silent, in the middle of a request or between two; set before start. */
    synchronized void idleTimeout(Duration timeout) {
        this.idleTimeout = timeout;
    }

    /**
     * Serve HTTPS instead of HTTP; set before start.
     *
     * @param keyStore holds the server's private key with its certificate chain (the server certificate first)
     * @param password the key store's and the key's password
     */
    public synchronized void tls(KeyStore keyStore, char[] password) {
        if (server != null) {
            throw new IllegalStateException("set TLS before the API server starts");
        }
        this.tlsKeyStore = keyStore;
        this.tlsPassword = password.clone();
    }

    /** Whether the endpoint speaks HTTPS. */
    public synchronized boolean isTls() {
        return tlsKeyStore != null;
    }

    /**
     * The region of a call that names none (no RegionId, a Host without a region such as 127.0.0.1:8181); set
     * before start. An unknown region is refused with InvalidRegionId.NotFound.
     */
    public synchronized void defaultRegion(String regionId) {
        this.defaultRegion = Catalog.requireRegion(regionId).regionId();
    }

    public synchronized String defaultRegion() {
        return defaultRegion;
    }

    /** Starts listening; port 0 picks a free port. Returns the bound address. */
    public synchronized InetSocketAddress start(String bindAddress, int port) {
        if (server != null) {
            throw new IllegalStateException("the API server is already listening on " + endpoint());
        }
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, MIN_THREADS);
        threads.setName("api-worker");
        threads.setDaemon(true);
        Server jetty = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(MAX_HEADER_BYTES);
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        ServerConnector connector;
        if (tlsKeyStore == null) {
            connector = new ServerConnector(jetty, 1, 1, new HttpConnectionFactory(http));
        } else {
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            ssl.setKeyStore(tlsKeyStore);
            ssl.setKeyStorePassword(new String(tlsPassword));
            // One certificate for every name: a Host header it names under another SNI name is no reason for a 400.
            SecureRequestCustomizer secure = new SecureRequestCustomizer();
            secure.setSniHostCheck(false);
            http.addCustomizer(secure);
            connector = new ServerConnector(jetty, 1, 1, new SslConnectionFactory(ssl, HttpVersion.HTTP_1_1.asString()),
                    new HttpConnectionFactory(http));
        }
        connector.setHost(bindAddress);
        connector.setPort(port);
        connector.setIdleTimeout(idleTimeout.toMillis());
        connector.setAcceptedTcpNoDelay(true); // Jetty's default; a response never waits for the client's delayed ACK
        jetty.addConnector(connector);
        jetty.setHandler(new RpcEndpoint(registry, accounts, new RequestAuthenticator(accounts, wallClock),
                defaultRegion));
        jetty.setErrorHandler(new JsonErrorHandler());
        try {
            jetty.start();
            address = (InetSocketAddress) ((ServerSocketChannel) connector.getTransport()).getLocalAddress();
        } catch (Exception e) {
            stopQuietly(jetty);
            IOException io = bindFailure(e);
            throw new UncheckedIOException("Cannot listen on " + bindAddress + ":" + port + ": " + io.getMessage(), io);
        }
        server = jetty;
        return address;
    }

    /** The cause a caller can act on (a BindException for a port in use), else the failure itself. */
    private static IOException bindFailure(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException bind) {
                return bind;
            }
        }
        return e instanceof IOException io ? io : new IOException(e.getMessage(), e);
    }

    /** host:port as an SDK's setSysEndpoint wants it, e.g. 127.0.0.1:8123. */
    public synchronized String endpoint() {
        if (server == null) {
            throw new IllegalStateException("the API server is not started");
        }
        return address.getHostString() + ":" + address.getPort();
    }

    /** The endpoint's URL, e.g. https://127.0.0.1:8123 with TLS, http://127.0.0.1:8123 without. */
    public synchronized String url() {
        return (isTls() ? "https://" : "http://") + endpoint();
    }

    public synchronized void stop() {
        if (server == null) {
            return;
        }
        stopQuietly(server);
        server = null;
        address = null;
    }

    private static void stopQuietly(Server jetty) {
        try {
            jetty.stop();
        } catch (Exception e) {
            LOG.warn("The API server did not stop cleanly: {}", e.toString());
        }
    }
}
