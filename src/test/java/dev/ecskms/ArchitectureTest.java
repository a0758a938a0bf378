package dev.ecskms;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

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
            .should().dependOnClassesThat().haveFullyQualifiedName("javafx.animation.Timeline")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("javafx.animation.PauseTransition")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("javafx.animation.AnimationTimer")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("javafx.concurrent.ScheduledService")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.Timer")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.concurrent.ScheduledExecutorService")
            .because("pages reload when the change feed reports a change (LiveReload), not on a timer");
}
