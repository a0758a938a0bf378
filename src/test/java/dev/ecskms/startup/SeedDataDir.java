package dev.ecskms.startup;

import dev.ecskms.sim.Simulator;
import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.ecs.Catalog;
import dev.ecskms.sim.ecs.CreateDiskRequest;
import dev.ecskms.sim.kms.CreateKeyRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Fills a data dir for scripts/memory.sh through the real services, as a user or script would: KEYS customer master
 * keys (each with an alias) and DISKS pay-as-you-go disks in the default region, every second one encrypted with one
 * of those keys (real volume files, data keys wrapped by KMS).
 * Usage: SeedDataDir DATA_DIR [DISKS [KEYS]]   (default 10000 disks, 1000 keys)
 */
public final class SeedDataDir {
    private SeedDataDir() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int disks = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int keys = args.length > 2 ? Integer.parseInt(args[2]) : 1_000;
        long start = System.nanoTime();
        try (Simulator sim = Simulator.open(dir)) {
            CallContext ctx = CallContext.root(sim.accounts().rootAccountId(), Catalog.DEFAULT_REGION);
            sim.ram().authorizeEcsDiskEncryption(ctx); // the console's Authorize button: ECS may use the keys
            String zone = Catalog.DEFAULT_REGION + "-h";
            // the store serialises writes; two callers keep it busy while the other one encrypts a volume header
            ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
                Thread t = new Thread(r, "seed");
                t.setDaemon(true); // a failed call ends the run, not waits for the pool
                return t;
            });
            List<Future<String>> keyIds = new ArrayList<>();
            for (int i = 0; i < keys; i++) {
                int n = i;
                keyIds.add(pool.submit(() -> {
                    String keyId = sim.kms().createKey(ctx, CreateKeyRequest.defaults("Seeded key " + n)).keyId();
                    sim.kms().createAlias(ctx, "alias/seed-" + n, keyId);
                    return keyId;
                }));
            }
            List<String> ids = new ArrayList<>();
            for (Future<String> f : keyIds) {
                ids.add(f.get());
            }
            System.out.printf("%d keys in %.1f s%n", keys, (System.nanoTime() - start) / 1e9);
            long disksStart = System.nanoTime();
            List<Future<String>> created = new ArrayList<>();
            for (int i = 0; i < disks; i++) {
                boolean encrypted = i % 2 == 0;
                String keyId = encrypted ? ids.get((i / 2) % ids.size()) : null;
                CreateDiskRequest request = new CreateDiskRequest(zone, "cloud_essd", 20 + i % 50, null, "PL0",
                        encrypted ? Boolean.TRUE : null, keyId, null, "seed-disk-" + i, "Seeded disk " + i, null);
                created.add(pool.submit(() -> sim.ecs().createDisk(ctx, request)));
            }
            for (Future<String> f : created) {
                f.get();
            }
            pool.shutdown();
            System.out.printf("%d disks in %.1f s; %s holds %d disks, %d keys%n", disks,
                    (System.nanoTime() - disksStart) / 1e9, dir, disks, keys);
        }
    }
}
