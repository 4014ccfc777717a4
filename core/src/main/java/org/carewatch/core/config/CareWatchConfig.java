package org.carewatch.core.config;

import java.nio.file.Path;

/**
 * The whole configuration, bound from {@code defaults.yaml}, an optional file and {@code CAREWATCH_*}
 * environment variables by {@link ConfigLoader}. Every key is documented in {@code defaults.yaml}.
 */
public record CareWatchConfig(
        Path dataDir,
        String nodeName,
        HttpConfig http,
        StoreConfig store,
        MqttConfig mqtt,
        SecurityConfig security,
        ProfilesConfig profiles,
        AlertsConfig alerts,
        TelemetryConfig telemetry,
        OutboundConfig outbound, MetricsConfig metrics, ConsoleConfig console, PatrolReviewConfig patrolReview,
        PatrolConfig patrol) {

    public CareWatchConfig {
        Checks.notBlank("nodeName", nodeName);
        if (alerts == null) {
            throw new ConfigException("alerts", "must be present");
        }
        if (outbound == null) {
            throw new ConfigException("outbound", "must be present");
        }
        if (metrics == null) {
            throw new ConfigException("metrics", "must be present");
        }
        if (console == null) {
            throw new ConfigException("console", "must be present");
        }
        if (patrolReview == null) {
            throw new ConfigException("patrolReview", "must be present");
        }
        if (patrol == null) {
            throw new ConfigException("patrol", "must be present");
        }
        if (!nodeName.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw new ConfigException("nodeName", "must be 1-64 letters, digits, '.', '_' or '-', got '" + nodeName + "'");
        }
    }

    /** Resolves a path setting against {@link #dataDir()} unless it is absolute. */
    public Path inDataDir(Path p) {
        return p.isAbsolute() ? p : dataDir.resolve(p).normalize();
    }

    public CareWatchConfig withDataDir(Path dir) {
        return new CareWatchConfig(dir, nodeName, http, store, mqtt, security, profiles, alerts, telemetry, outbound, metrics, console, patrolReview, patrol);
    }

    public CareWatchConfig withHttp(HttpConfig h) {
        return new CareWatchConfig(dataDir, nodeName, h, store, mqtt, security, profiles, alerts, telemetry, outbound, metrics, console, patrolReview, patrol);
    }

    public CareWatchConfig withMqtt(MqttConfig m) {
        return new CareWatchConfig(dataDir, nodeName, http, store, m, security, profiles, alerts, telemetry, outbound, metrics, console, patrolReview, patrol);
    }

    public CareWatchConfig withTelemetry(TelemetryConfig t) {
        return new CareWatchConfig(dataDir, nodeName, http, store, mqtt, security, profiles, alerts, t, outbound, metrics, console, patrolReview, patrol);
    }

    public CareWatchConfig withProfiles(ProfilesConfig p) {
        return new CareWatchConfig(dataDir, nodeName, http, store, mqtt, security, p, alerts, telemetry, outbound, metrics, console, patrolReview, patrol);
    }

    public CareWatchConfig withAlerts(AlertsConfig a) {
        return new CareWatchConfig(dataDir, nodeName, http, store, mqtt, security, profiles, a, telemetry, outbound, metrics, console, patrolReview, patrol);
    }

    public CareWatchConfig withStore(StoreConfig s) {
        return new CareWatchConfig(dataDir, nodeName, http, s, mqtt, security, profiles, alerts, telemetry, outbound, metrics, console, patrolReview, patrol);
    }

    public CareWatchConfig withOutbound(OutboundConfig o) {
        return new CareWatchConfig(dataDir, nodeName, http, store, mqtt, security, profiles, alerts, telemetry, o, metrics, console, patrolReview, patrol);
    }

    public CareWatchConfig withSecurity(SecurityConfig s) {
        return new CareWatchConfig(dataDir, nodeName, http, store, mqtt, s, profiles, alerts, telemetry, outbound, metrics, console, patrolReview, patrol);
    }

    public CareWatchConfig withMetrics(MetricsConfig m) {
        return new CareWatchConfig(dataDir, nodeName, http, store, mqtt, security, profiles, alerts, telemetry, outbound, m, console, patrolReview, patrol);
    }

    public CareWatchConfig withConsole(ConsoleConfig c) {
        return new CareWatchConfig(dataDir, nodeName, http, store, mqtt, security, profiles, alerts, telemetry, outbound, metrics, c, patrolReview, patrol);
    }

    public CareWatchConfig withPatrolReview(PatrolReviewConfig r) {
        return new CareWatchConfig(dataDir, nodeName, http, store, mqtt, security, profiles, alerts, telemetry, outbound, metrics, console, r, patrol);
    }

    public CareWatchConfig withPatrol(PatrolConfig p) {
        return new CareWatchConfig(dataDir, nodeName, http, store, mqtt, security, profiles, alerts, telemetry, outbound, metrics, console, patrolReview, p);
    }

}
