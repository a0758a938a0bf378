package dev.ecskms.api;

import com.sun.net.httpserver.HttpServer;
import dev.ecskms.sim.ecs.EcsService;
import dev.ecskms.sim.ecs.InstanceService;
import dev.ecskms.sim.kms.KmsService;
import dev.ecskms.sim.ram.AccountService;
import dev.ecskms.sim.ram.RamService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP endpoint the official SDKs talk to (RPC style, signature V1), on the JDK's HTTP server. One endpoint
 * serves every product: requests are routed by their Version and Action.
 */
public final class ApiServer {
    static {
        // Without TCP_NODELAY the JDK server's header and body segments meet the client's delayed ACK: every
        // response waits ~40 ms. Read once by the JDK server's configuration, so set before the first server exists.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private static final int WORKER_THREADS = 4;

    private final ActionRegistry registry;
    private final AccountService accounts;
    private final Clock wallClock;
    private HttpServer server;
    private ExecutorService workers;

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
        RamActions.registerInto(registry, ram);
        return registry;
    }

    /** Starts listening; port 0 picks a free port. Returns the bound address. */
    public synchronized InetSocketAddress start(String bindAddress, int port) {
        if (server != null) {
            throw new IllegalStateException("the API server is already listening on " + endpoint());
        }
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(bindAddress, port), 0);
            workers = Executors.newFixedThreadPool(WORKER_THREADS, daemonThreads());
            http.setExecutor(workers);
            http.createContext("/", new RpcEndpoint(registry, accounts, new RequestAuthenticator(accounts, wallClock)));
            http.start();
            server = http;
            return http.getAddress();
        } catch (IOException e) {
            if (workers != null) {
                workers.shutdownNow();
            }
            throw new UncheckedIOException("Cannot listen on " + bindAddress + ":" + port + ": " + e.getMessage(), e);
        }
    }

    /** host:port as an SDK's setSysEndpoint wants it, e.g. 127.0.0.1:8123. */
    public synchronized String endpoint() {
        if (server == null) {
            throw new IllegalStateException("the API server is not started");
        }
        InetSocketAddress address = server.getAddress();
        return address.getHostString() + ":" + address.getPort();
    }

    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.stop(0);
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server = null;
        workers = null;
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "api-worker-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
