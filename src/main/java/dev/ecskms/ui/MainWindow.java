package dev.ecskms.ui;

import atlantafx.base.theme.PrimerLight;
import dev.ecskms.sim.common.ChangeFeed;
import dev.ecskms.ui.billing.BillingPage;
import dev.ecskms.ui.common.ConsolePage;
import dev.ecskms.ui.common.FxTaskRunner;
import dev.ecskms.ui.common.ConsoleSession;
import dev.ecskms.ui.common.ModalHost;
import dev.ecskms.ui.common.WindowFocus;
import dev.ecskms.ui.disks.DisksPage;
import dev.ecskms.ui.encryption.DiskEncryptionPage;
import dev.ecskms.ui.images.ImagesPage;
import dev.ecskms.ui.instances.InstancesPage;
import dev.ecskms.ui.kms.KeysPage;
import dev.ecskms.ui.labs.LabsPage;
import dev.ecskms.ui.oos.ExecutionsPage;
import dev.ecskms.ui.oos.TemplatesPage;
import dev.ecskms.ui.ram.groups.GroupsPage;
import dev.ecskms.ui.ram.policies.PoliciesPage;
import dev.ecskms.ui.ram.roles.RolesPage;
import dev.ecskms.ui.ram.users.UsersPage;
import dev.ecskms.ui.snapshots.SnapshotsPage;
import dev.ecskms.ui.trail.EventQueryPage;
import dev.ecskms.ui.shell.ShellController;
import dev.ecskms.ui.shell.ShellModel;
import dev.ecskms.ui.shell.ShellView;
import dev.ecskms.ui.vnc.RemoteConsoles;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import javafx.application.Application;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.scene.text.Font;
import javafx.stage.Screen;
import javafx.stage.Stage;

/** Builds the console window on a stage: theme, shell, pages and the dialog layer. */
public final class MainWindow {
    public static final String STYLESHEET = "/assets/console.css";
    /** The smallest window: a 1024 × 640 content area leaves room for the left navigation and a list's columns. */
    public static final double MIN_WIDTH = 1024;
    public static final double MIN_HEIGHT = 640;
    private static final List<String> PREFERRED_FONTS = List.of("Segoe UI", "Helvetica Neue", "Helvetica", "Arial",
            "Liberation Sans", "Nimbus Sans", "Noto Sans", "Ubuntu", "Cantarell");

    private final ConsoleSession session;
    private final ShellController shellController;
    private final FxTaskRunner tasks;
    private final StackPane root;
    private final RemoteConsoles remoteConsoles = new RemoteConsoles();
    private final InstancesPage instancesPage;
    // Built when first shown or linked to: the first frame needs only the first page.
    private final LazyPage<KeysPage> keysPage;
    private final LazyPage<DisksPage> disksPage;
    private final LazyPage<SnapshotsPage> snapshotsPage;
    private final LazyPage<DiskEncryptionPage> diskEncryptionPage;
    private final LazyPage<EventQueryPage> trailPage;
    private final LazyPage<ImagesPage> imagesPage;
    private final LazyPage<TemplatesPage> oosTemplatesPage;
    private final LazyPage<ExecutionsPage> oosExecutionsPage;
    private final LazyPage<UsersPage> ramUsersPage;
    private final LazyPage<GroupsPage> ramGroupsPage;
    private final LazyPage<PoliciesPage> ramPoliciesPage;
    private final LazyPage<RolesPage> ramRolesPage;
    private final LazyPage<LabsPage> labsPage;
    private final LazyPage<BillingPage> billingPage;
    private final ShellView shell;

    private MainWindow(ConsoleServices services) {
        this.tasks = new FxTaskRunner();
        ModalHost modals = new ModalHost();
        this.session = new ConsoleSession(services, tasks, modals);
        ShellModel shellModel = new ShellModel();
        this.shellController = new ShellController(session, shellModel);
        this.shell = new ShellView(session, shellModel, shellController);
        this.instancesPage = new InstancesPage(session, remoteConsoles);
        this.keysPage = new LazyPage<>(() -> new KeysPage(session));
        this.disksPage = new LazyPage<>(() -> new DisksPage(session));
        this.snapshotsPage = new LazyPage<>(() -> new SnapshotsPage(session));
        this.diskEncryptionPage = new LazyPage<>(() -> new DiskEncryptionPage(session));
        this.trailPage = new LazyPage<>(() -> new EventQueryPage(session));
        this.imagesPage = new LazyPage<>(() -> new ImagesPage(session));
        this.oosTemplatesPage = new LazyPage<>(() -> new TemplatesPage(session));
        this.oosExecutionsPage = new LazyPage<>(() -> new ExecutionsPage(session));
        this.ramUsersPage = new LazyPage<>(() -> new UsersPage(session));
        this.ramGroupsPage = new LazyPage<>(() -> new GroupsPage(session));
        this.ramPoliciesPage = new LazyPage<>(() -> new PoliciesPage(session));
        this.ramRolesPage = new LazyPage<>(() -> new RolesPage(session));
        this.labsPage = new LazyPage<>(() -> new LabsPage(session));
        this.billingPage = new LazyPage<>(() -> new BillingPage(session));
        session.setNavigator(new Navigation());
        shell.addNavigationGroup("Elastic Compute Service");
        shell.addNavigationSubgroup("Instances & Images",
                new ShellView.NavigationItem("navInstances", "Instances", instancesPage),
                new ShellView.NavigationItem("navImages", "Images", imagesPage));
        shell.addNavigationSubgroup("Block Storage",
                new ShellView.NavigationItem("navDisks", "Disks", disksPage),
                new ShellView.NavigationItem("navSnapshots", "Snapshots", snapshotsPage));
        shell.addNavigationGroup(null,
                new ShellView.NavigationItem("navDiskEncryption", "Disk Encryption", diskEncryptionPage));
        shell.addNavigationGroup("Key Management Service",
                new ShellView.NavigationItem("navKeys", "Keys", keysPage));
        shell.addNavigationGroup("Operation Orchestration",
                new ShellView.NavigationItem("navOosTemplates", "Public Templates", oosTemplatesPage),
                new ShellView.NavigationItem("navOosExecutions", "Executions", oosExecutionsPage));
        shell.addNavigationGroup("ActionTrail",
                new ShellView.NavigationItem("navTrail", "Event Query", trailPage));
        shell.addNavigationGroup(null, new ShellView.NavigationItem("navBilling", "Billing", billingPage));
        shell.addNavigationGroup("RAM",
                new ShellView.NavigationItem("navRamUsers", "Users", ramUsersPage),
                new ShellView.NavigationItem("navRamGroups", "User Groups", ramGroupsPage),
                new ShellView.NavigationItem("navRamPolicies", "Policies", ramPoliciesPage),
                new ShellView.NavigationItem("navRamRoles", "Roles", ramRolesPage));
        if (services.labs() != null) { // a console made without labs shows no Labs page (nor does its welcome)
            shell.addNavigationGroup("Guided Labs",
                    new ShellView.NavigationItem("navLabs", "Labs", labsPage));
        }
        this.root = new StackPane(shell, modals);
        root.getStyleClass().add("console-root");
        root.setStyle("-fx-font-family: \"" + uiFontFamily() + "\";");
    }

    /**
     * The first installed font of those the web console's stack names (or their metric clones), so dense tables
     * fit; JavaFX CSS takes only one family, hence the choice in code.
     */
    static String uiFontFamily() {
        List<String> installed = Font.getFamilies();
        return PREFERRED_FONTS.stream().filter(installed::contains).findFirst()
                .orElse(Font.getDefault().getFamily());
    }

    /** Builds the window on {@code stage}, shows it and starts the clock; closing the stage stops the workers. */
    public static MainWindow open(ConsoleServices services, Stage stage) {
        Objects.requireNonNull(services, "services");
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        MainWindow window = new MainWindow(services);
        // As large as a common laptop screen, but never larger than this screen.
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(window.root, Math.min(1366, screen.getWidth()), Math.min(768, screen.getHeight()));
        scene.getStylesheets().add(Objects.requireNonNull(MainWindow.class.getResource(STYLESHEET),
                STYLESHEET + " is missing from the classpath").toExternalForm());
        stage.setScene(scene);
        // Every page is laid out to show its text uncut from this size up (the top bar drops its product title).
        stage.setMinWidth(Math.min(MIN_WIDTH, screen.getWidth()));
        stage.setMinHeight(Math.min(MIN_HEIGHT, screen.getHeight()));
        stage.setTitle("ECS / KMS Console (simulator) — account " + services.accountId());
        stage.setOnHidden(event -> window.close());
        window.remoteConsoles.setOwner(stage);
        WindowFocus.clickToFocus(stage);
        window.shellController.start();
        stage.show();
        return window;
    }

    public Parent root() {
        return root;
    }

    public ConsoleSession session() {
        return session;
    }

    public InstancesPage instancesPage() {
        return instancesPage;
    }

    /** The open remote-connection windows. */
    public RemoteConsoles remoteConsoles() {
        return remoteConsoles;
    }

    public KeysPage keysPage() {
        return keysPage.page();
    }

    public DisksPage disksPage() {
        return disksPage.page();
    }

    public SnapshotsPage snapshotsPage() {
        return snapshotsPage.page();
    }

    public EventQueryPage trailPage() {
        return trailPage.page();
    }

    public ImagesPage imagesPage() {
        return imagesPage.page();
    }

    public TemplatesPage oosTemplatesPage() {
        return oosTemplatesPage.page();
    }

    public BillingPage billingPage() {
        return billingPage.page();
    }

    public ExecutionsPage oosExecutionsPage() {
        return oosExecutionsPage.page();
    }

    public UsersPage ramUsersPage() {
        return ramUsersPage.page();
    }

    public GroupsPage ramGroupsPage() {
        return ramGroupsPage.page();
    }

    public PoliciesPage ramPoliciesPage() {
        return ramPoliciesPage.page();
    }

    public RolesPage ramRolesPage() {
        return ramRolesPage.page();
    }

    public LabsPage labsPage() {
        return labsPage.page();
    }

    /**
     * The first-run welcome (data dir, endpoint, AccessKey) over the console, unless it was dismissed on this data
     * dir; the launcher's path only, so windows made by tests on fresh data dirs open without it.
     */
    public dev.ecskms.ui.welcome.WelcomeView showWelcome(dev.ecskms.ui.welcome.WelcomeFacts facts) {
        return dev.ecskms.ui.welcome.Welcome.showIfFirstRun(session, facts);
    }

    /** Scrolls the left navigation to an entry, e.g. before a test clicks it in a low window. */
    public void revealNavigation(String navigationId) {
        shell.revealNavigation(navigationId);
    }

    /** Shows a page as a click on its navigation entry would, e.g. "navKeys". */
    public void showPage(String navigationId) {
        shell.select(navigationId);
    }

    /** Links between pages: a disk's key opens in KMS, a snapshot's Create Disk opens the wizard on Disks. */
    private final class Navigation implements ConsoleSession.Navigator {
        @Override
        public void openKey(String keyId) {
            shell.select("navKeys");
            keysPage().showKey(keyId);
        }

        @Override
        public void openDisk(String diskId) {
            shell.select("navDisks");
            disksPage().showDetails(diskId);
        }

        @Override
        public void openInstance(String instanceId) {
            shell.select("navInstances");
            instancesPage.showDetails(instanceId);
        }

        @Override
        public void openTrail(dev.ecskms.sim.trail.TrailFilter filter) {
            trailPage.page().open(filter);
            shell.select("navTrail");
        }

        @Override
        public void createImageFromInstance(String instanceId) {
            shell.select("navImages");
            imagesPage().openCreateImage(instanceId);
        }

        @Override
        public void openExecution(String executionId) {
            shell.select("navOosExecutions");
            oosExecutionsPage().showExecution(executionId);
        }

        @Override
        public void createDiskFromSnapshot(String snapshotId) {
            shell.select("navDisks");
            disksPage().openCreateDisk(snapshotId);
        }

        @Override
        public Runnable labs() { // the guided labs, once a page registers in the navigation as "navLabs"
            return shell.lookup("#navLabs") == null ? null : () -> shell.select("navLabs");
        }
    }

    /** A page made on first use: when the shell shows it or a link leads to it. Passes on every ConsolePage call. */
    private static final class LazyPage<P extends ConsolePage> implements ConsolePage {
        private final Supplier<P> make;
        private P page;

        LazyPage(Supplier<P> make) {
            this.make = make;
        }

        P page() {
            if (page == null) {
                page = make.get();
            }
            return page;
        }

        @Override
        public String breadcrumb() {
            return page().breadcrumb();
        }

        @Override
        public Node view() {
            return page().view();
        }

        @Override
        public void refresh() {
            page().refresh();
        }

        @Override
        public Set<ChangeFeed.Topic> changeTopics() {
            return page().changeTopics();
        }

        @Override
        public void open() {
            page().open();
        }

        @Override
        public void regionChanged() {
            page().regionChanged();
        }
    }

    public void close() {
        remoteConsoles.closeAll();
        shellController.stop();
        tasks.close();
    }
}
