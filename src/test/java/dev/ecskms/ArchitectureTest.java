package dev.ecskms;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.ecskms.ui.MainWindow;
import dev.ecskms.ui.common.FxTaskRunner;
import dev.ecskms.ui.common.NewestAnswer;
import java.util.Set;

/** The layer direction of DESIGN.md: app → ui, api → sim; ui and api reach state only through sim's services. */
@AnalyzeClasses(packages = "dev.ecskms", importOptions = ArchitectureTest.MainClassesOnly.class)
class ArchitectureTest {

    /** Main classes only, whatever the build dir is called (parallel builds use target-*). */
    static final class MainClassesOnly implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("/test-classes/");
        }
    }

    @ArchTest
    static final ArchRule simKnowsNoFacesAndNoWiring = noClasses().that().resideInAPackage("dev.ecskms.sim..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.ecskms.ui..", "dev.ecskms.api..",
                    "dev.ecskms.app..", "javafx..", "com.sun.net.httpserver..", "org.eclipse.jetty..",
                    "java.net.http..")
            .because("the simulator is plain Java: no JavaFX, no HTTP");

    @ArchTest
    static final ArchRule uiDoesNotUseTheApiOrTheWiring = noClasses().that().resideInAPackage("dev.ecskms.ui..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.ecskms.api..", "dev.ecskms.app..")
            .because("a click and a signed request both end in sim's services");

    @ArchTest
    static final ArchRule apiDoesNotUseTheUiOrTheWiring = noClasses().that().resideInAPackage("dev.ecskms.api..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.ecskms.ui..", "dev.ecskms.app..", "javafx..");

    @ArchTest
    static final ArchRule facesDoNotTouchStorageOrKeyCrypto = noClasses().that()
            .resideInAnyPackage("dev.ecskms.ui..", "dev.ecskms.api..")
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "org.h2..", "org.flywaydb..",
                    "dev.ecskms.sim.store..", "org.bouncycastle..")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("javax.crypto.Cipher")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.ecskms.sim.kms.Hsm")
            .because("ui and api never touch H2, files or key crypto directly (the API's HMAC signature check is wire protocol)");

    /**
     * Changes flow one way: pages learn of changes from the simulator's change feed, never by polling. Timers are
     * left to the remote console (its framebuffer frame clock) and the top bar's clock display (it reads the
     * simulated clock, no service); anything else in ui that schedules work fails here.
     */
    @ArchTest
    static final ArchRule pagesDoNotPoll = noClasses().that().resideInAPackage("dev.ecskms.ui..")
            .and().resideOutsideOfPackage("dev.ecskms.ui.vnc..")
            .and().doNotHaveFullyQualifiedName("dev.ecskms.ui.shell.ShellController")
            // a success message hides itself after a few seconds: a display timer that reads no service
            .and().doNotHaveFullyQualifiedName("dev.ecskms.ui.common.NoticeBanner")
            // measurement only (-Decskms.probe): it pauses between the page switches it times
            .and().doNotHaveFullyQualifiedName("dev.ecskms.ui.StartupProbe")
            .should().dependOnClassesThat().haveFullyQualifiedName("javafx.animation.Timeline")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("javafx.animation.PauseTransition")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("javafx.animation.AnimationTimer")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("javafx.concurrent.ScheduledService")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.Timer")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.concurrent.ScheduledExecutorService")
            .because("pages reload when the change feed reports a change (LiveReload), not on a timer");

    /** A view: a node on screen, or a page or window that builds one. */
    static final DescribedPredicate<JavaClass> VIEWS = describe("views (nodes, *View, *Page, *Window)",
            c -> c.getPackageName().startsWith("dev.ecskms.ui") && (c.isAssignableTo("javafx.scene.Node")
                    || c.getSimpleName().endsWith("View") || c.getSimpleName().endsWith("Page")
                    || c.getSimpleName().endsWith("Window")));

    /** The services of sim that the console calls (ConsoleServices' members). */
    static final DescribedPredicate<JavaClass> SIM_SERVICES = describe("sim's services", c -> Set.of(
            "dev.ecskms.sim.kms.KmsService", "dev.ecskms.sim.ecs.EcsService", "dev.ecskms.sim.ecs.InstanceService",
            "dev.ecskms.sim.ram.RamService", "dev.ecskms.sim.ram.AccountService").contains(c.getName()));

    /**
     * MVC: a view binds to its model and hands the user's actions to its controller (or a page's shared actions);
     * only those call the services and start background work. A view that loads for itself needs a window to be
     * tested and hand-writes its own guarded loading; a controller gets fast tests with the direct task runner.
     */
    @ArchTest
    static final ArchRule viewsDoNotCallServices = noClasses().that(VIEWS)
            .should().callMethodWhere(describe("a method of " + SIM_SERVICES.getDescription(),
                    call -> SIM_SERVICES.test(call.getTargetOwner())))
            .orShould().callMethod("dev.ecskms.ui.common.TaskRunner", "run", "java.util.concurrent.Callable",
                    "java.util.function.Consumer", "java.util.function.Consumer")
            .orShould().callMethod("dev.ecskms.ui.common.TaskRunner", "runVoid", "java.lang.Runnable",
                    "java.lang.Runnable", "java.util.function.Consumer")
            .because("views render models; controllers and actions call the services in the background");

    /**
     * The FX task runner is the app's; everything else takes the {@code TaskRunner} interface from the session, so
     * the same controllers run with the direct runner in tests.
     */
    @ArchTest
    static final ArchRule onlyTheMainWindowCreatesTheFxRunner = noClasses().that()
            .resideInAPackage("dev.ecskms.ui..")
            .and().doNotBelongToAnyOf(MainWindow.class, FxTaskRunner.class)
            .should().dependOnClassesThat().haveFullyQualifiedName("dev.ecskms.ui.common.FxTaskRunner")
            .because("controllers see the TaskRunner interface: the FX runner in the app, a direct one in tests");

    /**
     * Background work goes through the task runner (and so shows in the status bar's spinner and is testable):
     * no page starts its own threads or JavaFX tasks. The remote console keeps its one ordered worker for the
     * guest's keyboard and framebuffer.
     */
    @ArchTest
    static final ArchRule backgroundWorkGoesThroughTheTaskRunner = noClasses().that()
            .resideInAPackage("dev.ecskms.ui..")
            .and().doNotBelongToAnyOf(FxTaskRunner.class)
            .and().doNotHaveFullyQualifiedName("dev.ecskms.ui.vnc.RemoteConsoleController")
            // opens the data dir behind the first frame, before any page or task runner exists
            .and().doNotHaveFullyQualifiedName("dev.ecskms.ui.ConsoleApplication")
            .should().dependOnClassesThat().haveFullyQualifiedName("javafx.concurrent.Task")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("javafx.concurrent.Service")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.concurrent.ExecutorService")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.concurrent.Executors")
            .orShould().callConstructor(Thread.class, Runnable.class)
            .orShould().callConstructor(Thread.class, Runnable.class, String.class)
            .because("the TaskRunner is the one way off the UI thread");

    /**
     * Page models are plain state that controllers fill and views bind to: no nodes, no services, so a controller
     * test needs no window.
     */
    @ArchTest
    static final ArchRule modelsArePlainState = noClasses().that().resideInAPackage("dev.ecskms.ui..")
            .and().haveSimpleNameEndingWith("Model")
            .should().dependOnClassesThat().resideInAPackage("javafx.scene..")
            .orShould().dependOnClassesThat(SIM_SERVICES)
            .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.ecskms.ui.common.ConsoleSession")
            .because("a model is what the view shows, filled by the controller");

    /**
     * "Only the newest load may fill the model" is written once, in {@code NewestAnswer} (under every page's
     * {@code PageLoader} and the forms' previews). This catches a hand-written copy by the counter it needs.
     */
    @ArchTest
    static final ArchRule theNewestAnswerGuardIsWrittenOnce = noFields().that()
            .areDeclaredInClassesThat().resideInAPackage("dev.ecskms.ui..")
            .and().areNotDeclaredIn(NewestAnswer.class)
            .should().haveNameMatching("(?i).*generation.*")
            .because("pages load through PageLoader and previews through NewestAnswer");
}
