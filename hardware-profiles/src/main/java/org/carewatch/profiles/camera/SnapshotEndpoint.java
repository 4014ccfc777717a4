package org.carewatch.profiles.camera;

/** The vendor's HTTP JPEG snapshot URL: a path template, its port and scheme (http or https), and auth. */
public record SnapshotEndpoint(String scheme, int port, String pathTemplate, AuthScheme auth) {
}
