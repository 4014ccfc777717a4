package org.carewatch.ui.console;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser without a browser, for the console's API-level tests: keeps cookies, never follows redirects (so
 * tests see them), posts forms and multipart bodies, and reads the CSRF token from a page's meta tag.
 */
final class ConsoleClient {
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    final Map<String, String> cookies = new LinkedHashMap<>();
    final Map<String, String> headers = new LinkedHashMap<>();

    ConsoleClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    record Page(int status, String body, java.net.http.HttpHeaders headers) {
        String location() {
            return headers.firstValue("Location").orElse(null);
        }

        List<String> setCookies() {
            return headers.allValues("Set-Cookie");
        }

        String setCookie(String name) {
            return setCookies().stream().filter(c -> c.startsWith(name + "=")).findFirst().orElse(null);
        }

        String csrf() {
            Matcher m = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]+)\"").matcher(body);
            return m.find() ? m.group(1) : null;
        }

        String field(String name) {
            Matcher m = Pattern.compile("name=\"" + Pattern.quote(name) + "\" value=\"([^\"]*)\"").matcher(body);
            return m.find() ? m.group(1) : null;
        }
    }

    Page get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET().header("Accept", "text/html"));
    }

    /** The status of a GET whose body may never end (a live stream): the body is not read. */
    int streamStatus(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET().timeout(Duration.ofSeconds(20));
        b.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; ")));
        try {
            HttpResponse<java.io.InputStream> r = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
            r.body().close();
            return r.statusCode();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Page postForm(String path, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html"));
    }

    /** A multipart form: text fields, and files as name -> (filename, content type, bytes). */
    Page postMultipart(String path, Map<String, String> fields, String fileField, String fileName, String type, byte[] file) {
        String boundary = "----cw" + UUID.randomUUID();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (var e : fields.entrySet()) {
            out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + e.getKey() + "\"\r\n\r\n" + e.getValue() + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        if (file != null) {
            out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField + "\"; filename=\"" + fileName
                    + "\"\r\nContent-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.writeBytes(file);
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray()))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).header("Accept", "text/html"));
    }

    Page postJson(String path, String json, Map<String, String> extraHeaders) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json");
        extraHeaders.forEach(b::header);
        return send(b);
    }

    Page send(HttpRequest.Builder b) {
        if (!cookies.isEmpty()) {
            b.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; ")));
        }
        headers.forEach(b::header);
        b.timeout(Duration.ofSeconds(20));
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            for (String c : r.headers().allValues("Set-Cookie")) {
                String pair = c.split(";", 2)[0];
                String name = pair.substring(0, pair.indexOf('='));
                String value = pair.substring(pair.indexOf('=') + 1);
                if (c.toLowerCase(java.util.Locale.ROOT).contains("max-age=0") || value.isEmpty()) {
                    cookies.remove(name);
                } else {
                    cookies.put(name, value);
                }
            }
            return new Page(r.statusCode(), r.body(), r.headers());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Signs in through the form; returns the answer to the form post (303 to the home page). */
    Page signIn(String username, String password) {
        Page form = get("/login");
        return postForm("/login", Map.of("username", username, "password", password, "_login", form.field("_login")));
    }

    String csrf() {
        return get("/alerts").csrf();
    }
}
