package dev.ecskms.sim.labs;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Finds the lab files: the built-in ones packaged like the console's CSS ({@code /assets/labs/*.lab} on the
 * classpath, from the source tree's {@code assets/labs/}) and a trainer's own in {@code <data dir>/labs/}, read
 * anew on each call so that a file dropped there shows without a restart. A user file with a built-in's name
 * replaces it.
 */
public final class LabCatalog {
    public static final String RESOURCE_DIR = "/assets/labs/";
    public static final String BUILT_IN = "built-in";
    private final Path userDir;

    /** @param userDir the trainer's folder (may not exist yet); null for built-in labs only */
    public LabCatalog(Path userDir) {
        this.userDir = userDir;
    }

    public Path userDir() {
        return userDir;
    }

    public List<LabService.LabEntry> load() {
        Map<String, LabService.LabEntry> byId = new TreeMap<>();
        for (Map.Entry<String, String> file : builtInFiles().entrySet()) {
            byId.put(LabParser.idOf(file.getKey()), entry(file.getKey(), BUILT_IN, file.getValue()));
        }
        if (userDir != null && Files.isDirectory(userDir)) {
            try (Stream<Path> files = Files.list(userDir)) {
                for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".lab")).sorted().toList()) {
                    String name = file.getFileName().toString();
                    String text;
                    try {
                        text = Files.readString(file, StandardCharsets.UTF_8);
                    } catch (IOException | RuntimeException e) {
                        byId.put(LabParser.idOf(name), new LabService.LabEntry(LabParser.idOf(name), name,
                                userDir.toString(), null, new LabFileException(name, 0, "cannot be read: "
                                        + e.getMessage())));
                        continue;
                    }
                    byId.put(LabParser.idOf(name), entry(name, userDir.toString(), text));
                }
            } catch (IOException e) {
                // an unreadable folder: the built-in labs still show
            }
        }
        return new ArrayList<>(byId.values());
    }

    private static LabService.LabEntry entry(String fileName, String origin, String text) {
        String id = LabParser.idOf(fileName);
        try {
            return new LabService.LabEntry(id, fileName, origin, LabParser.parse(fileName, origin, text), null);
        } catch (LabFileException e) {
            return new LabService.LabEntry(id, fileName, origin, null, e);
        }
    }

    /** The packaged lab files by name, from a directory (a build's classes) or the jar. */
    static Map<String, String> builtInFiles() {
        Map<String, String> files = new TreeMap<>();
        URL url = LabCatalog.class.getResource(RESOURCE_DIR);
        if (url == null) {
            return files;
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                FileSystem fs;
                boolean opened = false;
                try {
                    fs = FileSystems.getFileSystem(uri);
                } catch (FileSystemNotFoundException e) {
                    fs = FileSystems.newFileSystem(uri, Map.of());
                    opened = true;
                }
                try {
                    read(fs.getPath(RESOURCE_DIR), files);
                } finally {
                    if (opened) {
                        fs.close();
                    }
                }
            } else {
                read(Path.of(uri), files);
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            // nothing packaged can be listed: only the user's labs show
        }
        return files;
    }

    private static void read(Path dir, Map<String, String> files) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            for (Path file : list.filter(f -> f.getFileName().toString().endsWith(".lab")).toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    files.put(file.getFileName().toString(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
    }
}
