package dev.ecskms.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecskms.sim.common.AccessDeniedException;
import dev.ecskms.sim.common.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A RAM user's refusal as every page and dialog shows it: the missing action, why, whom to ask. */
class AccessDeniedRenderingTest {
    private static final String DISKS = "acs:ecs:cn-hangzhou:1234567890123456:disk/*";

    private static AccessDeniedException denied(AccessDeniedException.DenyType type) {
        return new AccessDeniedException("Forbidden.RAM", "User not authorized to operate on the specified"
                + " resource, or this API doesn't support RAM.", "ecs:CreateDisk", DISKS, "alice", type);
    }

    @Test
    void anExplicitDenyNamesTheActionTheResourceTheDenyAndTheCode() {
        String text = Errors.describe(denied(AccessDeniedException.DenyType.ExplicitDeny));

        assertTrue(text.startsWith("You are not authorized to perform this operation."), text);
        assertTrue(text.contains("Missing permission: ecs:CreateDisk on " + DISKS), text);
        assertTrue(text.contains("Denied by: explicit deny in a policy"), text);
        assertTrue(text.contains("administrator"), text);
        assertTrue(text.contains("alice"), text);
        assertTrue(text.endsWith("Error code: Forbidden.RAM"), text);
        assertTrue(Errors.isAccessDenied(text));
    }

    @Test
    void anImplicitDenySaysNoPolicyAllowsIt() {
        String text = Errors.describe(new CompletionException(denied(AccessDeniedException.DenyType.ImplicitDeny)));

        assertTrue(text.contains("Denied by: no policy allows it"), text);
        assertTrue(text.contains("Attach Policy"), "the hint says where permissions are granted: " + text);
    }

    @Test
    void otherFailuresAreNoRefusal() {
        String text = Errors.describe(new ApiException("InvalidDiskId.NotFound", 404, "The disk does not exist."));
        assertFalse(Errors.isAccessDenied(text));
        assertFalse(Errors.isRefusedLoad(text));
    }

    @Test
    void aRefusedLoadIsMarkedForTheListsPanelAndASuccessfulLoadTakesItBack() {
        ManualTaskRunner tasks = new ManualTaskRunner();
        AtomicBoolean refuse = new AtomicBoolean(true);
        AtomicReference<String> error = new AtomicReference<>();
        List<String> filled = new ArrayList<>();
        PageLoader<String> loader = new PageLoader<String>(tasks, () -> () -> {
            if (refuse.get()) {
                throw denied(AccessDeniedException.DenyType.ImplicitDeny);
            }
            return "rows";
        }, filled::add, "The disks could not be listed", error::set);

        loader.load();
        tasks.finish(0);
        assertTrue(Errors.isRefusedLoad(error.get()), error.get());
        assertTrue(error.get().startsWith("The disks could not be listed (access denied)."), error.get());
        assertTrue(error.get().contains("ecs:CreateDisk"), error.get());

        refuse.set(false); // e.g. switched back to the root identity
        loader.load();
        tasks.finish(0);
        assertNull(error.get(), "the access-denied panel goes when the list may be read again");
        assertEquals(List.of("rows"), filled);
    }

    @Test
    void anOrdinaryFailureStaysAsBefore() {
        ManualTaskRunner tasks = new ManualTaskRunner();
        AtomicReference<String> error = new AtomicReference<>();
        PageLoader<String> loader = new PageLoader<String>(tasks, () -> () -> {
            throw new ApiException("Forbidden.KeyNotFound", 404, "The key does not exist.");
        }, x -> { }, "The keys could not be listed", error::set);
        loader.load();
        tasks.finish(0);
        assertEquals("The keys could not be listed: The key does not exist.\nError code: Forbidden.KeyNotFound",
                error.get());
    }
}
