package dev.ecskms.ui;

import dev.ecskms.api.ApiServer;
import dev.ecskms.sim.Simulator;
import dev.ecskms.sim.ecs.InstanceType;
import dev.ecskms.sim.trail.TrailFilter;
import dev.ecskms.ui.common.KeyOption;
import dev.ecskms.ui.shell.ConsoleIdentity;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;

/**
 * Renders the console's main pages to {@code assets/screenshots/NAME.png} at 1366 × 768 for the README, from a
 * simulator seeded with a realistic state ({@link ScreenshotsSeed}) in a temporary data dir. Every picture is taken
 * on a fresh main window (nothing left over from the one before) once no service call is in flight, with
 * {@link Scene#snapshot}: headless through Monocle and the software pipeline, the pixels TestFX's captures read, so
 * no display is needed. Re-running overwrites the files. Run it with {@code scripts/screenshots.sh [NAME …]}.
 */
public final class Screenshots {
    static final int WIDTH = 1366;
    static final int HEIGHT = 768;

    /**
     * One picture: its file name (without .png) and how to get there from a fresh window. Adding a page is one line
     * in {@link #SHOTS} (and its picture and caption in the README's Screenshots table).
     */
    record Shot(String name, Step open) {
    }

    /** Runs off the FX thread; the {@link Driver}'s methods hop onto it and wait for the screen. */
    @FunctionalInterface
    interface Step {
        void open(Driver d) throws Exception;
    }

    /**
     * The pictures, in the README's order. A page another change adds is one more line, e.g.
     * {@code new Shot("ram-users", d -> d.page("navRamUsers"))} or, for a dialog, a click and an await as
     * "disable-key" does.
     */
    static final List<Shot> SHOTS = List.of(
            new Shot("keys", d -> d.page("navKeys")),
            new Shot("disable-key", d -> d.page("navKeys").click("disable-" + d.seed.prodKey).await("consoleDialog")),
            new Shot("create-disk", d -> d.page("navDisks").fx(() -> d.window.disksPage().openCreateDisk(null))
                    .check("encryptedCheck").chooseKey("kmsKeySelector", "alias/prod-disks")
                    .type("diskNameField", "orders-db")),
            new Shot("purchase", Screenshots::purchase),
            new Shot("console-black", d -> d.page("navInstances").click("connect-" + d.seed.webInstance)
                    .remoteConsole(d.seed.webInstance)),
            new Shot("instances", d -> d.page("navInstances")),
            new Shot("disks", d -> d.page("navDisks")),
            new Shot("snapshots", d -> d.page("navSnapshots")),
            new Shot("images", d -> d.page("navImages")),
            new Shot("oos-execution", d -> d.fx(() -> d.window.session().navigator().openExecution(d.seed.execution))),
            new Shot("event-query", d -> d.fx(() -> d.window.session().navigator().openTrail(TrailFilter.all()
                    .event("Decrypt").between(d.seed.sim.clock().instant().minusSeconds(3600),
                            d.seed.sim.clock().instant())))),
            new Shot("welcome", d -> d.fx(() -> d.window.showWelcome(d.seed.welcome())).await("welcomeDialog")),
            new Shot("ram-users", d -> d.page("navRamUsers")),
            new Shot("ram-policy-editor", d -> d.page("navRamPolicies").fx(() -> d.window.ramPoliciesPage()
                    .controller().openCreatePolicy(dev.ecskms.ui.ram.policies.PolicyTemplates.KMS_READ_ONLY))
                    .await("policySummary-0")),
            new Shot("ram-policies", d -> d.page("navRamPolicies")),
            new Shot("ram-user-permissions", d -> d.page("navRamUsers")
                    .fx(() -> d.window.ramUsersPage().showUser("alice")).await("userPoliciesTable")),
            new Shot("ram-denied", Screenshots::refusedPlainDisk),
            new Shot("billing", d -> d.page("navBilling").await("billingChart")),
            new Shot("labs", d -> d.page("navLabs").fx(() -> d.window.labsPage().showLab("faq-verification"))
                    .await("labSteps")));

    /**
     * Acting as alice (under "Only encrypted disks"), Create Disk with Encryption left unticked and OK: the wizard
     * shows the access-denied notice naming ecs:CreateDisk, as IdentityRefusalTest does by clicks.
     */
    @SuppressWarnings("unchecked")
    private static void refusedPlainDisk(Driver d) {
        d.await("identitySelector").until("alice is offered as an identity", () -> ((ComboBox<ConsoleIdentity>) d
                .node("identitySelector")).getItems().stream().anyMatch(i -> "alice".equals(i.userName())));
        d.fx(() -> {
            ComboBox<ConsoleIdentity> identities = (ComboBox<ConsoleIdentity>) d.node("identitySelector");
            identities.getItems().stream().filter(i -> "alice".equals(i.userName())).findFirst()
                    .ifPresent(identities::setValue);
        }).until("the console acts as alice", () -> "alice".equals(d.window.session().userName()));
        d.page("navDisks").fx(() -> d.window.disksPage().openCreateDisk(null)).type("diskNameField", "scratch")
                .idle().click("dialogConfirmButton")
                .until("the refusal shows in the wizard", () -> d.node("dialogError").isVisible());
    }

    /** The purchase page with ecs.g7.large, an encrypted system disk under alias/prod-disks, on its storage part. */
    private static void purchase(Driver d) {
        d.page("navInstances").fx(() -> d.window.instancesPage().openPurchase()).await("instanceTypeTable").fx(() -> {
            @SuppressWarnings("unchecked")
            TableView<InstanceType> types = (TableView<InstanceType>) d.node("instanceTypeTable");
            types.getItems().stream().filter(t -> t.instanceTypeId().equals("ecs.g7.large")).findFirst()
                    .ifPresent(t -> types.getSelectionModel().select(t));
        }).check("systemDiskEncryptedCheck").chooseKey("systemDiskKeySelector", "alias/prod-disks")
                .type("instanceNameField", "web-02").idle()
                .fx(() -> ((ScrollPane) d.node("purchaseScroll")).setVvalue(0.72));
    }

    public static void main(String[] args) throws Exception {
        headlessDefaults();
        Path out = Path.of(System.getProperty("screenshots.dir", "assets/screenshots"));
        List<Shot> shots = SHOTS.stream().filter(s -> args.length == 0 || List.of(args).contains(s.name())).toList();
        if (shots.isEmpty()) {
            System.err.println("No screenshot named " + String.join(", ", args) + "; there are: "
                    + SHOTS.stream().map(Shot::name).toList());
            System.exit(2);
        }
        Files.createDirectories(out);
        Path dataDir = Files.createTempDirectory("screenshots");
        int failures = 0;
        try (Simulator sim = Simulator.open(dataDir)) {
            long started = System.nanoTime();
            ScreenshotsSeed seed = ScreenshotsSeed.seed(sim);
            System.out.printf("seeded in %.1f s%n", (System.nanoTime() - started) / 1e9);
            ApiServer api = startEndpoint(sim);
            Platform.setImplicitExit(false);
            Platform.startup(() -> { });
            ConsoleServices services = new ConsoleServices(sim.kms(), sim.ecs(), sim.instances(), sim.ram(),
                    sim.accounts(), sim.clock(), sim.accounts().rootAccountId(), api.endpoint(),
                    seed.rootKey.key().accessKeyId(), false, api.defaultRegion(),
                    sim.changes(), sim.trail(), sim.oos(), sim.labs());
            for (Shot shot : shots) {
                try {
                    Path file = out.resolve(shot.name() + ".png");
                    new Driver(services, seed).take(shot, file);
                    System.out.println("wrote " + file + " (" + Files.size(file) / 1024 + " KiB)");
                } catch (Exception | AssertionError e) {
                    failures++;
                    System.err.println("FAILED " + shot.name() + ": " + e);
                    e.printStackTrace();
                }
            }
            api.stop();
        } finally {
            Platform.exit();
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        System.exit(failures == 0 ? 0 : 1);
    }

    /** Monocle's headless screen at the pictures' size, unless the command line chose otherwise (e.g. Xvfb). */
    private static void headlessDefaults() {
        if (System.getProperty("glass.platform") == null && !"gtk".equals(System.getProperty("screenshots.glass"))) {
            System.setProperty("glass.platform", "Monocle");
            System.setProperty("monocle.platform", "Headless");
            System.setProperty("prism.order", "sw");
            System.setProperty("headless.geometry", WIDTH + "x" + HEIGHT + "-32");
        }
        System.setProperty("java.awt.headless", "true"); // ImageIO only
    }

    /** The endpoint the status bar (and the welcome) names: the default port if free, else any. */
    private static ApiServer startEndpoint(Simulator sim) {
        ApiServer api = new ApiServer(sim.kms(), sim.ecs(), sim.instances(), sim.ram(), sim.trail(), sim.oos(),
                sim.accounts());
        try {
            api.start("127.0.0.1", 8181);
        } catch (RuntimeException e) {
            api.start("127.0.0.1", 0);
        }
        return api;
    }

    /** Opens a main window, walks a shot's steps on it, and writes what the screen shows. */
    static final class Driver {
        private static final long TIMEOUT_MS = 60_000;
        final ScreenshotsSeed seed;
        final MainWindow window;
        private final Stage stage;
        private Scene target;

        Driver(ConsoleServices services, ScreenshotsSeed seed) {
            this.seed = seed;
            this.stage = call(Stage::new);
            this.window = call(() -> MainWindow.open(services, stage));
            this.target = call(stage::getScene);
        }

        void take(Shot shot, Path file) throws Exception {
            try {
                idle();
                shot.open().open(this);
                idle();
                Thread.sleep(Long.getLong("screenshots.settle", 800)); // transitions, a progress bar's last pulse
                idle();
                WritableImage image = call(() -> target.snapshot(null));
                write(image, file);
            } finally {
                call(() -> {
                    stage.close(); // closes the window's remote consoles and stops its workers
                    return null;
                });
            }
        }

        /** Shows a page as a click on its left-navigation entry would, e.g. "navKeys". */
        Driver page(String navigationId) {
            return fx(() -> window.showPage(navigationId)).idle();
        }

        /** Fires the button or link with this id once it is on screen. */
        Driver click(String id) {
            await(id);
            return fx(() -> ((ButtonBase) node(id)).fire());
        }

        Driver check(String id) {
            await(id);
            return fx(() -> ((CheckBox) node(id)).setSelected(true));
        }

        Driver type(String id, String text) {
            await(id);
            return fx(() -> ((TextField) node(id)).setText(text));
        }

        /** Picks a key by alias in a key selector, once the selector has loaded its keys. */
        @SuppressWarnings("unchecked")
        Driver chooseKey(String id, String alias) {
            await(id);
            until(id + " offers " + alias, () -> option(id, alias).isPresent());
            return fx(() -> option(id, alias).ifPresent(((ComboBox<KeyOption>) node(id))::setValue));
        }

        @SuppressWarnings("unchecked")
        private Optional<KeyOption> option(String id, String alias) {
            return ((ComboBox<KeyOption>) node(id)).getItems().stream()
                    .filter(o -> o != null && alias.equals(o.alias())).findFirst();
        }

        /** Takes the picture of an instance's remote-console window instead, at the same size as the others. */
        Driver remoteConsole(String instanceId) {
            until("the remote console of " + instanceId + " has a frame", () -> window.remoteConsoles()
                    .find(instanceId).map(w -> w.image() != null).orElse(false));
            Stage remote = call(() -> window.remoteConsoles().find(instanceId).orElseThrow().stage());
            fx(() -> {
                remote.setWidth(WIDTH);
                remote.setHeight(HEIGHT);
            });
            target = call(remote::getScene);
            return this;
        }

        /** Waits until a node with this id is in the window. */
        Driver await(String id) {
            until("#" + id + " is on screen", () -> nodeIn(id) != null);
            return this;
        }

        /** Waits until no service call is in flight (three looks in a row) and the screen has been laid out. */
        Driver idle() {
            int quiet = 0;
            long end = System.currentTimeMillis() + TIMEOUT_MS;
            while (quiet < 3) {
                quiet = call(() -> window.session().tasks().runningProperty().get()) == 0 ? quiet + 1 : 0;
                pause(100);
                if (System.currentTimeMillis() > end) {
                    throw new IllegalStateException("service calls still running after " + TIMEOUT_MS + " ms");
                }
            }
            return this;
        }

        Driver fx(Runnable action) {
            call(() -> {
                action.run();
                return null;
            });
            return this;
        }

        /** The node with this id in the main window; ids made of resource ids are no CSS selectors. */
        Node node(String id) {
            Node node = nodeIn(id);
            if (node == null) {
                throw new IllegalStateException("#" + id + " is not on screen");
            }
            return node;
        }

        private Node nodeIn(String id) {
            return find(stage.getScene().getRoot(), id);
        }

        private static Node find(Node node, String id) {
            if (id.equals(node.getId())) {
                return node;
            }
            if (node instanceof Parent parent) {
                for (Node child : parent.getChildrenUnmodifiable()) {
                    Node found = find(child, id);
                    if (found != null) {
                        return found;
                    }
                }
            }
            return null;
        }

        Driver until(String what, Callable<Boolean> condition) {
            long end = System.currentTimeMillis() + TIMEOUT_MS;
            while (!call(condition)) {
                if (System.currentTimeMillis() > end) {
                    throw new IllegalStateException("timed out waiting until " + what);
                }
                pause(100);
            }
            return this;
        }

        private static void pause(long ms) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        /** Runs on the FX thread and returns its result. */
        private static <T> T call(Callable<T> action) {
            CompletableFuture<T> result = new CompletableFuture<>();
            Platform.runLater(() -> {
                try {
                    result.complete(action.call());
                } catch (Throwable e) {
                    result.completeExceptionally(e);
                }
            });
            try {
                return result.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e.getCause() != null ? e.getCause() : e);
            }
        }

        private static void write(WritableImage image, Path file) throws IOException {
            int w = (int) image.getWidth();
            int h = (int) image.getHeight();
            int[] argb = new int[w * h];
            image.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
            BufferedImage rgb = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB); // opaque: smaller files
            rgb.setRGB(0, 0, w, h, argb, 0, w);
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            ImageIO.write(rgb, "png", tmp.toFile());
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
