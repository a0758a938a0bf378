package dev.ecskms.ui;

import dev.ecskms.sim.Simulator;
import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.ecs.Catalog;
import dev.ecskms.sim.ecs.CreateDiskRequest;
import dev.ecskms.sim.kms.CreateKeyRequest;
import dev.ecskms.sim.kms.KeyMetadata;
import dev.ecskms.sim.kms.KmsService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.ButtonBase;
import javafx.stage.Stage;
import javafx.util.Duration;

/**
 * Throwaway preview for screenshots: opens the console on a temporary data dir with a few keys, then clicks through
 * to the view named by the first argument (keys, create, disable, schedule, details, defaults).
 */
@SuppressWarnings("unchecked")
public class UiPreviewMain {
    private static Simulator sim;
    private static String view;

    public static void main(String[] args) throws Exception {
        // Run with the test classpath under Xvfb, e.g. xvfb-run -a -s "-screen 0 1366x768x24" java -cp … \
        //   dev.ecskms.ui.UiPreviewMain purchase   (views: instances, instance-details, purchase, purchase-bottom,
        //   vnc-booted, vnc-black, disks-inuse, disks-attach, disks-attach-elsewhere, disks-detach, disks-more,
        //   disk-details-inuse, wizard-size0, create-bad-alias, schedule-3days, welcome, welcome-later, and the disk
        //   and key views below); then: import -window root shot.png
        view = args.length > 0 ? args[0] : "keys";
        Path dir = Files.createTempDirectory("ui-preview");
        sim = Simulator.open(dir);
        String account = sim.accounts().rootAccountId();
        KmsService kms = sim.kms();
        CallContext ctx = CallContext.root(account, Catalog.DEFAULT_REGION);
        KeyMetadata disks = kms.createKey(ctx, new CreateKeyRequest("Aliyun_AES_256", null, null, "HSM",
                "Production data disks", true, "365d"));
        kms.createAlias(ctx, "alias/prod-disks", disks.keyId());
        KeyMetadata backup = kms.createKey(ctx, CreateKeyRequest.defaults("Backup snapshots"));
        kms.createAlias(ctx, "alias/backup", backup.keyId());
        kms.disableKey(ctx, backup.keyId());
        KeyMetadata old = kms.createKey(ctx, new CreateKeyRequest("Aliyun_SM4", null, null, null, "Old test key",
                null, null));
        kms.scheduleKeyDeletion(ctx, old.keyId(), 14);
        kms.createKey(ctx, new CreateKeyRequest(null, null, "EXTERNAL", null, "BYOK key", null, null));
        kms.serviceKey(ctx, "ecs");
        prodKeyId = disks.keyId();
        seedDisks(ctx, disks.keyId());
        if (view.equals("purchase-rows") || view.equals("wizard-default-cmk")) { // default encryption with a CMK
            sim.ecs().enableDiskEncryptionByDefault(ctx);
            sim.ecs().modifyDiskDefaultKmsKeyId(ctx, disks.keyId());
        }
        if (view.equals("labs-ram")) { // lab (c): a RAM user with ECS full access and a policy denying plain disks
            sim.labs().start(ctx, "restrict-ram-user-to-encrypted-disks");
            Thread.sleep(1100);
            sim.ram().createUser(ctx, "alice", "Alice", "lab (c)");
            sim.ram().attachPolicyToUser(ctx, "System", "AliyunECSFullAccess", "alice");
            sim.ram().createPolicy(ctx, "EncryptedDisksOnly", "{\"Version\":\"1\",\"Statement\":[{\"Effect\":"
                    + "\"Deny\",\"Action\":[\"ecs:CreateDisk\",\"ecs:RunInstances\"],\"Resource\":\"*\","
                    + "\"Condition\":{\"Bool\":{\"ecs:IsDiskEncrypted\":[\"false\"]}}}]}", "lab (c)");
            sim.ram().attachPolicyToUser(ctx, "Custom", "EncryptedDisksOnly", "alice");
        }
        if (view.startsWith("labs")) { // the FAQ lab started before web-01 is made (labs-failed: 3 steps done)
            sim.labs().start(ctx, "faq-verification");
            Thread.sleep(1100);
            Files.createDirectories(dir.resolve("labs"));
            Files.writeString(dir.resolve("labs/my-broken-lab.lab"), "title: A trainer's lab with a typo\n"
                    + "step: Encrypt a disk\ncheck: disk-encryptd encrypted=true\n");
        }
        if (view.startsWith("instance") || view.startsWith("purchase") || view.startsWith("vnc")
                || view.startsWith("disks-") || view.startsWith("disk-details-inuse") || view.startsWith("encrypt-")
                || view.startsWith("trail") || view.startsWith("key-recent") || view.startsWith("images")
                || view.startsWith("sysdisk") || view.startsWith("oos") || view.startsWith("billing")
                || view.startsWith("labs")) {
            seedInstances(ctx, disks.keyId());
        }
        if (view.startsWith("billing")) {
            seedBilling(ctx);
        }
        if (view.startsWith("images")) {
            seedImages(ctx, disks.keyId());
        }
        if (view.startsWith("oos")) {
            seedOos(ctx, disks.keyId());
        }
        if (view.startsWith("ram")) {
            seedRam(ctx);
        }
        Application.launch(PreviewApp.class, args);
        sim.close();
    }

    private static String prodKeyId;
    private static String webDisk;
    private static String financeDisk;
    private static String cacheDisk;
    private static String webInstanceData;

    /** Disks and snapshots: encrypted with a CMK, with the service key, with a key later disabled, plain. */
    private static void seedDisks(CallContext ctx, String prodKey) {
        var ecs = sim.ecs();
        sim.ram().authorizeEcsDiskEncryption(ctx);
        KeyMetadata finance = sim.kms().createKey(ctx, CreateKeyRequest.defaults("Finance disks"));
        sim.kms().createAlias(ctx, "alias/finance", finance.keyId());
        String zone = "cn-hangzhou-h";
        webDisk = ecs.createDisk(ctx, new CreateDiskRequest(zone, "cloud_essd", 40, null, "PL1", true, prodKey,
                null, "web-data", "Web server data", null));
        ecs.createDisk(ctx, new CreateDiskRequest(zone, "cloud_efficiency", 100, null, null, null, null, null,
                "logs", null, null));
        cacheDisk = ecs.createDisk(ctx, new CreateDiskRequest("cn-hangzhou-i", "cloud_auto", 80, null, null, true,
                null, null, "cache", null, null));
        financeDisk = ecs.createDisk(ctx, new CreateDiskRequest(zone, "cloud_essd", 500, null, "PL2", true,
                finance.keyId(), null, "ledger", null, null));
        sim.clock().fastForward(java.time.Duration.ofMinutes(2));
        String snap = ecs.createSnapshot(ctx, webDisk, "web-data-nightly", "nightly");
        ecs.createSnapshot(ctx, financeDisk, "ledger-month-end", null);
        sim.clock().fastForward(java.time.Duration.ofMinutes(10));
        ecs.modifySnapshotSharePermission(ctx, snap, List.of(sim.accounts().peerAccountId()), List.of());
        ecs.createSnapshot(ctx, webDisk, "web-data-hourly", null);
        sim.kms().disableKey(ctx, finance.keyId());
        ecs.createDisk(ctx, new CreateDiskRequest(zone, "cloud_essd", 60, null, "PL0", true, null, null,
                "new-volume", null, null));
    }

    private static String webInstance;
    private static String appData;
    private static String systemOfBatch;
    private static String batchInstance;
    private static String plainImage;

    /** Images: a plain one of batch-worker, its encrypted copy, one still Creating; one shared by the peer. */
    private static void seedImages(CallContext ctx, String prodKey) throws InterruptedException {
        var ecs = sim.ecs();
        waitFor(() -> sim.instances().describeInstance(ctx, batchInstance).status()
                == dev.ecskms.sim.ecs.InstanceStatus.Running);
        plainImage = ecs.createImage(ctx, new dev.ecskms.sim.ecs.CreateImageRequest(batchInstance, null,
                "batch-worker-base", "Ubuntu with the batch tools"));
        sim.clock().fastForward(java.time.Duration.ofMinutes(2));
        String copy = ecs.copyImage(ctx, new dev.ecskms.sim.ecs.CopyImageRequest(plainImage, null,
                "batch-worker-encrypted", null, true, prodKey, null));
        sim.clock().fastForward(java.time.Duration.ofMinutes(2));
        if (view.equals("images-shared")) {
            CallContext peer = CallContext.root(sim.accounts().peerAccountId(), Catalog.DEFAULT_REGION);
            ecs.modifyImageSharePermission(ctx, copy, List.of(peer.accountId()), List.of());
        }
    }

    /** Instances: one with a CMK-encrypted system disk (logged in for the VNC views), one stopped, one plain. */
    private static void seedInstances(CallContext ctx, String prodKey) throws InterruptedException {
        var instances = sim.instances();
        String image = instances.describeImages(ctx, "system", null).stream()
                .filter(i -> i.osName().startsWith("Alibaba Cloud Linux 3")).findFirst().orElseThrow().imageId();
        String ubuntu = instances.describeImages(ctx, "system", null).stream()
                .filter(i -> i.osName().startsWith("Ubuntu")).findFirst().orElseThrow().imageId();
        var sys = new dev.ecskms.sim.ecs.RunInstancesRequest.SystemDisk("cloud_essd", 40, "PL1", true, prodKey);
        var data = new dev.ecskms.sim.ecs.RunInstancesRequest.DataDisk("cloud_essd", 100, null, "PL1", true, prodKey,
                true);
        webInstance = instances.runInstances(ctx, new dev.ecskms.sim.ecs.RunInstancesRequest("cn-hangzhou-h",
                "ecs.g7.large", image, sys, List.of(data), 1, "Preview-2024!", "web-01", null, null)).get(0);
        String batch = batchInstance = instances.runInstances(ctx, new dev.ecskms.sim.ecs.RunInstancesRequest("cn-hangzhou-i",
                "ecs.c7.xlarge", ubuntu, new dev.ecskms.sim.ecs.RunInstancesRequest.SystemDisk("cloud_essd", 40,
                "PL0", null, null), List.of(), 1, "Preview-2024!", "batch-worker", null, null)).get(0);
        if (view.startsWith("encrypt-")) { // a plain data disk on batch-worker for "Encrypt this disk"
            appData = sim.ecs().createDisk(ctx, new CreateDiskRequest("cn-hangzhou-i", "cloud_essd", 40, null, "PL0",
                    false, null, null, "app-data", "Application data", null));
            waitFor(() -> instances.describeInstance(ctx, batch).status() == dev.ecskms.sim.ecs.InstanceStatus.Running
                    && sim.ecs().describeDisk(ctx, appData).status() == dev.ecskms.sim.ecs.DiskStatus.Available);
            instances.attachDisk(ctx, batch, appData, true);
            systemOfBatch = sim.ecs().describeDisks(ctx, new dev.ecskms.sim.ecs.DescribeDisksRequest(null, null,
                    batch, "system", null, null, null, null, 1, 10)).items().get(0).diskId();
        }
        webInstanceData = sim.ecs().describeDisks(ctx, new dev.ecskms.sim.ecs.DescribeDisksRequest(null, null,
                webInstance, "data", null, null, null, null, 1, 10)).items().get(0).diskId();
        if (!view.startsWith("instances")) {
            waitFor(() -> instances.describeInstance(ctx, webInstance).status()
                    == dev.ecskms.sim.ecs.InstanceStatus.Running);
        } else {
            waitFor(() -> instances.describeInstance(ctx, batch).status()
                    == dev.ecskms.sim.ecs.InstanceStatus.Running);
            instances.stopInstance(ctx, batch, false);
        }
        if (view.endsWith("-failed")) { // the CMK disabled and web-01 rebooted: its last start could not read a disk
            waitFor(() -> instances.describeInstance(ctx, webInstance).status()
                    == dev.ecskms.sim.ecs.InstanceStatus.Running);
            sim.kms().disableKey(ctx, prodKey);
            instances.rebootInstance(ctx, webInstance, false);
            waitFor(() -> instances.describeInstance(ctx, webInstance).bootFailure() != null);
        }
        if (view.startsWith("vnc")) {
            var console = instances.connect(ctx, webInstance);
            waitFor(() -> console.status().contains("login"));
            console.type("root");
            console.pressEnter();
            console.type("Preview-2024!");
            console.pressEnter();
            waitFor(() -> console.status().contains("shell"));
            console.type("lsblk");
            console.pressEnter();
            if (view.equals("vnc-black")) {
                sim.kms().disableKey(ctx, prodKey);
                console.type("sudo reboot");
                console.pressEnter();
                Thread.sleep(1500);
                waitFor(() -> instances.describeInstance(ctx, webInstance).status()
                        == dev.ecskms.sim.ecs.InstanceStatus.Running && console.status().contains("hung"));
            }
        }
    }

    /**
     * A few simulated days of history for the Billing page: batch-worker runs a day, stops for two, runs again;
     * a plain data disk is released on the third day.
     */
    private static void seedBilling(CallContext ctx) throws InterruptedException {
        var instances = sim.instances();
        waitFor(() -> instances.describeInstance(ctx, batchInstance).status()
                == dev.ecskms.sim.ecs.InstanceStatus.Running);
        sim.clock().fastForward(java.time.Duration.ofDays(1));
        instances.stopInstance(ctx, batchInstance, false);
        sim.clock().fastForward(java.time.Duration.ofSeconds(5));
        sim.clock().fastForward(java.time.Duration.ofDays(2));
        sim.ecs().deleteDisk(ctx, cacheDisk);
        instances.startInstance(ctx, batchInstance);
        sim.clock().fastForward(java.time.Duration.ofSeconds(5));
        sim.clock().fastForward(java.time.Duration.ofDays(1).plusHours(7));
    }

    private static String oosExecution;

    /**
     * A second plain instance next to batch-worker; for oos-running and oos-finished an execution of
     * ACS-ECS-BulkyEncryptSystemDisk over both, moved on the simulated clock to the middle or the end.
     */
    private static void seedOos(CallContext ctx, String prodKey) throws InterruptedException {
        var instances = sim.instances();
        String ubuntu = instances.describeImages(ctx, "system", null).stream()
                .filter(i -> i.osName().startsWith("Ubuntu")).findFirst().orElseThrow().imageId();
        String app = instances.runInstances(ctx, new dev.ecskms.sim.ecs.RunInstancesRequest("cn-hangzhou-i",
                "ecs.g7.large", ubuntu, new dev.ecskms.sim.ecs.RunInstancesRequest.SystemDisk("cloud_essd", 40,
                "PL0", null, null), List.of(), 1, "Preview-2024!", "app-02", null, null)).get(0);
        waitFor(() -> instances.describeInstance(ctx, app).status() == dev.ecskms.sim.ecs.InstanceStatus.Running);
        if (!view.equals("oos-running") && !view.equals("oos-finished") && !view.equals("oos-cancel")
                && !view.equals("oos-executions")) {
            return;
        }
        List<String> plain = sim.ecs().describeDisks(ctx, new dev.ecskms.sim.ecs.DescribeDisksRequest(null, null,
                null, "system", null, null, false, null, 1, 100)).items().stream()
                .map(dev.ecskms.sim.ecs.Disk::instanceId).toList();
        String parameters = "{\"targets\":{\"Type\":\"ResourceIds\",\"ResourceIds\":[\""
                + String.join("\",\"", plain) + "\"]},\"KMSKeyId\":\"" + prodKey
                + "\",\"rateControl\":{\"Mode\":\"Concurrency\",\"Concurrency\":2,\"MaxErrors\":0}}";
        oosExecution = sim.oos().startExecution(ctx, dev.ecskms.sim.oos.StartExecutionRequest.of(
                dev.ecskms.sim.oos.Templates.BULKY_ENCRYPT_SYSTEM_DISK, parameters)).executionId();
        int steps = view.equals("oos-running") || view.equals("oos-cancel") ? 0 : 1440;
        for (int i = 0; i < steps; i++) {
            var e = sim.oos().listExecutions(ctx, dev.ecskms.sim.oos.ListExecutionsRequest.one(oosExecution))
                    .items().get(0);
            if (e.isFinished()) {
                break;
            }
            sim.clock().fastForward(java.time.Duration.ofSeconds(5));
        }
    }

    /**
     * RAM: alice (with an AccessKey, in disk-operators, under AliyunECSFullAccess, KMS read-only and the custom
     * policy "Only encrypted disks"), bob with KMS read-only, ci-robot with no policy and two AccessKeys; a second
     * version of the custom policy.
     */
    private static void seedRam(CallContext ctx) {
        var ram = sim.ram();
        ram.createUser(ctx, "alice", "Alice Zhang", "Disk operator");
        ram.createAccessKey(ctx, "alice");
        ram.createUser(ctx, "bob", "Bob Li", "Auditor");
        ram.createUser(ctx, "ci-robot", null, "Build pipeline");
        ram.createAccessKey(ctx, "ci-robot");
        String key = ram.createAccessKey(ctx, "ci-robot").accessKeyId();
        ram.updateAccessKey(ctx, "ci-robot", key, "Inactive");
        ram.createGroup(ctx, "disk-operators", "May create encrypted disks only");
        ram.addUserToGroup(ctx, "alice", "disk-operators");
        ram.createPolicy(ctx, "OnlyEncryptedDisks",
                dev.ecskms.ui.ram.policies.PolicyTemplates.ONLY_ENCRYPTED_DISKS.document(),
                "Refuses creating cloud disks and instances whose disks are not encrypted");
        ram.attachPolicyToUser(ctx, "System", "AliyunECSFullAccess", "alice");
        ram.attachPolicyToUser(ctx, "Custom", "OnlyEncryptedDisks", "alice");
        ram.attachPolicyToUser(ctx, "System", "AliyunKMSReadOnlyAccess", "bob");
        ram.attachPolicyToUser(ctx, "System", "AliyunKMSReadOnlyAccess", "alice"); // to choose keys
        ram.attachPolicyToGroup(ctx, "System", "AliyunECSReadOnlyAccess", "disk-operators");
        ram.createPolicyVersion(ctx, "OnlyEncryptedDisks",
                dev.ecskms.ui.ram.policies.PolicyTemplates.ONLY_ENCRYPTED_DISKS.document(), false);
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 300 && !condition.getAsBoolean(); i++) {
            Thread.sleep(100);
        }
    }

    /** Separate from the main class: the java launcher refuses a main class that extends Application. */
    public static class PreviewApp extends Application {
    @Override
    public void start(Stage stage) {
        MainWindow window = MainWindow.open(new ConsoleServices(sim.kms(), sim.ecs(), sim.instances(), sim.ram(),
                sim.accounts(), sim.clock(), sim.accounts().rootAccountId(), "127.0.0.1:8123",
                sim.accounts().ensureRootAccessKey(null, null).key().accessKeyId(), false, "cn-hangzhou",
                sim.changes(), sim.trail(), sim.oos(), sim.labs()), stage);
        // -Dpreview.size=full fills the screen (as a maximised window would), -Dpreview.size=1024x640 sets a size;
        // -Dpreview.maximized=true and -DfullScreenSize=true are the same as full
        String size = System.getProperty("preview.size",
                Boolean.getBoolean("preview.maximized") || Boolean.getBoolean("fullScreenSize") ? "full" : null);
        if (size != null) {
            javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getBounds();
            String[] wh = size.equals("full") ? new String[] {"" + (int) screen.getWidth(),
                    "" + (int) screen.getHeight()} : size.split("x");
            stage.setX(0);
            stage.setY(0);
            stage.setWidth(Double.parseDouble(wh[0]));
            stage.setHeight(Double.parseDouble(wh[1]));
        }
        if (System.getProperty("preview.dumpMin") != null) {
            after(8, () -> dumpMinWidths(window.root(), Double.parseDouble(System.getProperty("preview.dumpMin")),
                    ""));
        }
        after(1.5, () -> {
            if (!view.startsWith("disk") && !view.startsWith("wizard") && !view.startsWith("snap")
                    && !view.startsWith("encrypt") && !view.startsWith("instances")
                    && !view.startsWith("purchase") && !view.startsWith("vnc") && !view.startsWith("oos")) {
                window.showPage("navKeys");
                after(1.0, () -> act(window));
            } else {
                act(window);
            }
        });
    }

    private static void act(MainWindow window) {
        {
            switch (view) {
                case "billing" -> window.showPage("navBilling");
                case "wizard-cmk" -> {
                    window.disksPage().openCreateDisk(null);
                    after(1.0, () -> {
                        ((javafx.scene.control.CheckBox) find(window.root(), "encryptedCheck")).setSelected(true);
                        var keys = (javafx.scene.control.ComboBox<dev.ecskms.ui.common.KeyOption>) find(window.root(),
                                "kmsKeySelector");
                        keys.getItems().stream().filter(o -> "alias/prod-disks".equals(o.alias())).findFirst()
                                .ifPresent(keys::setValue);
                        ((javafx.scene.control.TextField) find(window.root(), "diskNameField")).setText("orders-db");
                    });
                }
                case "wizard-open" -> {
                    window.disksPage().openCreateDisk(null);
                    after(1.0, () -> {
                        ((javafx.scene.control.CheckBox) find(window.root(), "encryptedCheck")).setSelected(true);
                        after(0.5, () -> ((javafx.scene.control.ComboBox<?>) find(window.root(), "kmsKeySelector"))
                                .show());
                    });
                }
                case "wizard-default-cmk" -> {
                    window.disksPage().openCreateDisk(null);
                    if (Boolean.getBoolean("open")) { // -Dopen=true: the key list open
                        after(1.5, () -> ((javafx.scene.control.ComboBox<?>) find(window.root(), "kmsKeySelector"))
                                .show());
                    }
                }
                case "purchase-rows" -> {
                    // Three data disks: empty (the account's default CMK), from an encrypted snapshot (its key),
                    // and one with a size out of range; a password with a non-ASCII letter.
                    window.instancesPage().openPurchase();
                    after(3.0, () -> {
                        var types = (javafx.scene.control.TableView<dev.ecskms.sim.ecs.InstanceType>) find(
                                window.root(), "instanceTypeTable");
                        types.getItems().stream().filter(t -> t.instanceTypeId().equals("ecs.g7.large")).findFirst()
                                .ifPresent(t -> types.getSelectionModel().select(t));
                        click(window, "#addDataDiskButton");
                        click(window, "#addDataDiskButton");
                        click(window, "#addDataDiskButton");
                        after(0.5, () -> {
                            var snaps = (javafx.scene.control.ComboBox<dev.ecskms.sim.ecs.Snapshot>) find(
                                    window.root(), "dataDiskSnapshot-2");
                            snaps.getItems().stream().filter(x -> x != null
                                    && "web-data-nightly".equals(x.snapshotName())).findFirst()
                                    .ifPresent(snaps::setValue);
                            ((javafx.scene.control.Spinner<?>) find(window.root(), "dataDiskSize-3")).getEditor()
                                    .setText("0");
                            ((javafx.scene.control.PasswordField) find(window.root(), "passwordField"))
                                    .setText("Pässwort-2024");
                            ((javafx.scene.control.PasswordField) find(window.root(), "confirmPasswordField"))
                                    .setText("Pässwort-2024");
                            after(1.5, () -> ((javafx.scene.control.ScrollPane) find(window.root(),
                                    "purchaseScroll")).setVvalue(System.getProperty("scroll") == null ? 0.62
                                    : Double.parseDouble(System.getProperty("scroll"))));
                        });
                    });
                }
                case "wizard-size0" -> {
                    window.disksPage().openCreateDisk(null);
                    after(1.0, () -> ((javafx.scene.control.Spinner<?>) find(window.root(), "diskSizeSpinner"))
                            .getEditor().setText("0"));
                }
                case "wizard-ssd" -> {
                    window.disksPage().openCreateDisk(null);
                    after(1.0, () -> {
                        var categories = (javafx.scene.control.ComboBox<dev.ecskms.sim.ecs.DiskCategory>) find(
                                window.root(), "categoryChoice");
                        categories.getItems().stream().filter(c -> c.id().equals("cloud_ssd")).findFirst()
                                .ifPresent(categories::setValue);
                    });
                }
                case "wizard-switch" -> { // the performance level after the category changed twice
                    window.disksPage().openCreateDisk(null);
                    after(1.0, () -> {
                        var categories = (javafx.scene.control.ComboBox<dev.ecskms.sim.ecs.DiskCategory>) find(
                                window.root(), "categoryChoice");
                        categories.getItems().stream().filter(c -> c.id().equals("cloud_efficiency")).findFirst()
                                .ifPresent(categories::setValue);
                        after(0.5, () -> categories.getItems().stream().filter(c -> c.id().equals("cloud_auto"))
                                .findFirst().ifPresent(categories::setValue));
                        after(1.0, () -> categories.getItems().stream().filter(c -> c.id().equals("cloud_essd"))
                                .findFirst().ifPresent(categories::setValue));
                    });
                }
                case "wizard-snapshot" -> {
                    window.showPage("navSnapshots");
                    after(1.0, () -> click(window, firstAction(window, "action-create-disk-from")));
                }
                case "wizard-bangkok", "wizard-seoul", "encryption-bangkok", "encryption-seoul" -> {
                    ((javafx.scene.control.ComboBox<dev.ecskms.sim.ecs.Region>) find(window.root(), "regionSelector"))
                            .setValue(Catalog.requireRegion(view.endsWith("bangkok") ? "ap-southeast-7"
                                    : "ap-northeast-2"));
                    if (view.startsWith("encryption")) {
                        window.showPage("navDiskEncryption");
                        break;
                    }
                    window.disksPage().openCreateDisk(null);
                    after(1.0, () -> {
                        var check = (javafx.scene.control.CheckBox) find(window.root(), "encryptedCheck");
                        if (!check.isDisabled()) {
                            check.setSelected(true);
                        }
                        after(0.5, () -> ((javafx.scene.control.ComboBox<?>) find(window.root(), "kmsKeySelector"))
                                .show());
                    });
                }
                case "instances", "instances-failed" -> window.showPage("navInstances");
                case "images", "images-public" -> {
                    window.showPage("navImages");
                    // made now, so that the page shows it Creating with its progress
                    sim.ecs().createImage(CallContext.root(sim.accounts().rootAccountId(), Catalog.DEFAULT_REGION),
                            new dev.ecskms.sim.ecs.CreateImageRequest(webInstance, null, "web-01-release-42", null));
                    if (view.equals("images-public")) {
                        after(1.0, () -> ((javafx.scene.control.TabPane) find(window.root(), "imageTabs"))
                                .getSelectionModel().select(2));
                    }
                }
                case "images-shared" -> { // as the peer account, to whom the encrypted image is shared
                    window.session().accountIdProperty().set(sim.accounts().peerAccountId());
                    window.showPage("navImages");
                    after(1.0, () -> {
                        ((javafx.scene.control.TabPane) find(window.root(), "imageTabs")).getSelectionModel()
                                .select(1);
                        window.imagesPage().refresh();
                    });
                }
                case "images-copy" -> {
                    window.showPage("navImages");
                    after(1.5, () -> {
                        click(window, "#copy-image-" + plainImage);
                        after(1.0, () -> {
                            ((javafx.scene.control.CheckBox) find(window.root(), "copyEncryptedCheck"))
                                    .setSelected(true);
                            var keys = (javafx.scene.control.ComboBox<dev.ecskms.ui.common.KeyOption>) find(
                                    window.root(), "kmsKeySelector");
                            keys.getItems().stream().filter(o -> "alias/prod-disks".equals(o.alias())).findFirst()
                                    .ifPresent(keys::setValue);
                        });
                    });
                }
                case "images-purchase" -> {
                    window.showPage("navInstances");
                    window.instancesPage().openPurchase();
                    after(2.0, () -> ((javafx.scene.control.ScrollPane) find(window.root(), "purchaseScroll"))
                            .setVvalue(0.45));
                }
                case "images-create" -> {
                    window.showPage("navImages");
                    after(1.0, () -> window.imagesPage().openCreateImage(webInstance));
                }
                case "sysdisk-menu" -> {
                    window.showPage("navInstances");
                    after(1.5, () -> ((javafx.scene.control.MenuButton) find(window.root(), "more-" + batchInstance))
                            .show());
                }
                case "sysdisk-plan", "sysdisk-progress", "sysdisk-done", "sysdisk-refused" -> {
                    window.showPage("navInstances");
                    after(1.5, () -> {
                        ((javafx.scene.control.MenuButton) find(window.root(), "more-" + batchInstance)).getItems()
                                .stream().filter(i -> ("encrypt-system-disk-" + batchInstance).equals(i.getId()))
                                .findFirst().orElseThrow().fire();
                        after(1.5, () -> {
                            var keys = (javafx.scene.control.ComboBox<dev.ecskms.ui.common.KeyOption>) find(
                                    window.root(), "kmsKeySelector");
                            keys.getItems().stream().filter(o -> "alias/prod-disks".equals(o.alias())).findFirst()
                                    .ifPresent(keys::setValue);
                            ((javafx.scene.control.PasswordField) find(window.root(), "newPasswordField"))
                                    .setText(view.equals("sysdisk-refused") ? "short" : "Batch-2024!");
                            ((javafx.scene.control.PasswordField) find(window.root(), "confirmPasswordField"))
                                    .setText(view.equals("sysdisk-refused") ? "short" : "Batch-2024!");
                            if (!view.equals("sysdisk-plan")) {
                                after(1.5, () -> {
                                    click(window, "#encryptStartButton");
                                    if (view.equals("sysdisk-done") || view.equals("sysdisk-refused")) {
                                        new Thread(() -> {
                                            for (int i = 0; i < 40; i++) {
                                                sim.clock().fastForward(java.time.Duration.ofSeconds(10));
                                                try {
                                                    Thread.sleep(150);
                                                } catch (InterruptedException e) {
                                                    return;
                                                }
                                            }
                                        }).start();
                                    }
                                });
                            }
                        });
                    });
                }
                case "oos-templates" -> window.showPage("navOosTemplates");
                case "oos-create", "oos-create-bad" -> { // -bad: Concurrency 0 and MaxErrors 150%
                    window.showPage("navOosTemplates");
                    after(1.0, () -> {
                        click(window, "#templateCreateExecutionButton");
                        after(1.5, () -> {
                            window.root().lookupAll(".check-box").stream()
                                    .filter(n -> n.getId() != null && n.getId().startsWith("chooseTarget-"))
                                    .filter(n -> !((javafx.scene.control.CheckBox) n).isSelected())
                                    .limit(2).forEach(n -> ((javafx.scene.control.CheckBox) n).fire());
                            if (view.equals("oos-create-bad")) {
                                ((javafx.scene.control.TextField) find(window.root(), "concurrencyField")).setText("0");
                                ((javafx.scene.control.TextField) find(window.root(), "maxErrorsField"))
                                        .setText("150%");
                            }
                            after(0.5, () -> System.out.println("OOS-READY"));
                        });
                    });
                }
                case "oos-executions" -> {
                    window.showPage("navOosExecutions");
                    after(1.5, () -> System.out.println("OOS-READY"));
                }
                case "oos-cancel" -> { // the running execution's Cancel asks first
                    sim.clock().fastForward(java.time.Duration.ofSeconds(50));
                    window.session().navigator().openExecution(oosExecution);
                    after(2.0, () -> {
                        click(window, "#cancelExecutionButton");
                        after(1.0, () -> System.out.println("OOS-READY"));
                    });
                }
                case "oos-instances", "oos-instances-selected" -> { // two rows selected, then the OOS button
                    window.showPage("navInstances");
                    after(1.5, () -> {
                        var table = (javafx.scene.control.TableView<?>) find(window.root(), "instanceTable");
                        table.getSelectionModel().selectIndices(0, 1);
                        after(0.5, () -> {
                            if (view.equals("oos-instances")) {
                                click(window, "#encryptSystemDisksOosButton");
                            }
                            after(1.5, () -> System.out.println("OOS-READY"));
                        });
                    });
                }
                case "oos-running", "oos-finished" -> {
                    if (view.equals("oos-running")) { // to the middle of the first snapshots
                        sim.clock().fastForward(java.time.Duration.ofSeconds(50));
                    }
                    window.session().navigator().openExecution(oosExecution);
                    after(2.0, () -> {
                        var panes = window.root().lookupAll(".titled-pane").stream()
                                .filter(n -> n.getId() != null && n.getId().startsWith("executionLogPane-")).toList();
                        System.out.println("OOS-READY " + panes.size());
                        panes.stream().findFirst()
                                .ifPresent(n -> ((javafx.scene.control.TitledPane) n).setExpanded(true));
                    });
                }
                case "instance-details-failed" -> {
                    window.showPage("navInstances");
                    window.instancesPage().showDetails(webInstance);
                    after(2.0, () -> ((javafx.scene.control.TabPane) find(window.root(), "instanceDetailTabs"))
                            .getSelectionModel().select(1));
                }
                case "instance-details" -> {
                    window.showPage("navInstances");
                    window.instancesPage().showDetails(webInstance);
                }
                case "purchase", "purchase-bottom" -> {
                    window.instancesPage().openPurchase();
                    after(3.0, () -> {
                        var types = (javafx.scene.control.TableView<dev.ecskms.sim.ecs.InstanceType>) find(
                                window.root(), "instanceTypeTable");
                        types.getItems().stream().filter(t -> t.instanceTypeId().equals("ecs.g7.large")).findFirst()
                                .ifPresent(t -> types.getSelectionModel().select(t));
                        ((javafx.scene.control.CheckBox) find(window.root(), "systemDiskEncryptedCheck"))
                                .setSelected(true);
                        var keys = (javafx.scene.control.ComboBox<dev.ecskms.ui.common.KeyOption>) find(
                                window.root(), "systemDiskKeySelector");
                        keys.getItems().stream().filter(o -> "alias/prod-disks".equals(o.alias())).findFirst()
                                .ifPresent(keys::setValue);
                        ((javafx.scene.control.TextField) find(window.root(), "instanceNameField")).setText("web-02");
                        if (view.equals("purchase-bottom")) {
                            click(window, "#addDataDiskButton");
                            after(0.5, () -> {
                                ((javafx.scene.control.CheckBox) find(window.root(), "dataDiskEncrypted-1"))
                                        .setSelected(true);
                                ((javafx.scene.control.PasswordField) find(window.root(), "passwordField"))
                                        .setText("short");
                                ((javafx.scene.control.PasswordField) find(window.root(), "confirmPasswordField"))
                                        .setText("short");
                                click(window, "#createOrderButton");
                                after(0.8, () -> ((javafx.scene.control.ScrollPane) find(window.root(),
                                        "purchaseScroll")).setVvalue(1.0));
                            });
                        } else {
                            after(2.0, () -> ((javafx.scene.control.ScrollPane) find(window.root(),
                                    "purchaseScroll")).setVvalue(0.72));
                        }
                    });
                }
                case "vnc-booted", "vnc-black" -> {
                    window.showPage("navInstances");
                    after(1.0, () -> click(window, "#connect-" + webInstance));
                }
                case "disk-details" -> {
                    window.showPage("navDisks");
                    window.disksPage().showDetails(webDisk);
                }
                case "disk-details-disabled" -> {
                    window.showPage("navDisks");
                    window.disksPage().showDetails(financeDisk);
                }
                case "disk-details-nav" -> { // a disk's details, then a click on Disks in the left navigation
                    window.showPage("navDisks");
                    window.disksPage().showDetails(financeDisk);
                    after(3.0, () -> click(window, "#navDisks"));
                }
                case "disks" -> window.showPage("navDisks");
                case "disks-inuse" -> window.showPage("navDisks");
                case "disks-attach" -> {
                    window.showPage("navDisks");
                    after(1.0, () -> click(window, "#attach-" + webDisk));
                }
                case "disks-attach-elsewhere" -> {
                    window.showPage("navDisks");
                    after(1.0, () -> click(window, "#attach-" + cacheDisk));
                }
                case "disks-detach" -> {
                    window.showPage("navDisks");
                    after(1.0, () -> click(window, "#detach-" + webInstanceData));
                }
                case "disks-more" -> {
                    window.showPage("navDisks");
                    after(1.0, () -> ((javafx.scene.control.MenuButton) find(window.root(), "more-" + webDisk))
                            .show());
                }
                case "disk-details-inuse" -> {
                    window.showPage("navDisks");
                    window.disksPage().showDetails(webInstanceData);
                }
                case "encrypt-menu" -> {
                    window.showPage("navDisks");
                    after(1.0, () -> ((javafx.scene.control.MenuButton) find(window.root(), "more-" + appData)).show());
                }
                case "encrypt-details" -> {
                    window.showPage("navDisks");
                    window.disksPage().showDetails(appData);
                }
                case "encrypt-system" -> {
                    window.showPage("navDisks");
                    after(1.0, () -> fireMenu(window, systemOfBatch, "encrypt-disk-"));
                }
                case "encrypt-plan", "encrypt-progress", "encrypt-done", "encrypt-undone" -> {
                    window.showPage("navDisks");
                    after(1.0, () -> fireMenu(window, appData, "encrypt-disk-"));
                    after(4.0, () -> {
                        var keys = (javafx.scene.control.ComboBox<dev.ecskms.ui.common.KeyOption>) find(window.root(),
                                "kmsKeySelector");
                        keys.getItems().stream().filter(o -> "alias/prod-disks".equals(o.alias())).findFirst()
                                .ifPresent(keys::setValue);
                        ((javafx.scene.control.RadioButton) find(window.root(), "releaseOldDiskRadio")).setSelected(true);
                    });
                    if (!view.equals("encrypt-plan")) {
                        after(7.0, () -> click(window, "#encryptStartButton"));
                    }
                    if (view.equals("encrypt-undone")) { // the key is disabled while the snapshot runs
                        after(10.0, () -> sim.kms().disableKey(CallContext.root(sim.accounts().rootAccountId(),
                                Catalog.DEFAULT_REGION), "alias/prod-disks"));
                    }
                    if (view.equals("encrypt-done") || view.equals("encrypt-undone")) { // as the user would: Fast-forward
                        after(12.0, () -> sim.clock().fastForward(java.time.Duration.ofMinutes(2)));
                    }
                }
                case "snapshots" -> window.showPage("navSnapshots");
                case "snapshots-share" -> {
                    window.showPage("navSnapshots");
                    after(1.0, () -> click(window, firstAction(window, "action-share")));
                }
                case "encryption" -> window.showPage("navDiskEncryption");
                // RAM: users, a user's permissions, the secret shown once, policies, the editor, roles, refusals
                case "ram-users" -> window.showPage("navRamUsers");
                case "ram-user" -> {
                    window.showPage("navRamUsers");
                    window.ramUsersPage().showUser("alice");
                }
                case "ram-attach" -> {
                    window.showPage("navRamUsers");
                    window.ramUsersPage().showUser("bob");
                    after(1.5, () -> {
                        click(window, "#userAttachPolicyButton");
                        after(1.5, () -> ((javafx.scene.control.TextField) find(window.root(), "policySearchField"))
                                .setText("ECS"));
                    });
                }
                case "ram-secret" -> {
                    window.showPage("navRamUsers");
                    after(1.0, () -> {
                        click(window, "#createUserButton");
                        after(0.5, () -> {
                            ((javafx.scene.control.TextField) find(window.root(), "userNameField")).setText("carol");
                            ((javafx.scene.control.CheckBox) find(window.root(), "createAccessKeyCheck"))
                                    .setSelected(true);
                            click(window, "#dialogConfirmButton");
                        });
                    });
                }
                case "ram-groups" -> {
                    window.showPage("navRamGroups");
                    after(1.0, () -> window.ramGroupsPage().showGroup("disk-operators"));
                }
                case "ram-policies" -> window.showPage("navRamPolicies");
                case "ram-policy" -> {
                    window.showPage("navRamPolicies");
                    window.ramPoliciesPage().showPolicy("Custom", "OnlyEncryptedDisks");
                }
                case "ram-policy-editor", "ram-policy-editor-bad" -> {
                    window.showPage("navRamPolicies");
                    after(1.0, () -> {
                        window.ramPoliciesPage().controller().openCreatePolicy(
                                dev.ecskms.ui.ram.policies.PolicyTemplates.ONLY_ENCRYPTED_DISKS);
                        if (view.endsWith("-bad")) { // a comma deleted and a wrong Effect
                            after(0.5, () -> {
                                var editor = (javafx.scene.control.TextArea) find(window.root(),
                                        "policyDocumentEditor");
                                editor.setText(editor.getText().replace("\"Deny\"", "\"Refuse\""));
                            });
                        }
                    });
                }
                case "ram-roles" -> window.showPage("navRamRoles");
                case "ram-identity" -> after(1.0, () -> ((javafx.scene.control.ComboBox<?>) find(window.root(),
                        "identitySelector")).show());
                case "ram-denied-disk" -> { // acting as alice under Only encrypted disks: a plain disk is refused
                    ((javafx.scene.control.ComboBox<dev.ecskms.ui.shell.ConsoleIdentity>) find(window.root(),
                            "identitySelector")).setValue(new dev.ecskms.ui.shell.ConsoleIdentity(
                            sim.accounts().rootAccountId(), "root", "alice"));
                    window.showPage("navDisks");
                    after(1.5, () -> {
                        window.disksPage().openCreateDisk(null);
                        after(2.0, () -> click(window, "#dialogConfirmButton"));
                    });
                }
                case "disks-ecs-readonly" -> { // as a user with ECS read-only and no KMS: disks, keys by bare id
                    String acct = sim.accounts().rootAccountId();
                    CallContext root = new CallContext(acct, CallContext.ROOT, "cn-hangzhou", CallContext.newRequestId());
                    sim.ram().createUser(root, "ecs-viewer", null, "Reads ECS only");
                    sim.ram().attachPolicyToUser(root, "System", "AliyunECSReadOnlyAccess", "ecs-viewer");
                    ((javafx.scene.control.ComboBox<dev.ecskms.ui.shell.ConsoleIdentity>) find(window.root(),
                            "identitySelector")).setValue(new dev.ecskms.ui.shell.ConsoleIdentity(acct, "root",
                            "ecs-viewer"));
                    window.showPage("navDisks");
                }
                case "ram-denied" -> { // acting as ci-robot, who has no policy: the Keys list shows why
                    ((javafx.scene.control.ComboBox<dev.ecskms.ui.shell.ConsoleIdentity>) find(window.root(),
                            "identitySelector")).setValue(new dev.ecskms.ui.shell.ConsoleIdentity(
                            sim.accounts().rootAccountId(), "root", "ci-robot"));
                    window.showPage("navKeys");
                }
                // Labs: the FAQ lab (labs: its first step done; labs-failed: three), a malformed file, Reset's question
                case "labs", "labs-failed" -> {
                    window.showPage("navLabs");
                    window.labsPage().showLab("faq-verification");
                }
                case "labs-broken" -> {
                    window.showPage("navLabs");
                    window.labsPage().showLab("my-broken-lab");
                }
                case "labs-ram" -> {
                    window.showPage("navLabs");
                    window.labsPage().showLab("restrict-ram-user-to-encrypted-disks");
                }
                case "labs-reset" -> {
                    window.showPage("navLabs");
                    window.labsPage().showLab("faq-verification");
                    after(1.5, () -> click(window, "#labStartButton"));
                }
                // ActionTrail: the trail, an ECS role's Decrypt in its details, errors only; a key's Recent Use
                case "trail", "trail-failed" -> window.showPage("navTrail");
                case "trail-empty" -> { // two days later the last day holds no event: the empty state
                    sim.clock().fastForward(java.time.Duration.ofDays(2));
                    window.showPage("navTrail");
                }
                case "trail-errors" -> {
                    window.showPage("navTrail");
                    after(1.0, () -> ((javafx.scene.control.CheckBox) find(window.root(), "trailErrorsOnly")).fire());
                }
                case "trail-details", "trail-details-failed" -> {
                    window.showPage("navTrail");
                    after(1.5, () -> window.root().lookupAll(".trail-event-link").stream()
                            .filter(link -> "Decrypt".equals(((javafx.scene.control.Hyperlink) link).getText()))
                            .findFirst().ifPresent(link -> ((javafx.scene.control.Hyperlink) link).fire()));
                }
                case "key-recent", "key-recent-failed" -> {
                    window.session().navigator().openKey(prodKeyId);
                    after(1.0, () -> {
                        var tabs = (javafx.scene.control.TabPane) window.root().lookup(".detail-tabs");
                        tabs.getSelectionModel().select(tabs.getTabs().size() - 1);
                        var scroll = (javafx.scene.control.ScrollPane) window.root().lookup(".page-scroll");
                        scroll.setVvalue(1.0);
                    });
                }
                case "disable-with-disks" -> {
                    window.showPage("navKeys");
                    after(1.0, () -> click(window, "#disable-" + sim.kms().describeKey(
                            CallContext.root(sim.accounts().rootAccountId(), Catalog.DEFAULT_REGION),
                            "alias/prod-disks").keyId()));
                }
                case "create" -> click(window, "#createKeyButton");
                case "create-error" -> {
                    click(window, "#createKeyButton");
                    ((javafx.scene.control.TextField) find(window.root(), "aliasNameField")).setText("backup");
                    click(window, "#dialogConfirmButton");
                }
                case "create-bad-alias" -> after(1.5, () -> {
                    click(window, "#createKeyButton");
                    after(0.5, () -> ((javafx.scene.control.TextField) find(window.root(), "aliasNameField"))
                            .setText("bad alias!"));
                });
                case "schedule-3days" -> after(1.5, () -> {
                    click(window, firstAction(window, "action-schedule-deletion"));
                    after(0.5, () -> ((javafx.scene.control.Spinner<?>) find(window.root(), "pendingWindowSpinner"))
                            .getEditor().setText("3"));
                });
                // the first-run welcome as a data dir's first start shows it (with the new secret), or a later one
                case "welcome", "welcome-later" -> window.showWelcome(new dev.ecskms.ui.welcome.WelcomeFacts(
                        sim.dataDir().toAbsolutePath().toString(), view.equals("welcome")
                                ? sim.accounts().ensureRootAccessKey(null, null).key().accessKeySecret() : null,
                        false));
                case "regions" -> ((javafx.scene.control.ComboBox<?>) find(window.root(), "regionSelector")).show();
                case "disable" -> click(window, firstAction(window, "action-disable"));
                case "schedule" -> click(window, firstAction(window, "action-schedule-deletion"));
                case "details" -> click(window, firstAction(window, "action-disable").replace("#disable-", "#details-"));
                case "service-details" -> click(window, firstAction(window, "action-details"));
                case "defaults" -> window.root().lookupAll("#keyTabs").forEach(tabs ->
                        ((javafx.scene.control.TabPane) tabs).getSelectionModel().select(1));
                default -> { }
            }
        }
    }
    }

    /** Fires a row's "More" menu item, e.g. encrypt-disk- for the disk's "Encrypt this disk". */
    private static void fireMenu(MainWindow window, String resourceId, String action) {
        ((javafx.scene.control.MenuButton) find(window.root(), "more-" + resourceId)).getItems().stream()
                .filter(item -> (action + resourceId).equals(item.getId())).findFirst()
                .ifPresent(javafx.scene.control.MenuItem::fire);
    }

    /** -Dpreview.dumpMin=800 prints the nodes whose minimum width exceeds that (what keeps a window from fitting). */
    private static void dumpMinWidths(Node node, double limit, String indent) {
        if (node instanceof javafx.scene.Parent parent) {
            double min = parent.minWidth(-1);
            if (min > limit || indent.length() > 4) {
                System.out.println(indent + parent.getClass().getSimpleName() + " #" + parent.getId() + " "
                        + parent.getStyleClass() + " managed=" + parent.isManaged() + " min=" + Math.round(min)
                        + " width=" + Math.round(parent.getLayoutBounds().getWidth()));
                parent.getChildrenUnmodifiable().forEach(child -> dumpMinWidths(child, limit, indent + "  "));
            }
        }
    }

    private static String firstAction(MainWindow window, String styleClass) {
        List<Node> links = window.root().lookupAll("." + styleClass).stream().filter(n -> !n.isDisabled()).toList();
        return links.isEmpty() ? null : "#" + links.get(0).getId();
    }

    /** By id through a predicate: ids made of key UUIDs are not valid CSS selectors. */
    private static void click(MainWindow window, String selector) {
        String id = selector == null ? null : selector.substring(1);
        Node node = find(window.root(), id);
        if (node instanceof ButtonBase button) {
            button.fire();
        } else {
            System.err.println("not found: " + selector);
        }
    }

    private static Node find(Node node, String id) {
        if (id == null) {
            return null;
        }
        if (id.equals(node.getId())) {
            return node;
        }
        if (node instanceof javafx.scene.Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                Node found = find(child, id);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** -Dpreview.delay=3 waits three times as long between steps, for a loaded machine. */
    private static void after(double seconds, Runnable action) {
        PauseTransition pause = new PauseTransition(Duration.seconds(seconds
                * Double.parseDouble(System.getProperty("preview.delay", "1"))));
        pause.setOnFinished(event -> Platform.runLater(action));
        pause.play();
    }
}
