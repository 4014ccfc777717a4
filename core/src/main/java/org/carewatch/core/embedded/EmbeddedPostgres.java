package org.carewatch.core.embedded;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server run from the bundled binaries, keeping its data in a folder so a restart loses
 * nothing. PostgreSQL refuses to run as root; when this JVM is root the server runs in a new user
 * namespace ({@code unshare --user}) where it is an unprivileged user, while its files stay ours.
 */
public final class EmbeddedPostgres implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgres.class);
    public static final String USER = "carewatch";

    private final Path folder;
    private final int port;
    private final String password;
    private final Process process;

    private EmbeddedPostgres(Path folder, int port, String password, Process process) {
        this.folder = folder;
        this.port = port;
        this.password = password;
        this.process = process;
    }

    /**
     * Starts (initialising on first use) the server whose data lives in {@code folder}.
     *
     * @param port 0 for a free port
     */
    public static EmbeddedPostgres start(Path folder, int port, Duration timeout) throws IOException {
        Path bin = PostgresBinaries.unpacked().resolve("bin");
        Files.createDirectories(folder);
        Path pgdata = folder.resolve("pgdata");
        String password = passwordIn(folder);
        if (!Files.exists(pgdata.resolve("PG_VERSION"))) {
            initdb(bin, folder, pgdata, password);
        }
        StalePostmaster.stopIfRunning(pgdata);
        int chosen = port == 0 ? freePort() : requireFree(port);
        List<String> cmd = command(bin.resolve("postgres"), "-D", pgdata.toString(), "-p", String.valueOf(chosen),
                "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=",
                "-c", "max_connections=200", "-c", "timezone=UTC");
        Path logFile = folder.resolve("postgres.log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
        EmbeddedPostgres pg = new EmbeddedPostgres(folder, chosen, password, p);
        pg.awaitReady(timeout, logFile);
        pg.createDatabase("carewatch");
        log.info("embedded PostgreSQL ready on 127.0.0.1:{} (data in {})", chosen, pgdata);
        return pg;
    }

    public int port() {
        return port;
    }

    public String user() {
        return USER;
    }

    public String password() {
        return password;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Creates a database when it does not exist yet. */
    public void createDatabase(String name) {
        if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("database name must be lower-case letters, digits and '_': " + name);
        }
        try (Connection c = connect("postgres"); var st = c.createStatement();
             var rs = st.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
            if (!rs.next()) {
                st.execute("CREATE DATABASE " + name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
    }

    public Connection connect(String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", USER);
        props.setProperty("password", password);
        return DriverManager.getConnection(jdbcUrl(database), props);
    }

    /** Fast shutdown: active connections are rolled back, the data is flushed. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        try {
            new ProcessBuilder("kill", "-INT", String.valueOf(process.pid())).start().waitFor(5, TimeUnit.SECONDS);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                log.warn("embedded PostgreSQL did not stop in 30 s; killing it");
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            process.destroy();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        log.info("embedded PostgreSQL stopped");
    }

    private void awaitReady(Duration timeout, Path logFile) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("embedded PostgreSQL exited with code " + process.exitValue() + ": " + tail(logFile));
            }
            try (Connection ignored = connect("postgres")) {
                return;
            } catch (SQLException e) {
                last = e;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for PostgreSQL", e);
            }
        }
        process.destroyForcibly();
        throw new IOException("embedded PostgreSQL not ready within " + timeout.toSeconds() + " s"
                + (last == null ? "" : ": " + last.getMessage()) + "; log: " + tail(logFile));
    }

    private static void initdb(Path bin, Path folder, Path pgdata, String password) throws IOException {
        Path pwfile = folder.resolve(".initdb-pw");
        Files.writeString(pwfile, password);
        try {
            List<String> cmd = command(bin.resolve("initdb"), "-D", pgdata.toString(), "-U", USER,
                    "--auth=scram-sha-256", "--pwfile=" + pwfile, "-E", "UTF8", "--no-locale");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                PostgresBinaries.deleteTree(pgdata);
                throw new IOException("initdb failed: " + out.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted during initdb", e);
        } finally {
            Files.deleteIfExists(pwfile);
        }
    }

    /** The superuser password, generated on first use and kept (mode 600) beside the data. */
    private static String passwordIn(Path folder) throws IOException {
        Path file = folder.resolve("password");
        if (Files.exists(file)) {
            return Files.readString(file).strip();
        }
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        String pw = HexFormat.of().formatHex(bytes);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, pw);
        return pw;
    }

    private static List<String> command(Path exe, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        if (RootUser.isRoot()) {
            cmd.add(RootUser.unshare());
            cmd.add("--user");
        }
        cmd.add(exe.toString());
        cmd.addAll(List.of(args));
        return cmd;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static int requireFree(int port) throws IOException {
        try (ServerSocket s = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IOException("port " + port + " for the embedded PostgreSQL is already in use");
        }
    }

    private static String tail(Path logFile) {
        try {
            List<String> lines = Files.readAllLines(logFile);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
