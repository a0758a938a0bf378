package dev.ecskms.app;

import static dev.ecskms.app.ServeProcesses.call;
import static dev.ecskms.app.ServeProcesses.serve;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyuncs.ecs.model.v20140526.CreateDiskRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeDisksRequest;
import com.aliyuncs.kms.model.v20160120.CreateKeyRequest;
import com.aliyuncs.kms.model.v20160120.DescribeKeyRequest;
import com.aliyuncs.kms.model.v20160120.UpdateKeyDescriptionRequest;
import dev.ecskms.app.ServeProcesses.Served;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rounds of {@code kill -9} while four clients write (new keys, description updates, new disks): after every
 * restart each acknowledged write is there. Three rounds in the suite; {@code scripts/soak.sh} runs ten or more
 * ({@code -Dsoak.rounds=N}).
 */
class KillDashNineSoakTest {
    private static final int THREADS = 4;

    @TempDir
    Path dataDir;

    /** What one client saw acknowledged, and what it last tried. */
    static final class Acknowledged {
        final List<String> keys = new CopyOnWriteArrayList<>();
        final List<String> disks = new CopyOnWriteArrayList<>();
        final Map<String, Integer> lastDescription = new ConcurrentHashMap<>();
        final Map<String, Integer> lastTried = new ConcurrentHashMap<>();
    }

    @Test
    void everyAcknowledgedWriteSurvivesRoundsOfKillDashNine() throws Exception {
        int rounds = Integer.getInteger("soak.rounds", 3);
        Random random = new Random(Long.getLong("soak.seed", 7L));
        List<Acknowledged> clients = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            clients.add(new Acknowledged());
        }
        int acknowledged = 0;
        for (int round = 0; round < rounds; round++) {
            Served served = serve(dataDir);
            verify(served.endpoint(), clients);
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> writers = new ArrayList<>();
            for (Acknowledged client : clients) {
                Thread writer = new Thread(() -> write(served.endpoint(), client, stop), "soak-writer");
                writer.start();
                writers.add(writer);
            }
            Thread.sleep(700 + random.nextInt(1500));
            served.process().destroyForcibly(); // SIGKILL, mid-write
            served.process().waitFor(30, TimeUnit.SECONDS);
            stop.set(true);
            for (Thread writer : writers) {
                writer.join(60_000);
            }
        }
        Served last = serve(dataDir);
        verify(last.endpoint(), clients);
        for (Acknowledged client : clients) {
            acknowledged += client.keys.size() + client.disks.size() + client.lastDescription.size();
        }
        System.out.println("kill -9 soak: " + rounds + " rounds, " + acknowledged
                + " acknowledged creations and last updates checked, none lost");
        assertTrue(acknowledged > rounds * THREADS, "the writers got too little done to tell: " + acknowledged);
        last.process().destroyForcibly();
        last.process().waitFor(30, TimeUnit.SECONDS);
    }

    private static void write(String endpoint, Acknowledged client, AtomicBoolean stop) {
        try {
            for (int n = 0; !stop.get(); n++) {
                String key = call(endpoint, new CreateKeyRequest()).getKeyMetadata().getKeyId();
                client.keys.add(key);
                String own = client.keys.get(0);
                UpdateKeyDescriptionRequest update = new UpdateKeyDescriptionRequest();
                update.setKeyId(own);
                update.setDescription("update " + n);
                client.lastTried.put(own, n);
                call(endpoint, update);
                client.lastDescription.put(own, n);
                if (n % 3 == 0) {
                    CreateDiskRequest disk = new CreateDiskRequest();
                    disk.setZoneId("cn-hangzhou-h");
                    disk.setDiskCategory("cloud_essd");
                    disk.setSize(20);
                    client.disks.add(call(endpoint, disk).getDiskId());
                }
            }
        } catch (Exception killed) {
            // the server died under this client: what it had acknowledged is what counts
        }
    }

    private static void verify(String endpoint, List<Acknowledged> clients) throws Exception {
        for (Acknowledged client : clients) {
            for (String key : client.keys) {
                DescribeKeyRequest describe = new DescribeKeyRequest();
                describe.setKeyId(key);
                String description = call(endpoint, describe).getKeyMetadata().getDescription();
                Integer acked = client.lastDescription.get(key);
                if (acked != null) {
                    int tried = client.lastTried.get(key);
                    int found = Integer.parseInt(description.substring("update ".length()));
                    assertTrue(found == acked || found == tried, key + ": acknowledged update " + acked
                            + ", tried " + tried + ", found " + description);
                    client.lastDescription.put(key, found);
                }
            }
            for (String disk : client.disks) {
                DescribeDisksRequest describe = new DescribeDisksRequest();
                describe.setDiskIds("[\"" + disk + "\"]");
                assertEquals(1, call(endpoint, describe).getTotalCount(), "acknowledged disk " + disk);
            }
        }
    }
}
