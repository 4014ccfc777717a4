package org.carewatch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.carewatch.alerts.history.AlertHistory;
import org.carewatch.app.CareWatchApp;
import org.carewatch.core.centres.Centre;
import org.carewatch.core.config.CareWatchConfig;
import org.carewatch.core.users.PasswordHasher;
import org.carewatch.core.users.Principal;
import org.carewatch.core.users.Role;
import org.carewatch.core.users.UserRepository;
import org.carewatch.patrol.PatrolServices;
import org.carewatch.patrol.access.Access;
import org.carewatch.patrol.frames.FrameSampler;
import org.carewatch.patrol.roster.OfficerRoster;
import org.carewatch.patrol.roster.RosterPatch;
import org.carewatch.patrol.rotation.RotationView;
import org.carewatch.tools.bench.BenchDistrict;
import org.carewatch.tools.bench.alerts.Percentiles;
import org.carewatch.tools.simulator.cameras.CameraSimulator;
import org.carewatch.tools.simulator.cameras.SimulatorOptions;

/**
 * The officer's visit page on a whole node: a district with one centre of N cameras served over real RTSP by the
 * camera simulator, today's rotation drawn, the officer's round sampled by the real sampling (frames on disk,
 * rows in patrol_frames), an officer signed in through the sign-in form. It measures the visit page's time to
 * the last byte over loopback (sequential requests after a warm-up: p50/p95/p99) and the bytes of its first view
 * as a browser with an empty cache fetches them (gzip accepted): the page, its style sheets, scripts and
 * thumbnails. Targets (issue 14): p95 under 100 ms with 8 cameras, first view under 300 KB.
 */
final class ConsoleBench {
    static final double TARGET_P95_MS = 100;
    static final long TARGET_BYTES = 300 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ASSET = Pattern.compile("<(?:link[^>]*rel=\"stylesheet\"[^>]*href|script[^>]*src|img[^>]*src)=\"(/[^\"]+)\"");

    record Result(int cameras, int frames, int problems, int requests, double p50, double p95, double p99, long htmlBytes, long cssBytes,
                  long jsBytes, long imageBytes, int thumbnails, double sampleSeconds) {
        long firstViewBytes() {
            return htmlBytes + cssBytes + jsBytes + imageBytes;
        }

        boolean pass() {
            return p95 < TARGET_P95_MS && firstViewBytes() < TARGET_BYTES && frames == cameras;
        }

        String json() {
            return String.format(Locale.ROOT, "{\"bench\":\"console\",\"page\":\"/patrol/visits/{id}\",\"cameras\":%d,\"frames\":%d,"
                            + "\"problems\":%d,\"requests\":%d,\"p50Ms\":%.1f,\"p95Ms\":%.1f,\"p99Ms\":%.1f,\"firstViewBytes\":%d,"
                            + "\"htmlBytes\":%d,\"cssBytes\":%d,\"jsBytes\":%d,\"thumbnailBytes\":%d,\"thumbnails\":%d,\"sampleSeconds\":%.2f,"
                            + "\"targetP95Ms\":%.0f,\"targetBytes\":%d,\"pass\":%b}",
                    cameras, frames, problems, requests, p50, p95, p99, firstViewBytes(), htmlBytes, cssBytes, jsBytes, imageBytes, thumbnails,
                    sampleSeconds, TARGET_P95_MS, TARGET_BYTES, pass());
        }
    }

    private final CareWatchConfig cfg;
    private final int cameras;
    private final int requests;
    private final int warmup;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

    ConsoleBench(CareWatchConfig cfg, int cameras, int requests, int warmup, PrintStream out) {
        this.cfg = cfg;
        this.cameras = cameras;
        this.requests = requests;
        this.warmup = warmup;
        this.out = out;
    }

    Result run() throws Exception {
        Path clips = cfg.dataDir().resolve("clips");
        try (CameraSimulator sim = CameraSimulator.start(SimulatorOptions.defaults(cameras).withPort(0).withClipCacheDir(clips));
             CareWatchApp app = CareWatchApp.start(cfg, false)) {
            String base = "http://127.0.0.1:" + app.httpPort();
            var ds = app.store().dataSource();
            Centre centre = BenchDistrict.centre(ds);
            long district = centre.districtId();
            UserRepository users = new UserRepository(ds);
            PasswordHasher hasher = new PasswordHasher();
            users.create("bench-admin", "Bench admin", hasher.hash("bench-admin-pass"), Role.ADMIN, district, null, "en");
            long officer = users.create("bench-officer", "Bench officer", hasher.hash("bench-officer-pass"), Role.OFFICER, district, null, "en");
            String admin = token(base, "bench-admin", "bench-admin-pass");
            for (int i = 1; i <= cameras; i++) {
                String body = "{\"name\":\"Room " + i + "\",\"profileId\":\"generic-rtsp\",\"host\":\"127.0.0.1\",\"port\":" + sim.port()
                        + ",\"path\":\"/cam/" + i + "\",\"area\":\"activity\",\"held\":false}";
                var r = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/centres/" + centre.id() + "/cameras"))
                        .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)));
                if (r.statusCode() != 201 && r.statusCode() != 200) {
                    throw new IllegalStateException("camera not registered: " + r.statusCode() + " " + new String(r.body(), StandardCharsets.UTF_8));
                }
            }
            // Today's rotation with the officer on duty every day, and the officer's round sampled by the real sampling.
            PatrolServices patrol = PatrolServices.create(ds, new AlertHistory(ds, cfg.alerts().zone()), cfg.alerts().timeZone(), Clock.systemUTC());
            Principal system = Access.system(district, "bench");
            for (OfficerRoster o : patrol.rosters().list(system)) {
                patrol.rosters().update(system, o.id(), new RosterPatch(List.of(1, 2, 3, 4, 5, 6, 7), null, null, o.version()));
            }
            LocalDate today = LocalDate.now(cfg.alerts().zone());
            RotationView day = patrol.rotations().draw(system, today, null);
            RotationView.Round round = null;
            long visit = 0;
            for (RotationView.Round r : day.rounds()) {
                for (RotationView.Assignment a : r.assignments()) {
                    if (a.officerId() == officer && !a.visits().isEmpty() && round == null) {
                        round = r;
                        visit = a.visits().getFirst().visitId();
                    }
                }
            }
            if (round == null) {
                throw new IllegalStateException("the draw gave the officer no visit: " + day.unmet());
            }
            long t0 = System.nanoTime();
            FrameSampler.Result sampled = app.patrolScheduler().sample(district, today, round.index())
                    .orElseThrow(() -> new IllegalStateException("the round was not sampled"));
            double sampleSeconds = (System.nanoTime() - t0) / 1e9;
            out.printf(Locale.ROOT, "sampled round %s: %d cameras, %d frames, %d without, %.2f s%n", round.name(), sampled.cameras(),
                    sampled.frames(), sampled.problems(), sampleSeconds);

            String session = signIn(base, "bench-officer", "bench-officer-pass");
            String page = base + "/patrol/visits/" + visit;
            for (int i = 0; i < warmup; i++) {
                get(page, session, true);
            }
            double[] ms = new double[requests];
            for (int i = 0; i < requests; i++) {
                long s = System.nanoTime();
                HttpResponse<byte[]> r = get(page, session, true);
                ms[i] = (System.nanoTime() - s) / 1e6;
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("visit page answered " + r.statusCode());
                }
            }
            Percentiles p = new Percentiles(ms);

            // The first view, cold: the page, then every style sheet, script and image it names (once each).
            HttpResponse<byte[]> first = get(page, session, true);
            String html = new String(gunzipIfNeeded(first), StandardCharsets.UTF_8);
            long htmlBytes = first.body().length;
            long css = 0;
            long js = 0;
            long img = 0;
            int thumbs = 0;
            Set<String> assets = new LinkedHashSet<>();
            Matcher m = ASSET.matcher(html);
            while (m.find()) {
                assets.add(m.group(1).replace("&amp;", "&"));
            }
            for (String a : assets) {
                HttpResponse<byte[]> r = get(base + a, session, true);
                if (r.statusCode() != 200) {
                    throw new IllegalStateException(a + " answered " + r.statusCode());
                }
                long n = r.body().length;
                String type = r.headers().firstValue("Content-Type").orElse("");
                if (type.startsWith("text/css")) {
                    css += n;
                } else if (type.contains("javascript")) {
                    js += n;
                } else if (type.startsWith("image/")) {
                    img += n;
                    thumbs += a.contains("size=thumb") ? 1 : 0;
                }
                out.printf(Locale.ROOT, "  %-70s %8d bytes%n", a, n);
            }
            return new Result(sampled.cameras(), sampled.frames(), sampled.problems(), requests, p.p(50), p.p(95), p.p(99), htmlBytes, css, js,
                    img, thumbs, sampleSeconds);
        }
    }

    private HttpResponse<byte[]> get(String url, String session, boolean gzip) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).GET().header("Cookie", "cw_session=" + session)
                .header("Accept", "text/html,*/*");
        if (gzip) {
            b.header("Accept-Encoding", "gzip");
        }
        return send(b);
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder b) throws Exception {
        return http.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] gunzipIfNeeded(HttpResponse<byte[]> r) throws java.io.IOException {
        if (!"gzip".equalsIgnoreCase(r.headers().firstValue("Content-Encoding").orElse(""))) {
            return r.body();
        }
        try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(r.body()))) {
            return in.readAllBytes();
        }
    }

    private String token(String base, String user, String password) throws Exception {
        var r = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/tokens")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}")));
        return JSON.readTree(r.body()).get("token").asText();
    }

    /** Signs in through the form (its double-submit token from the sign-in page); returns the session cookie's value. */
    private String signIn(String base, String user, String password) throws Exception {
        var form = send(HttpRequest.newBuilder(URI.create(base + "/login")).GET());
        String loginCookie = cookie(form, "cw_login");
        Matcher m = Pattern.compile("name=\"_login\" value=\"([^\"]+)\"").matcher(new String(form.body(), StandardCharsets.UTF_8));
        if (loginCookie == null || !m.find()) {
            throw new IllegalStateException("no sign-in form");
        }
        String body = Map.of("username", user, "password", password, "_login", m.group(1)).entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        var r = send(HttpRequest.newBuilder(URI.create(base + "/login")).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", "cw_login=" + loginCookie).POST(HttpRequest.BodyPublishers.ofString(body)));
        String session = cookie(r, "cw_session");
        if (r.statusCode() != 303 || session == null) {
            throw new IllegalStateException("sign-in refused: " + r.statusCode());
        }
        return session;
    }

    private static String cookie(HttpResponse<?> r, String name) {
        List<String> all = new ArrayList<>(r.headers().allValues("Set-Cookie"));
        for (String c : all) {
            if (c.startsWith(name + "=")) {
                String v = c.substring(name.length() + 1).split(";", 2)[0];
                return v.isEmpty() ? null : v;
            }
        }
        return null;
    }
}
