package dev.ecskms.sim.ecs;

import dev.ecskms.sim.common.ApiException;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.util.List;
import java.util.Locale;

/**
 * What the caller is told when the host cannot store a volume: its file system refuses a file that large (EFBIG),
 * has no space left (ENOSPC) or the user's quota is used up (EDQUOT). One code for all of them, in this one place.
 */
final class HostStorage {
    /**
     * The ECS code for "the used capacity of disk type has exceeded the quota in the zone", HTTP 403 (unconfirmed):
     * the simulator's zone is the host's file system.
     */
    static final String CODE = "QuotaExceed.DiskCapacity";
    static final int HTTP_STATUS = 403;
    private static final List<String> CAPACITY_MESSAGES = List.of("file too large", "no space left",
            "disk quota exceeded", "not enough space", "there is not enough space");

    private HostStorage() {
    }

    /** True when {@code e} says the host cannot hold more (rather than, say, a damaged file or a permission). */
    static boolean isCapacity(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t instanceof FileSystemException f && f.getReason() != null ? f.getReason()
                    : t.getMessage();
            if (message != null) {
                String lower = message.toLowerCase(Locale.ROOT);
                if (CAPACITY_MESSAGES.stream().anyMatch(lower::contains)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The failure of {@code what} (e.g. "create the 65536 GiB volume of disk d-…") as the caller sees it: the
     * capacity code when the host is out of room, else an internal error (500) with the host's reason.
     */
    static RuntimeException failure(String what, IOException e) {
        if (isCapacity(e)) {
            return new ApiException(CODE, HTTP_STATUS, "The host of this simulator cannot " + what + ": its file"
                    + " system refused (" + e.getMessage() + "). Free space on the host, or use a smaller disk.");
        }
        return new IllegalStateException("Cannot " + what + ": " + e.getMessage(), e);
    }
}
