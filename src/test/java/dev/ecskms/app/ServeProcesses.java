package dev.ecskms.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyuncs.AcsRequest;
import com.aliyuncs.AcsResponse;
import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.profile.DefaultProfile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code serve} started as a real process on a data dir, and the official SDK pointed at it. */
final class ServeProcesses {
    static final String ID = "LTAIserveProcessTest";
    static final String SECRET = "serve-process-test-secret";
    private static final Pattern ENDPOINT = Pattern.compile("Endpoint:\\s+https?://(\\S+)");

    private ServeProcesses() {
    }

    /** A running serve process; its output keeps being collected until it exits. */
    record Served(Process process, String endpoint, List<String> output, Thread drain) {
        String outputAfterExit() throws InterruptedException {
            drain.join(30_000); // the pipe closes when the process exits
            return String.join("\n", output);
        }
    }

    /** serve with the secret in its environment, where other local users cannot read it. */
    static Served serve(Path dataDir) throws IOException {
        ProcessBuilder builder = serveCommand(dataDir, "--access-key-id", ID);
        builder.environment().put(SimulatorOptions.SECRET_ENV, SECRET);
        return serve(builder);
    }

    static ProcessBuilder serveCommand(Path dataDir, String... options) {
        List<String> command = new ArrayList<>(List.of(javaBin(), "-cp", System.getProperty("java.class.path"),
                Launcher.class.getName(), "serve", "--data-dir", dataDir.toString(), "--port", "0"));
        command.addAll(List.of(options));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove(SimulatorOptions.SECRET_ENV);
        return builder;
    }

    static Served serve(ProcessBuilder builder) throws IOException {
        Process p = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        List<String> lines = new CopyOnWriteArrayList<>();
        String endpoint = null;
        for (String line; (line = out.readLine()) != null; ) {
            lines.add(line);
            Matcher m = ENDPOINT.matcher(line);
            if (m.find()) {
                endpoint = m.group(1);
            }
            if (line.startsWith("Serving.")) {
                break;
            }
        }
        assertTrue(endpoint != null, "serve printed no endpoint: " + lines);
        Thread drain = new Thread(() -> out.lines().forEach(lines::add));
        drain.setDaemon(true);
        drain.start();
        return new Served(p, endpoint, lines, drain);
    }

    static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static <T extends AcsResponse> T call(String endpoint, AcsRequest<T> request) throws Exception {
        request.setSysEndpoint(endpoint);
        request.setSysProtocol(ProtocolType.HTTP);
        return new DefaultAcsClient(DefaultProfile.getProfile("cn-hangzhou", ID, SECRET)).getAcsResponse(request);
    }
}
