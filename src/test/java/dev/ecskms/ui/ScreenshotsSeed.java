package dev.ecskms.ui;

import dev.ecskms.sim.Simulator;
import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.ecs.Catalog;
import dev.ecskms.sim.ecs.CopyImageRequest;
import dev.ecskms.sim.ecs.CreateDiskRequest;
import dev.ecskms.sim.ecs.CreateImageRequest;
import dev.ecskms.sim.ecs.ImageInfo;
import dev.ecskms.sim.ecs.InstanceService;
import dev.ecskms.sim.ecs.InstanceStatus;
import dev.ecskms.sim.ecs.RunInstancesRequest;
import dev.ecskms.sim.kms.CreateKeyRequest;
import dev.ecskms.sim.kms.KmsService;
import dev.ecskms.sim.oos.ListExecutionsRequest;
import dev.ecskms.sim.oos.StartExecutionRequest;
import dev.ecskms.sim.oos.Templates;
import dev.ecskms.sim.ram.AccountService;
import dev.ecskms.ui.welcome.WelcomeFacts;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The state the README's screenshots show, made through the real services as a user would by clicks or scripts:
 * keys with aliases (one disabled, one pending deletion, a BYOK key waiting for material), encrypted and plain disks,
 * snapshots (one shared), three instances, a custom image and its encrypted copy, a finished OOS execution that
 * encrypted one instance's system disk, and web-01 rebooted after its CMK was disabled, so its boot could not
 * decrypt the system disk and its console stays black. The FAQ lab is started first, so web-01's creation, its
 * disabled key and the failed reboot light its first three steps; four simulated days pass in between (batch-worker
 * stopped for two), so the Billing chart has a history; RAM users, one under "Only encrypted disks". The audit trail
 * records all of it on the way.
 */
final class ScreenshotsSeed {
    static final String PASSWORD = "Screens-2024!";

    final Simulator sim;
    final CallContext ctx;
    String prodKey;
    String appServersKey;
    String backupKey;
    String webInstance;
    String batchInstance;
    String appInstance;
    String webDisk;
    String plainImage;
    String execution;
    /** The root AccessKey, made by this start as a console's first start makes it. */
    AccountService.Provisioned rootKey;

    private ScreenshotsSeed(Simulator sim) {
        this.sim = sim;
        this.ctx = CallContext.root(sim.accounts().rootAccountId(), Catalog.DEFAULT_REGION);
    }

    static ScreenshotsSeed seed(Simulator sim) throws InterruptedException {
        ScreenshotsSeed seed = new ScreenshotsSeed(sim);
        seed.rootKey = sim.accounts().ensureRootAccessKey(null, null);
        seed.keys();
        seed.startFaqLab();
        seed.disks();
        seed.instances();
        seed.billingHistory();
        seed.images();
        seed.oos();
        seed.failedBoot();
        seed.ram();
        return seed;
    }

    /**
     * RAM: alice may create encrypted disks only (ECS full access, KMS read-only and the custom policy "Only
     * encrypted disks"), in the group disk-operators; bob audits keys (KMS read-only); ci-robot has two AccessKeys,
     * one of them disabled.
     */
    private void ram() {
        var ram = sim.ram();
        ram.createUser(ctx, "alice", "Alice Zhang", "Disk operator");
        ram.createAccessKey(ctx, "alice");
        ram.createUser(ctx, "bob", "Bob Li", "Auditor");
        ram.createUser(ctx, "ci-robot", null, "Build pipeline");
        ram.createAccessKey(ctx, "ci-robot");
        ram.updateAccessKey(ctx, "ci-robot", ram.createAccessKey(ctx, "ci-robot").accessKeyId(), "Inactive");
        ram.createGroup(ctx, "disk-operators", "May create encrypted disks only");
        ram.addUserToGroup(ctx, "alice", "disk-operators");
        var onlyEncrypted = dev.ecskms.ui.ram.policies.PolicyTemplates.ONLY_ENCRYPTED_DISKS;
        ram.createPolicy(ctx, "OnlyEncryptedDisks", onlyEncrypted.document(), onlyEncrypted.description());
        ram.attachPolicyToUser(ctx, "System", "AliyunECSFullAccess", "alice");
        ram.attachPolicyToUser(ctx, "System", "AliyunKMSReadOnlyAccess", "alice");
        ram.attachPolicyToUser(ctx, "Custom", "OnlyEncryptedDisks", "alice");
        ram.attachPolicyToUser(ctx, "System", "AliyunKMSReadOnlyAccess", "bob");
    }

    /** What the launcher tells the welcome on a data dir's first start: the secret it just generated. */
    WelcomeFacts welcome() {
        return new WelcomeFacts(sim.dataDir().toAbsolutePath().toString(),
                rootKey.created() ? rootKey.key().accessKeySecret() : null, false);
    }

    private void keys() {
        KmsService kms = sim.kms();
        prodKey = kms.createKey(ctx, new CreateKeyRequest("Aliyun_AES_256", null, null, "HSM",
                "Production data disks", true, "365d")).keyId();
        kms.createAlias(ctx, "alias/prod-disks", prodKey);
        appServersKey = kms.createKey(ctx, CreateKeyRequest.defaults("System disks of the web servers")).keyId();
        kms.createAlias(ctx, "alias/app-servers", appServersKey);
        backupKey = kms.createKey(ctx, CreateKeyRequest.defaults("Backup snapshots")).keyId();
        kms.createAlias(ctx, "alias/backup", backupKey);
        String old = kms.createKey(ctx, new CreateKeyRequest("Aliyun_SM4", null, null, null, "Old test key", null,
                null)).keyId();
        kms.scheduleKeyDeletion(ctx, old, 14);
        kms.createKey(ctx, new CreateKeyRequest(null, null, "EXTERNAL", null, "BYOK key (material from our HSM)",
                null, null));
        kms.serviceKey(ctx, "ecs");
        sim.ram().authorizeEcsDiskEncryption(ctx); // the ECS service role that customer keys need
    }

    /**
     * The FAQ lab, started before web-01 is made: the instance with a CMK-encrypted system disk, its key disabled
     * and the failed reboot (instances() and failedBoot()) then light its first three steps.
     */
    private void startFaqLab() {
        sim.labs().start(ctx, "faq-verification");
        sim.clock().fastForward(Duration.ofSeconds(5)); // what follows happens after the start, not at it
    }

    /**
     * A few simulated days of bills for the Billing chart: a day with everything running, two with batch-worker
     * stopped (cheaper days), and then it running again, plus a bigger disk from the third day on.
     */
    private void billingHistory() throws InterruptedException {
        InstanceService instances = sim.instances();
        sim.clock().fastForward(Duration.ofDays(1));
        instances.stopInstance(ctx, batchInstance, false);
        waitFor("batch-worker stopped", () -> instances.describeInstance(ctx, batchInstance).status()
                == InstanceStatus.Stopped);
        sim.clock().fastForward(Duration.ofDays(1));
        sim.ecs().createDisk(ctx, new CreateDiskRequest("cn-hangzhou-h", "cloud_essd", 2000, null, "PL1", true,
                backupKey, null, "archive", "Quarterly archive", null));
        sim.clock().fastForward(Duration.ofDays(1));
        instances.startInstance(ctx, batchInstance);
        waitFor("batch-worker running again", () -> running(batchInstance));
        sim.clock().fastForward(Duration.ofDays(1).plusHours(20)); // the last day well under way
    }

    private void disks() {
        var ecs = sim.ecs();
        String zone = "cn-hangzhou-h";
        webDisk = ecs.createDisk(ctx, new CreateDiskRequest(zone, "cloud_essd", 40, null, "PL1", true, prodKey, null,
                "web-data", "Web server data", null));
        ecs.createDisk(ctx, new CreateDiskRequest(zone, "cloud_efficiency", 100, null, null, null, null, null,
                "logs", "Plain: encrypt it from a snapshot", null));
        ecs.createDisk(ctx, new CreateDiskRequest("cn-hangzhou-i", "cloud_auto", 80, null, null, true, null, null,
                "cache", "Encrypted with the service key", null));
        String ledger = ecs.createDisk(ctx, new CreateDiskRequest(zone, "cloud_essd", 500, null, "PL2", true,
                backupKey, null, "ledger", null, null));
        sim.clock().fastForward(Duration.ofMinutes(2));
        String nightly = ecs.createSnapshot(ctx, webDisk, "web-data-nightly", "nightly");
        ecs.createSnapshot(ctx, ledger, "ledger-month-end", null);
        sim.clock().fastForward(Duration.ofMinutes(10));
        ecs.modifySnapshotSharePermission(ctx, nightly, List.of(sim.accounts().peerAccountId()), List.of());
        ecs.createSnapshot(ctx, webDisk, "web-data-hourly", null);
    }

    private void instances() throws InterruptedException {
        InstanceService instances = sim.instances();
        String alinux = image("Alibaba Cloud Linux 3");
        String ubuntu = image("Ubuntu");
        webInstance = instances.runInstances(ctx, new RunInstancesRequest("cn-hangzhou-h", "ecs.g7.large", alinux,
                new RunInstancesRequest.SystemDisk("cloud_essd", 40, "PL1", true, appServersKey),
                List.of(new RunInstancesRequest.DataDisk("cloud_essd", 100, null, "PL1", true, prodKey, true)), 1,
                PASSWORD, "web-01", null, null)).get(0);
        batchInstance = instances.runInstances(ctx, new RunInstancesRequest("cn-hangzhou-i", "ecs.c7.xlarge", ubuntu,
                new RunInstancesRequest.SystemDisk("cloud_essd", 40, "PL0", null, null), List.of(), 1, PASSWORD,
                "batch-worker", null, null)).get(0);
        appInstance = instances.runInstances(ctx, new RunInstancesRequest("cn-hangzhou-i", "ecs.g7.large", ubuntu,
                new RunInstancesRequest.SystemDisk("cloud_essd", 40, "PL0", null, null), List.of(), 1, PASSWORD,
                "app-02", null, null)).get(0);
        for (String instance : List.of(webInstance, batchInstance, appInstance)) {
            waitFor("instance " + instance + " running", () -> running(instance));
        }
    }

    /** A plain image of batch-worker and its copy encrypted under alias/prod-disks. */
    private void images() {
        var ecs = sim.ecs();
        plainImage = ecs.createImage(ctx, new CreateImageRequest(batchInstance, null, "batch-worker-base",
                "Ubuntu with the batch tools"));
        sim.clock().fastForward(Duration.ofMinutes(2));
        ecs.copyImage(ctx, new CopyImageRequest(plainImage, null, "batch-worker-encrypted", null, true, prodKey,
                null));
        sim.clock().fastForward(Duration.ofMinutes(2));
    }

    /** ACS-ECS-BulkyEncryptSystemDisk over app-02 under alias/prod-disks, run to its end on the simulated clock. */
    private void oos() throws InterruptedException {
        String parameters = "{\"targets\":{\"Type\":\"ResourceIds\",\"ResourceIds\":[\"" + appInstance
                + "\"]},\"KMSKeyId\":\"" + prodKey
                + "\",\"rateControl\":{\"Mode\":\"Concurrency\",\"Concurrency\":1,\"MaxErrors\":0}}";
        execution = sim.oos().startExecution(ctx, StartExecutionRequest.of(Templates.BULKY_ENCRYPT_SYSTEM_DISK,
                parameters)).executionId();
        for (int i = 0; i < 1440 && !sim.oos().listExecutions(ctx, ListExecutionsRequest.one(execution)).items()
                .get(0).isFinished(); i++) {
            sim.clock().fastForward(Duration.ofSeconds(5));
            Thread.sleep(5); // the execution's steps run on their own worker
        }
        waitFor("app-02 running again", () -> running(appInstance));
    }

    /** The FAQ's procedure: disable web-01's CMK and reboot it; the boot cannot decrypt the system disk. */
    private void failedBoot() throws InterruptedException {
        sim.kms().disableKey(ctx, appServersKey);
        sim.instances().rebootInstance(ctx, webInstance, false);
        waitFor("web-01's boot failure", () -> sim.instances().describeInstance(ctx, webInstance).bootFailure()
                != null);
    }

    private String image(String osPrefix) {
        return sim.instances().describeImages(ctx, "system", null).stream()
                .filter(i -> i.osName().startsWith(osPrefix)).findFirst().map(ImageInfo::imageId).orElseThrow();
    }

    private boolean running(String instance) {
        return sim.instances().describeInstance(ctx, instance).status() == InstanceStatus.Running;
    }

    /** Polls in real time, a second of simulated time per poll, so that boots (on the simulated clock) go quickly. */
    private void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            if (condition.getAsBoolean()) {
                return;
            }
            sim.clock().fastForward(Duration.ofSeconds(1));
            Thread.sleep(100);
        }
        throw new IllegalStateException("Timed out waiting for " + what);
    }
}
