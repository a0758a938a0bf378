package dev.ecskms.sim.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;

/**
 * The data directory and its single-owner lock. The lock is an OS file lock, so a process killed with -9 leaves
 * nothing that blocks the next start; the lock file only carries the holder's description for the error message.
 */
public final class DataDir implements AutoCloseable {
    private final Path root;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private DataDir(Path root, FileChannel lockChannel, FileLock lock) {
        this.root = root;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    public static Path defaultLocation() {
        return Path.of(System.getProperty("user.home"), ".ecs-kms-console");
    }

    /** Opens (creating if needed) and locks a data dir; fails with {@link DataDirInUseException} if it is held. */
    public static DataDir open(Path root) {
        try {
            // Only a dir that is (or becomes) a data dir is narrowed: --data-dir pointed at a home or shared folder
            // by mistake must not lose its permissions.
            boolean dataDirOnly = !Files.exists(root) || Files.exists(root.resolve("lock")) || isEmpty(root);
            Files.createDirectories(root);
            if (dataDirOnly) {
                restrictToOwner(root);
            }
            Path lockFile = root.resolve("lock");
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                String holder = Files.readString(lockFile, StandardCharsets.UTF_8).trim();
                channel.close();
                throw new DataDirInUseException(root, holder.isEmpty() ? "another process" : holder);
            }
            String me = "process " + ManagementFactory.getRuntimeMXBean().getName() + " since " + Instant.now();
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(me.getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(true);
            restrictToOwner(lockFile);
            return new DataDir(root.toAbsolutePath(), channel, lock);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open data dir " + root + ": " + e.getMessage(), e);
        }
    }

    /**
     * Owner-only permissions (0700 for a directory, 0600 for a file) where the file system has POSIX permissions:
     * the data dir holds key material and disk contents.
     */
    public static void restrictToOwner(Path path) {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix") || !Files.exists(path)) {
            return;
        }
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(
                    Files.isDirectory(path) ? "rwx------" : "rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot restrict " + path + " to its owner: " + e.getMessage(), e);
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (var entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    public Path root() {
        return root;
    }

    public Path resolve(String relative) {
        return root.resolve(relative);
    }

    @Override
    public void close() {
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException ignored) {
            // the OS releases the lock with the process anyway
        }
    }

    public static final class DataDirInUseException extends RuntimeException {
        public DataDirInUseException(Path root, String holder) {
            super("The data dir " + root.toAbsolutePath() + " is in use by " + holder
                    + ". Close that console or server first, or choose another one with --data-dir.");
        }
    }
}
