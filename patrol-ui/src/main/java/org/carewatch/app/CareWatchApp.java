package org.carewatch.app;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.carewatch.alerts.engine.AlertEngine;
import org.carewatch.alerts.engine.RuleStateRepository;
import org.carewatch.alerts.history.AlertHistory;
import org.carewatch.alerts.lifecycle.AlertRepository;
import org.carewatch.alerts.lifecycle.AlertService;
import org.carewatch.alerts.lifecycle.Deadlines;
import org.carewatch.alerts.lifecycle.Escalator;
import org.carewatch.alerts.notify.Notifier;
import org.carewatch.alerts.notify.WebhookAdmin;
import org.carewatch.alerts.notify.WebhookDispatcher;
import org.carewatch.alerts.notify.WebhookRepository;
import org.carewatch.alerts.rules.CentreCalendar;
import org.carewatch.alerts.rules.RuleBook;
import org.carewatch.alerts.rules.RuleOverrideRepository;
import org.carewatch.alerts.rules.RuleOverrides;
import org.carewatch.alerts.rules.SensorPlacements;
import org.carewatch.core.cameras.CameraRepository;
import org.carewatch.core.cameras.CameraService;
import org.carewatch.core.cameras.CameraHistory;
import org.carewatch.core.cameras.CameraOversight;
import org.carewatch.alerts.camera.CameraChangeAlerts;
import org.carewatch.core.districts.DistrictRepository;
import org.carewatch.core.districts.LiveViewService;
import org.carewatch.core.outbound.OutboundPolicy;
import org.carewatch.ui.auth.StreamSessions;
import org.carewatch.ui.cameras.CameraOversightRoutes;
import org.carewatch.core.centres.CentreRepository;
import org.carewatch.core.centres.CentreService;
import org.carewatch.core.config.AlertsConfig;
import org.carewatch.core.config.CareWatchConfig;
import org.carewatch.core.config.ConfigException;
import org.carewatch.core.config.MqttConfig;
import org.carewatch.core.config.StoreConfig;
import org.carewatch.core.demo.DemoAccount;
import org.carewatch.core.demo.DemoDistrict;
import org.carewatch.core.embedded.EmbeddedBroker;
import org.carewatch.core.embedded.EmbeddedPostgres;
import org.carewatch.core.mqtt.MqttLogin;
import org.carewatch.core.mqtt.MqttPasswords;
import org.carewatch.core.security.CredentialCipher;
import org.carewatch.core.store.RetentionJob;
import org.carewatch.core.store.Store;
import org.carewatch.core.users.LoginThrottle;
import org.carewatch.core.users.PasswordHasher;
import org.carewatch.core.users.SignInService;
import org.carewatch.core.users.TokenRepository;
import org.carewatch.core.users.UserRepository;
import org.carewatch.core.audit.AccessLog;
import org.carewatch.core.audit.AccessLogQuery;
import org.carewatch.core.audit.AccessLogService;
import org.carewatch.ui.audit.AccessPages;
import org.carewatch.ui.audit.AuditRoutes;
import org.carewatch.ui.apidocs.ApiDocsPage;
import org.carewatch.ingest.fleet.CameraFleet;
import org.carewatch.ingest.fleet.CameraHealthService;
import org.carewatch.ingest.frames.FrameService;
import org.carewatch.ingest.live.LiveService;
import org.carewatch.ingest.health.StreamEventWriter;
import org.carewatch.ingest.rtsp.IngestEventLoop;
import org.carewatch.ingest.snapshot.SnapshotDecoder;
import org.carewatch.ingest.telemetry.BrokerConnection;
import org.carewatch.ingest.telemetry.BrokerProbe;
import org.carewatch.ingest.telemetry.BrokerSessions;
import org.carewatch.profiles.catalog.ProfileCatalog;
import org.carewatch.ui.alerts.AlertRoutes;
import org.carewatch.ui.alerts.EventBusAlertPublisher;
import org.carewatch.core.config.TelemetryConfig;
import org.carewatch.core.readings.ReadingQueries;
import org.carewatch.core.readings.HourlyRollup;
import org.carewatch.core.readings.RollupJob;
import org.carewatch.core.sensors.DeviceAccess;
import org.carewatch.core.sensors.DeviceCredentialRepository;
import org.carewatch.core.sensors.Sensor;
import org.carewatch.core.sensors.SensorChanges;
import org.carewatch.core.sensors.SensorRepository;
import org.carewatch.core.sensors.SensorService;
import org.carewatch.ingest.telemetry.TelemetryPipeline;
import org.carewatch.tools.simulator.sensors.DemoSensorFeed;
import org.carewatch.ui.sensors.SensorRoutes;
import org.carewatch.ui.rules.AlertRuleRoutes;
import org.carewatch.ui.webhooks.WebhookRoutes;
import org.carewatch.ui.auth.Auth;
import org.carewatch.core.users.ConsoleSessions;
import org.carewatch.core.users.SessionRepository;
import org.carewatch.ui.alerts.AlertPages;
import org.carewatch.ui.centre.CentrePage;
import org.carewatch.ui.console.Console;
import org.carewatch.ui.console.ConsoleFeature;
import org.carewatch.ui.console.ConsoleRoutes;
import org.carewatch.ui.session.SessionCookies;
import org.carewatch.ui.session.Sessions;
import org.carewatch.ui.auth.TokenRoutes;
import org.carewatch.ui.cameras.CameraRoutes;
import org.carewatch.ui.centres.CentreRoutes;
import org.carewatch.ui.health.HealthRoutes;
import org.carewatch.ui.health.MetricsRoute;
import org.carewatch.ui.health.ReadinessCheck;
import org.carewatch.patrol.PatrolServices;
import org.carewatch.patrol.frames.FrameFiles;
import org.carewatch.patrol.frames.FramePurge;
import org.carewatch.patrol.frames.FrameRepository;
import org.carewatch.patrol.frames.FrameSampler;
import org.carewatch.patrol.frames.FrameViewService;
import org.carewatch.patrol.rules.RulesRepository;
import org.carewatch.patrol.schedule.PatrolScheduler;
import org.carewatch.ui.patrol.PatrolFrameRoutes;
import org.carewatch.patrol.wall.WallService;
import org.carewatch.ui.live.LivePages;
import org.carewatch.ui.live.LiveRoutes;
import org.carewatch.ui.live.WallPages;
import org.carewatch.ui.officer.OfficerPages;
import org.carewatch.ui.patrol.PatrolRoutes;
import org.carewatch.ui.patrol.ReviewRoutes;
import org.carewatch.ui.http.ApiRoutes;
import org.carewatch.ui.http.ApiServer;
import org.carewatch.ui.http.Blocking;
import org.carewatch.ui.http.RequestMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One CareWatch node: starts the store, the broker link and the HTTP server from a configuration (with
 * embedded PostgreSQL and broker when the config says so) and stops them in reverse order.
 */
public final class CareWatchApp implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CareWatchApp.class);

    /** Closed in reverse order of start. */
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final CareWatchConfig cfg;
    private Store store;
    private HourlyRollup hourlyRollup;
    private ProfileCatalog profiles;
    private CameraFleet fleet;
    private String mqttUrl;
    /** CareWatch's own login at the broker (made up per run for the embedded broker when none is configured). */
    private MqttLogin internalLogin;
    private EmbeddedBroker embeddedBroker;
    private DeviceAccess deviceAccess;
    private ApiServer http;
    private ApiServer managementHttp;
    private TelemetryPipeline telemetry;
    private PeriodicReload configReload;
    private RuleBook ruleBook;
    private List<DemoAccount> demoAccounts = List.of();
    private Notifier alertNotifier;
    private AlertService alertService;
    private AlertEngine alertEngine;
    private FrameQualitySampler frameQuality;
    private RuleOverrides ruleOverrides;
    private WebhookAdmin webhookAdmin;
    private CentreService centreService;
    private org.carewatch.patrol.PatrolReviewServices patrolReview;
    private OutboundPolicy outbound;
    private PatrolScheduler patrolScheduler;
    private FrameSampler patrolSampler;
    private FramePurge patrolPurge;
    private java.util.concurrent.CompletableFuture<java.util.Optional<FrameSampler.Result>> demoPatrol =
            java.util.concurrent.CompletableFuture.completedFuture(java.util.Optional.empty());

    private CareWatchApp(CareWatchConfig cfg) {
        this.cfg = cfg;
    }

    public static CareWatchApp start(CareWatchConfig cfg, boolean seedDemo) throws Exception {
        CareWatchApp app = new CareWatchApp(cfg);
        try {
            app.startAll(seedDemo);
            return app;
        } catch (Exception | Error e) {
            app.close();
            throw e;
        }
    }

    private void startAll(boolean seedDemo) throws Exception {
        Files.createDirectories(cfg.dataDir());
        // A broken external profile folder stops the start with every error listed.
        profiles = ProfileCatalog.load(cfg.profiles().externalPath().orElse(null));
        PrometheusMeterRegistry meters = Metrics.create(cfg.nodeName());
        store = openStore(meters);
        started.push(store);
        RetentionJob retention = new RetentionJob(store, cfg.store().retention(), Clock.systemUTC());
        retention.start(Duration.ofHours(1));
        started.push(retention);
        // Decided once: the rollup table needs its job, a continuous aggregate is refreshed by TimescaleDB.
        hourlyRollup = HourlyRollup.of(store.features());
        if (hourlyRollup == HourlyRollup.TABLE) {
            RollupJob rollup = new RollupJob(store.dataSource(), Clock.systemUTC());
            rollup.start(Duration.ofMinutes(1));
            started.push(rollup);
        }

        mqttUrl = startBroker();
        TelemetryConfig tcfg = cfg.telemetry();
        // Manual acks: a QoS 1 message is acknowledged only once its readings are committed or spooled.
        BrokerConnection broker = new BrokerConnection(mqttUrl, BrokerSessions.nodeClientId(cfg.mqtt().clientIdPrefix(), cfg.nodeName()),
                internalLogin.username(), internalLogin.password(), tcfg.enabled(), tcfg.receiveMaximum());
        started.push(broker);

        CredentialCipher cipher = CredentialCipher.fromKeyFile(cfg.inDataDir(cfg.security().credentialKeyFile()));
        // Every connection to a typed-in address (camera hosts, webhook URLs) goes through this one policy.
        outbound = new OutboundPolicy(cfg.outbound());
        startAlerts(cipher);

        PasswordHasher hasher = new PasswordHasher();
        if (seedDemo) {
            DemoDistrict.requireProfiles(profiles);
            demoAccounts = new DemoDistrict(store.dataSource(), hasher, cipher).ensureSeeded(cfg.dataDir().resolve("demo-accounts.txt"));
        }

        SensorRepository sensors = new SensorRepository(store.dataSource(), profiles::sensor);
        if (tcfg.enabled()) {
            telemetry = new TelemetryPipeline(tcfg, cfg.mqtt().sharedGroup(), broker, store.dataSource(), hourlyRollup, sensors, profiles::sensor,
                    cfg.inDataDir(tcfg.spoolPath()), meters, Clock.systemUTC(), cfg.store().retention().readings());
            telemetry.start();
            started.push(telemetry);
        }
        broker.connect();
        if (seedDemo) {
            // The demo's devices log in as devices do; their passwords exist only in memory, so each start issues new ones.
            DeviceCredentialRepository logins = new DeviceCredentialRepository(store.dataSource());
            Map<Long, MqttLogin> demoLogins = new HashMap<>();
            List<Sensor> demoSensors = sensors.listActive();
            for (Sensor s : demoSensors) {
                demoLogins.put(s.id(), logins.issue(s.id()));
            }
            DemoSensorFeed feed = DemoSensorFeed.start(mqttUrl, demoSensors, demoLogins, tcfg.demoReportEvery());
            if (feed != null) {
                started.push(feed);
            }
        }
        // Accepted readings and device events feed the sensor rules in-stream (smoke, CO2, fridge, doors...).
        if (telemetry != null) {
            telemetry.addListener(new SensorAlerts(alertEngine));
        }
        IngestEventLoop ingestLoop = IngestEventLoop.create("ingest", Math.max(2, Runtime.getRuntime().availableProcessors()));
        started.push(ingestLoop);
        SnapshotDecoder decoder = new SnapshotDecoder();
        started.push(decoder);
        StreamEventWriter streamEvents = new StreamEventWriter(store.dataSource());
        started.push(streamEvents);
        CameraRepository cameraRepo = new CameraRepository(store.dataSource(), cipher, profiles);
        // Stream health feeds the camera-fault rules (offline or stalled too long during opening hours).
        streamEvents.addListener(new CameraStreamAlerts(cameraRepo, alertEngine));
        if (seedDemo) {
            started.push(DemoCameras.start(cfg, store.dataSource()));
        }
        fleet = new CameraFleet(cameraRepo, ingestLoop, streamEvents, id -> true, meters, outbound);
        started.push(fleet);
        fleet.start();
        AccessLog accessLog = new AccessLog(store.dataSource());
        // One rule for who sees which camera: the camera service's, for registration and pictures alike.
        CameraHistory cameraHistory = new CameraHistory(store.dataSource());
        CameraService cameras = new CameraService(cameraRepo, cameraHistory, centreService, fleet::refresh, new CameraChangeAlerts(alertService),
                new CameraService.Rules(outbound, new LiveViewService(new DistrictRepository(store.dataSource())), cfg.alerts().zone(),
                        Clock.systemUTC()));
        FrameService frames = new FrameService(fleet, cameraRepo, cameras, decoder, accessLog, Clock.systemUTC(), meters);
        // Live video: remuxed from held streams, one packaging per camera, same scope/policy rule as snapshots.
        LiveService live = new LiveService(fleet, cameras, accessLog, Clock.systemUTC(), cfg.console().liveMaxViewersPerCamera(), meters);
        FrameQualitySampler frameQuality = new FrameQualitySampler(fleet, frames, alertEngine, Clock.systemUTC());
        frameQuality.start(cfg.alerts().camera().frameSampleEvery());
        started.push(frameQuality);
        this.frameQuality = frameQuality;

        Vertx vertx = Vertx.vertx(new VertxOptions().setWorkerPoolSize(cfg.store().poolSize()));
        started.push(() -> vertx.close().await());
        Blocking blocking = new Blocking(vertx, cfg.store().poolSize(), cfg.store().poolSize() * 50, meters);
        started.push(blocking);
        // Live push to consoles: notices go on the event bus once their change is committed.
        alertNotifier.add(new EventBusAlertPublisher(vertx));
        var security = cfg.security();
        // The services own the rules (role and scope); the routes only parse, call them and answer.
        LoginThrottle throttle = new LoginThrottle(new LoginThrottle.Limits(security.maxFailedLogins(), security.maxFailedLoginsPerAddress(),
                security.maxFailedLoginsPerUsername(), security.lockoutWindow(), security.signInDelay(), security.signInMaxDelay()),
                Clock.systemUTC());
        SignInService signIns = new SignInService(new UserRepository(store.dataSource()), new TokenRepository(store.dataSource(), Clock.systemUTC()),
                hasher, throttle, security.tokenTtl(), StreamSessions.publisher(vertx));
        var consoleCfg = cfg.console();
        ConsoleSessions consoleSessions = new ConsoleSessions(signIns, new SessionRepository(store.dataSource()),
                consoleCfg.sessionIdleTimeout(), consoleCfg.sessionAbsoluteTimeout(), Clock.systemUTC());
        StreamSessions streams = new StreamSessions(vertx, signIns, consoleSessions, blocking, security.streamSessionCheck());
        started.push(streams);
        CentreService centres = centreService;
        CameraOversight oversight = new CameraOversight(cameraRepo, cameraHistory, centres, fleet::refresh, Clock.systemUTC());
        SensorService sensorService = new SensorService(sensors, centres, new ReadingQueries(store.dataSource(), hourlyRollup),
                new SensorChanges() {
                    @Override
                    public void sensorRegistered(Sensor sensor) {
                        sensorsChanged();
                    }

                    @Override
                    public void mqttPasswordReplaced(Sensor sensor, String username) {
                        // The old password stops working at once, also for devices still connected with it.
                        if (embeddedBroker != null) {
                            deviceAccess.forget(username);
                            embeddedBroker.disconnect(username);
                        }
                    }
                }, new DeviceCredentialRepository(store.dataSource()));
        TokenRoutes tokens = new TokenRoutes(signIns, blocking);
        // /metrics on the main port (token, else loopback only) or on a management port of its own.
        var mc = cfg.metrics();
        MetricsRoute metrics = new MetricsRoute(meters, blocking, mc.token(), mc.separatePort());
        List<org.carewatch.ui.http.ApiFeature> rootFeatures = new java.util.ArrayList<>();
        rootFeatures.add(new HealthRoutes(List.of(storeCheck(), brokerCheck(broker)), blocking));
        if (!mc.separatePort()) {
            rootFeatures.add(metrics);
        }
        // The console: sessions in PostgreSQL (the password check and its lockout are SignInService's).
        Sessions sessions = new Sessions(consoleSessions, blocking, new SessionCookies(consoleCfg.secureCookie()));
        Console console = new Console(sessions, cfg.alerts().zone(), Clock.systemUTC());
        AlertHistory alertHistory = new AlertHistory(store.dataSource(), cfg.alerts().zone());
        PatrolServices patrol = PatrolServices.create(store.dataSource(), alertHistory, cfg.alerts().timeZone(), Clock.systemUTC());
        FrameViewService patrolFrameViews = startPatrol(patrol, frames, cameraRepo, accessLog, seedDemo);
        Path uploads = cfg.dataDir().resolve("uploads");
        Files.createDirectories(uploads);
        // The patrol review: verdicts and findings (alerts to the centres), coverage, and its periodic check
        // (overdue visits to the district, pending finding alerts, release of closed suspected-abuse frames).
        patrolReview = org.carewatch.patrol.PatrolReviewServices.create(store.dataSource(), alertService,
                ratioLimits(cfg.patrolReview().limits()), cfg.alerts().timeZone(), Clock.systemUTC());
        alertNotifier.add(patrolReview.frameGuard());
        started.push(patrolReview.startSchedule(cfg.patrolReview().checkInterval()));
        AccessLogService accessLogService = new AccessLogService(accessLog, new AccessLogQuery(store.dataSource()));
        List<ConsoleFeature> pages = List.of(new ConsoleRoutes(),
                new ApiDocsPage(),
                new AccessPages(accessLogService, centres),
                new AlertPages(vertx, alertService, alertHistory, centres, uploads),
                new CentrePage(alertService),
                new OfficerPages(patrolReview.reviews(), patrolFrameViews, frames, cameras, sensorService, alertHistory),
                new LivePages(live),
                new WallPages(new WallService(patrolReview.reviews(), cameras)));
        var features = new ApiRoutes.Features(
                new RequestMetrics(meters),
                List.copyOf(rootFeatures),
                List.of(tokens.signIn()),
                new Auth(signIns, sessions, blocking).authenticate(),
                List.of(tokens,
                        new CentreRoutes(centres, blocking),
                        new SensorRoutes(sensorService, blocking),
                        new CameraRoutes(cameras, new CameraHealthService(cameras, fleet), frames, blocking),
                        new CameraOversightRoutes(oversight, blocking),
                        new LiveRoutes(live, blocking, streams),
                        new AuditRoutes(accessLogService, blocking),
                        new AlertRoutes(vertx, alertService, alertHistory, blocking, streams),
                        new AlertRuleRoutes(ruleOverrides, blocking),
                        new ReviewRoutes(patrolReview.reviews(), patrolReview.coverage(), blocking),
                        new WebhookRoutes(webhookAdmin, blocking),
                        new PatrolRoutes(patrol, blocking),
                        new PatrolFrameRoutes(patrolFrameViews, blocking)),
                List.of(router -> console.mount(router, pages)),
                console.errors());
        var router = ApiServer.newRouter(vertx, cfg.http());
        ApiRoutes.mount(vertx, router, features);
        http = ApiServer.start(vertx, router, cfg.http());
        started.push(http);
        if (mc.separatePort()) {
            var management = io.vertx.ext.web.Router.router(vertx);
            ApiRoutes.mountManagement(management, new RequestMetrics(meters), List.of(metrics));
            var mcfg = cfg.http().withHost(mc.host().isEmpty() ? cfg.http().host() : mc.host()).withPort(mc.port()).withFallbackToFreePort(false);
            managementHttp = ApiServer.start(vertx, management, mcfg);
            started.push(managementHttp);
            log.info("/metrics is served on {}:{}{}", mcfg.host(), managementHttp.port(), mc.tokenRequired() ? " (token required)" : "");
        }
    }

    /**
     * Patrol sampling and its schedule: frames under {@code patrol.framesDir}, taken through the frame service
     * (masks, quality checks, access log), the next day drawn at {@code patrol.drawAt}, the retention purge. The
     * demo also draws today and samples the current or next round at once (in the background).
     */
    private FrameViewService startPatrol(PatrolServices patrol, FrameService frames, CameraRepository cameraRepo, AccessLog accessLog,
                                         boolean seedDemo) throws Exception {
        var pc = cfg.patrol();
        var ds = store.dataSource();
        Path framesDir = cfg.inDataDir(pc.framesPath());
        Files.createDirectories(framesDir);
        FrameRepository patrolFrames = new FrameRepository(ds);
        FrameFiles frameFiles = new FrameFiles(framesDir);
        FrameSampler sampler = new FrameSampler(patrol.rotationRepository(), patrolFrames, frameFiles, new PatrolFrameSource(frames, cameraRepo),
                pc.sampleHeldConcurrency(), pc.sampleOnDemandConcurrency(), pc.sampleTimeout(), Clock.systemUTC());
        FramePurge purge = new FramePurge(patrolFrames, frameFiles, alertService, pc.frameRetention(), Clock.systemUTC());
        patrolSampler = sampler;
        patrolPurge = purge;
        DistrictRepository districts = new DistrictRepository(ds);
        patrolScheduler = new PatrolScheduler(districts, new RulesRepository(ds, cfg.alerts().timeZone()), patrol.rotations(),
                patrol.rotationRepository(), sampler, purge, pc.drawAt(), Clock.systemUTC());
        started.push(patrolScheduler);
        if (pc.scheduleEnabled()) {
            patrolScheduler.start(Duration.ofMinutes(1), pc.purgeEvery());
        }
        if (seedDemo) {
            demoPatrol = new java.util.concurrent.CompletableFuture<>();
            Thread demo = Thread.ofVirtual().name("demo-patrol").start(() -> {
                try {
                    demoPatrol.complete(DemoPatrol.start(districts, patrol, patrolScheduler));
                } catch (Throwable e) {
                    log.warn("demo patrol not prepared: {}", e.toString());
                    demoPatrol.completeExceptionally(e);
                }
            });
            // Stopped before the store it writes to.
            started.push(() -> {
                demo.interrupt();
                demo.join(Duration.ofSeconds(10));
            });
        }
        return new FrameViewService(patrolFrames, frameFiles, accessLog, Clock.systemUTC());
    }

    /** The demo's patrol preparation (today's plan drawn, a round sampled); completed at once outside the demo. */
    public java.util.concurrent.CompletableFuture<java.util.Optional<FrameSampler.Result>> demoPatrol() {
        return demoPatrol;
    }

    /** The node's patrol sampler (bounded pools shared by every round sampled here). */
    public FrameSampler patrolSampler() {
        return patrolSampler;
    }

    public FramePurge patrolPurge() {
        return patrolPurge;
    }

    /** The patrol schedule (draws, sampling moments, purge) of this node. */
    public PatrolScheduler patrolScheduler() {
        return patrolScheduler;
    }

    /** A sensor was registered: the telemetry router picks it up now rather than at its next refresh. */
    private void sensorsChanged() {
        if (configReload != null) {
            Thread.ofVirtual().name("config-reload-now").start(configReload::reloadAll);
        }
        if (telemetry != null) {
            Thread.ofVirtual().name("telemetry-refresh").start(() -> {
                try {
                    telemetry.refreshSensors();
                } catch (Exception e) {
                    log.warn("telemetry registry refresh failed: {}", e.getMessage());
                }
            });
        }
    }

    /**
     * The alert lifecycle, webhooks, the in-stream rule engine (fed by telemetry and camera ingest through
     * {@link #alertEngine()}) and the escalation check.
     */
    private void startAlerts(CredentialCipher cipher) throws Exception {
        AlertsConfig ac = cfg.alerts();
        Clock clock = Clock.systemUTC();
        var ds = store.dataSource();
        alertNotifier = new Notifier(ac.groupWindow(), clock);
        // The alerts module reaches core's tables through core's repositories only.
        // Centre changes reach the camera fleet once it is started (it starts after the alerts it reports to).
        CentreRepository centreRepo = new CentreRepository(ds);
        CentreService centres = new CentreService(centreRepo, centreId -> {
            if (fleet != null) {
                fleet.refreshCentre(centreId);
            }
        });
        centreService = centres;
        SensorRepository sensors = new SensorRepository(ds, profiles::sensor);
        alertService = new AlertService(new AlertRepository(ds, new Deadlines(ac.deadlines())), centres, alertNotifier, clock);
        WebhookRepository webhookRepo = new WebhookRepository(ds, cipher);
        int sealed = webhookRepo.sealPlaintextSecrets();
        if (sealed > 0) {
            log.info("encrypted {} webhook secret(s) stored in plaintext by an earlier version", sealed);
        }
        WebhookDispatcher webhooks = new WebhookDispatcher(webhookRepo, ac.webhooks(), outbound);
        webhooks.reload();
        webhookAdmin = new WebhookAdmin(ds, webhookRepo, webhooks, clock);
        alertNotifier.add(webhooks);
        started.push(webhooks);
        SensorPlacements placements = new SensorPlacements(sensors);
        placements.reload();
        RuleBook rules = new RuleBook(profiles::sensor, new RuleOverrideRepository(ds), placements);
        rules.reload();
        ruleBook = rules;
        ruleOverrides = new RuleOverrides(ds, rules, profiles::sensor, centres, sensors);
        alertEngine = new AlertEngine(alertService, rules, new CentreCalendar(centreRepo, ac.zone(), clock, Duration.ofMinutes(1)),
                new RuleStateRepository(ds), ac, clock);
        alertEngine.start(Duration.ofSeconds(1));
        started.push(alertEngine);
        configReload = new PeriodicReload(List.of(new PeriodicReload.Named("sensor placements", placements::reload),
                new PeriodicReload.Named("alert rule overrides", rules::reload),
                new PeriodicReload.Named("webhooks", webhooks::reload))).start(cfg.telemetry().registryRefresh());
        started.push(configReload);
        started.push(new Escalator(alertService, ac.escalationCheckInterval()));
    }

    private Store openStore(PrometheusMeterRegistry meters) throws Exception {
        StoreConfig s = cfg.store();
        if (s.mode() == StoreConfig.Mode.EXTERNAL) {
            return Store.open(s, s.url(), s.user(), s.password(), meters);
        }
        EmbeddedPostgres pg = EmbeddedPostgres.start(cfg.dataDir().resolve("postgres"), s.embeddedPort(), Duration.ofSeconds(60));
        started.push(pg);
        return Store.open(s, pg.jdbcUrl("carewatch"), pg.user(), pg.password(), meters);
    }

    /**
     * The embedded broker (devices log in with their sensors' credentials, CareWatch with its own login and
     * reserved client ids), or the external one after checking that it does not let anonymous clients in.
     */
    private String startBroker() throws Exception {
        MqttConfig m = cfg.mqtt();
        if (m.username().isEmpty() != m.password().isEmpty()) {
            throw new ConfigException(m.username().isEmpty() ? "mqtt.username" : "mqtt.password",
                    "set both mqtt.username and mqtt.password, or neither");
        }
        if (m.mode() == MqttConfig.Mode.EXTERNAL) {
            internalLogin = new MqttLogin(m.username(), m.password());
            refuseAnonymousBroker(m);
            return m.url();
        }
        // No login configured: one made up for this run; only this node's own sessions use it.
        internalLogin = m.username().isEmpty() ? new MqttLogin(m.clientIdPrefix(), MqttPasswords.generate())
                : new MqttLogin(m.username(), m.password());
        var ds = store.dataSource();
        deviceAccess = new DeviceAccess(internalLogin, m.clientIdPrefix(), new DeviceCredentialRepository(ds),
                new SensorRepository(ds, profiles::sensor), profiles::sensor);
        EmbeddedBroker broker = EmbeddedBroker.start(cfg.dataDir().resolve("mqtt"), m.embeddedPort(), m.fallbackToFreePort(),
                Duration.ofSeconds(60), deviceAccess);
        started.push(broker);
        embeddedBroker = broker;
        return broker.url();
    }

    /** An external broker that lets anyone read and forge sensor data is refused, unless the configuration says it is intended. */
    private static void refuseAnonymousBroker(MqttConfig m) {
        StringBuilder detail = new StringBuilder();
        BrokerProbe.Anonymous answer = BrokerProbe.anonymous(m.url(), detail);
        switch (answer) {
            case ACCEPTED -> {
                if (!m.allowAnonymousBroker()) {
                    throw new ConfigException("mqtt.allowAnonymousBroker", "the MQTT broker at " + m.url() + " accepts clients without a"
                            + " username and password, so anyone who reaches it can read and forge sensor data. Require logins there"
                            + " (see the README, 'MQTT security': carewatch mqtt acl writes Mosquitto's password and ACL files), or set"
                            + " mqtt.allowAnonymousBroker: true if an open broker is intended");
                }
                log.warn("the MQTT broker at {} accepts anonymous clients (mqtt.allowAnonymousBroker is true)", m.url());
            }
            case REFUSED -> log.info("the MQTT broker at {} refuses anonymous clients", m.url());
            case UNKNOWN -> log.warn("could not check whether the MQTT broker at {} refuses anonymous clients: {}", m.url(), detail);
        }
    }

    private ReadinessCheck storeCheck() {
        return new ReadinessCheck() {
            @Override
            public String name() {
                return "store";
            }

            @Override
            public String problem() {
                return store.ping() ? null : "PostgreSQL is not reachable";
            }
        };
    }

    private static ReadinessCheck brokerCheck(BrokerConnection broker) {
        return new ReadinessCheck() {
            @Override
            public String name() {
                return "broker";
            }

            @Override
            public String problem() {
                return broker.problem();
            }
        };
    }

    public int httpPort() {
        return http.port();
    }

    /** The port serving /metrics: the management port when metrics.port is set, else the HTTP port. */
    public int metricsPort() {
        return managementHttp != null ? managementHttp.port() : http.port();
    }

    public String mqttUrl() {
        return mqttUrl;
    }

    /**
     * CareWatch's own MQTT login: for in-process tools standing in for trusted publishers (the alert-path
     * benchmark) and tests. Never printed or served.
     */
    public MqttLogin internalMqttLogin() {
        return internalLogin;
    }

    public Store store() {
        return store;
    }

    /** The MQTT telemetry pipeline, or null when telemetry.enabled is false. */
    public TelemetryPipeline telemetry() {
        return telemetry;
    }

    /** Where readings, device availability, stream health and sampled frames go to be turned into alerts. */
    /** Runs one frame-quality round now (tests; the node does it every alerts.camera.frameSampleEvery). */
    public int checkFramesNow() {
        return frameQuality.sampleAll();
    }

    public AlertEngine alertEngine() {
        return alertEngine;
    }

    /** Where alert notices fan out (event bus, webhooks); more publishers may be added. */
    public Notifier alertNotifier() {
        return alertNotifier;
    }

    /** The rules the alert engine applies (profile rules with per-centre overrides and sensor placements). */
    public RuleBook ruleBook() {
        return ruleBook;
    }

    public AlertService alertService() {
        return alertService;
    }

    /** The patrol review's services (verdicts, coverage, the overdue check). */
    public org.carewatch.patrol.PatrolReviewServices patrolReview() {
        return patrolReview;
    }

    private static org.carewatch.patrol.review.RatioLimits ratioLimits(org.carewatch.core.config.PatrolReviewConfig.Limits l) {
        return new org.carewatch.patrol.review.RatioLimits(limit(l.under12Months()), limit(l.months12To24()), limit(l.months24To36()),
                limit(l.mixed()));
    }

    private static org.carewatch.patrol.review.RatioLimits.Limit limit(org.carewatch.core.config.PatrolReviewConfig.Limit l) {
        return new org.carewatch.patrol.review.RatioLimits.Limit(l.childrenPerAdult(), l.classSize());
    }

    /** The outbound policy every connection to a camera or webhook goes through. */
    public OutboundPolicy outbound() {
        return outbound;
    }

    public CameraFleet fleet() {
        return fleet;
    }

    public ProfileCatalog profiles() {
        return profiles;
    }

    public List<DemoAccount> demoAccounts() {
        return demoAccounts;
    }

    public Path dataDir() {
        return cfg.dataDir();
    }

    /** Stops accepting HTTP work first, then flushes and closes everything else in reverse start order. */
    @Override
    public synchronized void close() {
        while (!started.isEmpty()) {
            AutoCloseable c = started.pop();
            try {
                c.close();
            } catch (Exception e) {
                log.warn("error while stopping {}: {}", c.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
