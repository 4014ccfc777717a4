package org.carewatch.profiles.camera;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.carewatch.profiles.parse.Header;
import org.carewatch.profiles.parse.ObjectFields;

/** Reads a camera profile document; returns null when any problem was recorded. */
public final class CameraProfileParser {

    private static final Map<String, Transport> TRANSPORTS = Map.of("tcp", Transport.TCP, "udp", Transport.UDP);
    private static final Map<String, AuthScheme> AUTHS = new LinkedHashMap<>();
    private static final Map<String, String> SCHEMES = Map.of("http", "http", "https", "https");

    static {
        for (AuthScheme a : AuthScheme.values()) {
            AUTHS.put(a.id(), a);
        }
    }

    private CameraProfileParser() {
    }

    public static CameraProfile parse(ObjectFields f) {
        Header h = Header.read(f);
        Integer port = f.optionalInt("default_port", 1, 65535);
        Transport transport = f.optionalChoice("transport", TRANSPORTS);
        AuthScheme auth = f.optionalChoice("auth", AUTHS);
        String main = null;
        String sub = null;
        var rtsp = f.requiredObject("rtsp");
        if (rtsp.isPresent()) {
            main = template(rtsp.get(), "main");
            sub = template(rtsp.get(), "sub");
            rtsp.get().finish();
        }
        Integer channels = f.optionalInt("max_channels", 1, 1024);
        String defaultUser = f.optionalString("default_user");
        SnapshotEndpoint snapshot = f.optionalObject("snapshot").map(s -> {
            String path = template(s, "path");
            Integer sPort = s.optionalInt("port", 1, 65535);
            String scheme = s.optionalChoice("scheme", SCHEMES);
            AuthScheme sAuth = s.optionalChoice("auth", AUTHS);
            s.finish();
            return path == null ? null : new SnapshotEndpoint(
                    scheme == null ? "http" : scheme,
                    sPort == null ? ("https".equals(scheme) ? 443 : 80) : sPort,
                    path,
                    sAuth == null ? (auth == null ? AuthScheme.ANY : auth) : sAuth);
        }).orElse(null);
        boolean onvif = f.optionalBoolean("onvif", false);
        Integer onvifPort = f.optionalInt("onvif_port", 1, 65535);
        if (onvifPort != null && !onvif) {
            f.problem("onvif_port", "is only allowed with onvif: true");
        }
        Set<Quirk> quirks = EnumSet.noneOf(Quirk.class);
        var quirkNames = f.optionalStringList("quirks");
        for (int i = 0; i < quirkNames.size(); i++) {
            String q = quirkNames.get(i);
            var quirk = Quirk.byId(q);
            if (quirk.isEmpty()) {
                f.problems().add(f.pathOf("quirks") + "[" + i + "]", "unknown quirk \"" + q + "\"; known: "
                        + String.join(", ", Quirk.choices().keySet()));
            } else {
                quirks.add(quirk.get());
            }
        }
        f.finish();
        if (!f.problems().isEmpty()) {
            return null;
        }
        return new CameraProfile(h.id(), h.name(), h.nameZh(), h.vendor(), h.family(),
                port == null ? 554 : port,
                transport == null ? Transport.TCP : transport,
                auth == null ? AuthScheme.ANY : auth,
                main, sub,
                channels == null ? 1 : channels,
                defaultUser, snapshot,
                onvif ? (onvifPort == null ? 80 : onvifPort) : null,
                quirks, h.notes());
    }

    private static String template(ObjectFields f, String key) {
        String t = f.requiredString(key);
        if (t == null) {
            return null;
        }
        var problem = PathTemplate.validate(t);
        problem.ifPresent(p -> f.problem(key, p));
        return problem.isPresent() ? null : t;
    }
}
