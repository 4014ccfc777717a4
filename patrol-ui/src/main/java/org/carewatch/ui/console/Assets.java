package org.carewatch.ui.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Where the console's front-end files are: WebJars on the classpath (served under {@code /webjars/} with the
 * version in the path, so they are cached for a year) and our own small files under {@code /static/}. The
 * versions are read from the WebJars themselves, so the pom is their only source.
 */
public final class Assets {
    public static final String HTMX = webjar("htmx.org", "dist/htmx.min.js");
    public static final String HTMX_SSE = webjar("htmx-ext-sse", "sse.js");
    public static final String PICO = webjar("picocss__pico", "css/pico.min.css");
    public static final String UPLOT_JS = webjar("uplot", "dist/uPlot.iife.min.js");
    public static final String UPLOT_CSS = webjar("uplot", "dist/uPlot.min.css");
    public static final String SWAGGER_UI_JS = webjar("org.webjars", "swagger-ui", "swagger-ui-bundle.js");
    public static final String SWAGGER_UI_CSS = webjar("org.webjars", "swagger-ui", "swagger-ui.css");
    public static final String APIDOCS_JS = "/static/apidocs.js";
    public static final String CONSOLE_JS = "/static/console.js";
    public static final String CONSOLE_CSS = "/static/console.css";
    public static final String PATROL_JS = "/static/patrol.js";
    public static final String LIVE_JS = "/static/live.js";
    public static final String WALL_JS = "/static/wall.js";

    private Assets() {
    }

    static String webjar(String artifact, String file) {
        return webjar("org.webjars.npm", artifact, file);
    }

    static String webjar(String group, String artifact, String file) {
        String props = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (InputStream in = Assets.class.getResourceAsStream(props)) {
            if (in == null) {
                throw new IllegalStateException("WebJar " + artifact + " is not on the classpath");
            }
            Properties p = new Properties();
            p.load(in);
            return "/webjars/" + artifact + "/" + p.getProperty("version") + "/" + file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
