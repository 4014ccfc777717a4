package org.carewatch.core.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.carewatch.core.embedded.EmbeddedPostgres;

/**
 * A fresh, empty database for one test class: on the PostgreSQL named by the system property
 * {@code carewatch.test.pg.url} (CI sets it to the machine's server), else on an embedded PostgreSQL
 * started once per test JVM. Dropped on close.
 */
public final class TestDatabase implements AutoCloseable {
    public static final String PROPERTY = "carewatch.test.pg.url";
    private static EmbeddedPostgres embedded;

    private final String name;
    private final String adminUrl;
    private final String user;
    private final String password;
    private final HikariDataSource pool;

    private TestDatabase(String name, String adminUrl, String user, String password) {
        this.name = name;
        this.adminUrl = adminUrl;
        this.user = user;
        this.password = password;
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(jdbcUrl());
        hc.setUsername(user);
        hc.setPassword(password);
        hc.setMaximumPoolSize(8);
        this.pool = new HikariDataSource(hc);
    }

    public static boolean external() {
        String url = System.getProperty(PROPERTY);
        return url != null && !url.isBlank();
    }

    public static TestDatabase create() {
        String name = "cw_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        try {
            if (external()) {
                String admin = System.getProperty(PROPERTY);
                try (Connection c = DriverManager.getConnection(admin); var st = c.createStatement()) {
                    st.execute("CREATE DATABASE " + name);
                    String u = c.getMetaData().getUserName();
                    return new TestDatabase(name, admin, u, null);
                }
            }
            EmbeddedPostgres pg = embedded();
            pg.createDatabase(name);
            return new TestDatabase(name, pg.jdbcUrl("postgres"), pg.user(), pg.password());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database: " + e.getMessage(), e);
        }
    }

    /** The embedded server of this test JVM, started on first use and stopped when the JVM exits. */
    public static synchronized EmbeddedPostgres embedded() {
        if (embedded == null) {
            try {
                embedded = EmbeddedPostgres.start(Path.of("target", "test-postgres").toAbsolutePath(), 0, Duration.ofSeconds(60));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(embedded::close));
        }
        return embedded;
    }

    public String jdbcUrl() {
        int q = adminUrl.indexOf('?');
        String base = q < 0 ? adminUrl : adminUrl.substring(0, q);
        String params = q < 0 ? "" : adminUrl.substring(q);
        return base.substring(0, base.lastIndexOf('/') + 1) + name + params;
    }

    public String name() {
        return name;
    }

    /** A superuser connection to the server's maintenance database (to simulate outages and the like). */
    public Connection adminConnection() throws SQLException {
        return external() ? DriverManager.getConnection(adminUrl) : embedded().connect("postgres");
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public DataSource dataSource() {
        return pool;
    }

    @Override
    public void close() {
        pool.close();
        try (Connection c = external() ? DriverManager.getConnection(adminUrl) : embedded().connect("postgres");
             var st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            // a leftover test database is harmless; the next run uses a new name
        }
    }
}
