package dev.ecskms.app;

import dev.ecskms.api.ApiServer;
import dev.ecskms.sim.Simulator;
import dev.ecskms.sim.ecs.Catalog;
import dev.ecskms.sim.ecs.Region;
import dev.ecskms.sim.ram.AccessKey;
import dev.ecskms.sim.ram.AccountService;
import dev.ecskms.sim.tls.EndpointTls;
import java.io.PrintStream;
import java.net.BindException;

/** The simulator with its API endpoint up: what both the console window and {@code serve} run. */
final class RunningSimulator implements AutoCloseable {
    final Simulator simulator;
    final ApiServer api;
    final AccessKey accessKey;
    /** The AccessKey's secret if this start generated (and printed) it, else null. */
    final String generatedSecret;
    /** Whether the AccessKey came from the options (--access-key-id with a secret). */
    final boolean secretGiven;
    private boolean closed;

    private RunningSimulator(Simulator simulator, ApiServer api, AccessKey accessKey, String generatedSecret,
            boolean secretGiven) {
        this.simulator = simulator;
        this.api = api;
        this.accessKey = accessKey;
        this.generatedSecret = generatedSecret;
        this.secretGiven = secretGiven;
    }

    /**
     * Opens the data dir and starts the endpoint. If {@code fallBackToAnyPort} is set and the port is taken (a
     * second console on another data dir), any free port is used instead of failing.
     */
    static RunningSimulator start(SimulatorOptions options, boolean fallBackToAnyPort, PrintStream out) {
        String secret = checkOptions(options);
        String region = Catalog.findRegion(options.region).map(Region::regionId).orElseThrow();
        Simulator simulator = Simulator.open(options.dataDir);
        try {
            AccountService.Provisioned provisioned = simulator.accounts()
                    .ensureRootAccessKey(options.accessKeyId, secret);
            ApiServer api = new ApiServer(simulator.kms(), simulator.ecs(), simulator.instances(), simulator.ram(),
                    simulator.trail(), simulator.oos(), simulator.accounts());
            EndpointTls tls = options.tls ? EndpointTls.open(simulator.dataDir(), options.bind) : null;
            if (tls != null) {
                api.tls(tls.keyStore(), tls.keyStorePassword());
            }
            api.defaultRegion(region);
            try {
                api.start(options.bind, options.port);
            } catch (RuntimeException e) {
                if (!fallBackToAnyPort || !(e.getCause() instanceof BindException)) {
                    throw e;
                }
                out.println("Port " + options.port + " is in use; serving on a free port instead.");
                api.start(options.bind, 0);
            }
            AccessKey key = provisioned.key();
            out.println("Endpoint:      " + api.url());
            if (tls != null) {
                out.println("TLS CA:        " + tls.caCertificateFile() + (tls.caCreated() ? " (new: trust it once)" : ""));
                out.println("CA SHA-256:    " + tls.caFingerprint());
            }
            out.println("Region:        " + api.defaultRegion() + " (for calls that name none)");
            out.println("Data dir:      " + simulator.dataDir());
            out.println("Account:       " + key.accountId());
            out.println("AccessKey ID:  " + key.accessKeyId());
            if (provisioned.created() && secret == null) {
                out.println("AccessKey secret (shown once, keep it): " + key.accessKeySecret());
            }
            out.flush();
            return new RunningSimulator(simulator, api, key,
                    provisioned.created() && secret == null ? key.accessKeySecret() : null, secret != null);
        } catch (RuntimeException e) {
            simulator.close();
            throw e;
        }
    }

    /**
     * Refuses a bad combination of options before anything opens (the console checks them before its window shows);
     * returns the AccessKey secret they give, or null.
     */
    static String checkOptions(SimulatorOptions options) {
        String secret = options.accessKeySecret(System.getenv());
        if ((options.accessKeyId == null) != (secret == null)) {
            throw new IllegalArgumentException("Give --access-key-id together with a secret (--access-key-secret-file,"
                    + " $" + SimulatorOptions.SECRET_ENV + " or --access-key-secret).");
        }
        if (Catalog.findRegion(options.region).isEmpty()) {
            throw new IllegalArgumentException("--region " + options.region
                    + " is not a region of the catalog (e.g. cn-hangzhou, cn-shanghai, ap-southeast-1).");
        }
        return secret;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        api.stop();
        simulator.close();
    }
}
