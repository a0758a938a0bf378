package dev.ecskms.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecskms.sim.common.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The one guarded load every page uses: loading flag, newest load wins, the service's error on failure. */
class PageLoaderTest {
    private final ManualTaskRunner tasks = new ManualTaskRunner();
    private final List<String> filled = new ArrayList<>();
    private final List<Boolean> loading = new ArrayList<>();
    private final AtomicReference<String> error = new AtomicReference<>();
    private final AtomicReference<String> source = new AtomicReference<>("first");

    private PageLoader<String> loader(boolean failing) {
        return new PageLoader<String>(tasks, () -> {
            String taken = source.get(); // taken when the load starts, as a controller takes the region
            return () -> {
                if (failing) {
                    throw new ApiException("Forbidden.KeyNotFound", 404, "The key does not exist.");
                }
                return taken;
            };
        }, filled::add, "The keys could not be listed", error::set).showingLoading(loading::add)
                .clearingOnFailure(() -> filled.add("cleared"));
    }

    @Test
    void aLoadFillsTheModelAndLowersTheLoadingFlag() {
        PageLoader<String> loader = loader(false);
        loader.load();
        assertEquals(List.of(true), loading, "the flag is up while the read runs");
        tasks.finish(0);
        assertEquals(List.of("first"), filled);
        assertEquals(List.of(true, false), loading);
        assertNull(error.get());
    }

    @Test
    void onlyTheNewestLoadFillsTheModelWhateverOrderTheAnswersArriveIn() {
        PageLoader<String> loader = loader(false);
        loader.load();
        source.set("second");
        loader.load();
        tasks.finish(1); // the newer answer first
        tasks.finish(0); // then the slow answer of the older load, which must not overwrite it
        assertEquals(List.of("second"), filled);
        assertEquals(List.of(true, true, false), loading, "the flag falls once, with the newest answer");
    }

    @Test
    void aFailureClearsWhatWasShownAndShowsTheServicesMessageAndCode() {
        PageLoader<String> loader = loader(true);
        loader.load();
        tasks.finish(0);
        assertEquals(List.of("cleared"), filled);
        assertEquals(List.of(true, false), loading);
        assertEquals("The keys could not be listed: The key does not exist.\nError code: Forbidden.KeyNotFound",
                error.get());
    }

    @Test
    void aFailureOfAnOlderLoadDoesNotHideTheNewerAnswer() {
        AtomicReference<Boolean> fail = new AtomicReference<>(true);
        PageLoader<String> loader = new PageLoader<String>(tasks, () -> {
            boolean failing = fail.get();
            return () -> {
                if (failing) {
                    throw new ApiException("InternalError", 500, "boom");
                }
                return "fresh";
            };
        }, filled::add, "The disks could not be listed", error::set);
        loader.load();
        fail.set(false);
        loader.load();
        tasks.finish(1);
        tasks.finish(0);
        assertEquals(List.of("fresh"), filled);
        assertNull(error.get());
    }

    @Test
    void theDirectRunnerFinishesALoadBeforeLoadReturns() {
        DirectTaskRunner direct = new DirectTaskRunner();
        List<Integer> seen = new ArrayList<>();
        PageLoader<Integer> loader = new PageLoader<>(direct, () -> () -> 42, seen::add, "x", error::set);
        loader.load();
        assertEquals(List.of(42), seen);
        assertEquals(0, direct.runningProperty().get());
        assertTrue(direct.idle());
        assertEquals(1, direct.started());
    }
}
