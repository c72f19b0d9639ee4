package org.kohogateway.gateway.dispatch;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.kohogateway.gateway.GatewayApplication;
import org.kohogateway.gateway.demo.EmbeddedDatabase;
import org.kohogateway.gateway.demo.SimulatedPlatforms;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Another gateway process for the crash and multi-instance tests: a child JVM on the test's class path, the same
 * embedded database and simulated platforms, its own dispatcher on the real clock and its own HTTP port. Small on
 * purpose (256 MiB heap, C1 only, serial GC, logging at WARN): the machine has two cores for the whole suite.
 */
public final class ChildGateway implements AutoCloseable {

    private static final Path DIRECTORY = Path.of("target", "child-gateways");

    private final String instance;
    private final Process process;
    private final Path log;
    private final Path portFile;

    private ChildGateway(String instance, Process process, Path log, Path portFile) {
        this.instance = instance;
        this.process = process;
        this.log = log;
        this.portFile = portFile;
    }

    /**
     * Starts a child gateway named {@code instance} (its {@code gateway.dispatch.instance-id}); it logs to
     * {@code target/child-gateways/<instance>.log}.
     *
     * @param properties more {@code gateway.*} or Spring properties for this instance; they replace the simulated
     *                   platforms' properties of the same name (another simulator)
     */
    public static ChildGateway start(String instance, Map<String, String> properties) {
        try {
            Files.createDirectories(DIRECTORY);
            Path log = DIRECTORY.resolve(instance + ".log");
            Path portFile = DIRECTORY.resolve(instance + ".port");
            Files.deleteIfExists(portFile);
            List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                    "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    "-cp", System.getProperty("java.class.path"), ChildGateway.class.getName(),
                    EmbeddedDatabase.jdbcUrl(), instance, portFile.toString()));
            // a property given twice on Spring's command line reads as both values joined by a comma: the caller's wins
            SimulatedPlatforms.shared().properties().forEach((k, v) -> {
                if (!properties.containsKey(k)) {
                    command.add("--" + k + "=" + v);
                }
            });
            properties.forEach((k, v) -> command.add("--" + k + "=" + v));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new ChildGateway(instance, process, log, portFile);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start child gateway " + instance, e);
        }
    }

    /** Waits until the child has started (its HTTP port is open) and returns that port. */
    public int awaitStarted(Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(200))
                .until(() -> !process.isAlive() || Files.exists(portFile));
        if (!Files.exists(portFile)) {
            throw new IllegalStateException("child gateway " + instance + " ended with exit code "
                    + process.exitValue() + " before it started; see " + log.toAbsolutePath());
        }
        try {
            return Integer.parseInt(Files.readString(portFile).strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String instance() {
        return instance;
    }

    /** The process id, for signals beyond {@link #kill()} (a chaos test stops and continues the process). */
    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** What the child logged so far. */
    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGKILL: the process dies wherever it is, as in a crash. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, so the child shuts down gracefully; SIGKILL if it has not ended after 30 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            kill();
        }
    }

    /**
     * @param args JDBC URL, instance id, the file to write the HTTP port to once started, then {@code --name=value}
     *             properties
     */
    public static void main(String[] args) throws IOException {
        List<String> arguments = new ArrayList<>(List.of(
                "--spring.datasource.url=" + args[0],
                "--gateway.dispatch.instance-id=" + args[1],
                "--gateway.dispatch.enabled=true",
                "--gateway.credentials.key=" + IntegrationTest.TEST_CREDENTIALS_KEY,
                "--server.port=0",
                "--spring.main.banner-mode=off",
                "--logging.level.root=WARN"));
        arguments.addAll(List.of(args).subList(3, args.length));
        ConfigurableApplicationContext context = SpringApplication.run(GatewayApplication.class,
                arguments.toArray(String[]::new));
        // written whole and then moved, so the parent never reads half a number
        Path portFile = Path.of(args[2]);
        Path written = Files.writeString(portFile.resolveSibling(portFile.getFileName() + ".tmp"),
                context.getEnvironment().getRequiredProperty("local.server.port"));
        Files.move(written, portFile, StandardCopyOption.ATOMIC_MOVE);
    }
}
