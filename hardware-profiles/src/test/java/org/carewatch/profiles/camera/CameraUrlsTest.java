package org.carewatch.profiles.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.carewatch.profiles.catalog.ProfileCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CameraUrlsTest {

    /** Expected URLs per shipped profile: channel, path typed by the user, main, sub, snapshot (null: none). */
    record Expected(int channel, String path, String main, String sub, String snapshot) {
    }

    static final Map<String, Expected> EXPECTED = Map.of(
            "hikvision", new Expected(2, null,
                    "rtsp://cam.local:554/Streaming/Channels/201", "rtsp://cam.local:554/Streaming/Channels/202",
                    "http://cam.local:80/ISAPI/Streaming/channels/201/picture"),
            "dahua", new Expected(3, null,
                    "rtsp://cam.local:554/cam/realmonitor?channel=3&subtype=0",
                    "rtsp://cam.local:554/cam/realmonitor?channel=3&subtype=1",
                    "http://cam.local:80/cgi-bin/snapshot.cgi?channel=3"),
            "uniview", new Expected(2, null,
                    "rtsp://cam.local:554/unicast/c2/s0/live", "rtsp://cam.local:554/unicast/c2/s1/live", null),
            "tp-link-tapo", new Expected(1, null, "rtsp://cam.local:554/stream1", "rtsp://cam.local:554/stream2", null),
            "ezviz", new Expected(1, null,
                    "rtsp://cam.local:554/h264/ch1/main/av_stream", "rtsp://cam.local:554/h264/ch1/sub/av_stream", null),
            "axis", new Expected(2, null,
                    "rtsp://cam.local:554/axis-media/media.amp?camera=2",
                    "rtsp://cam.local:554/axis-media/media.amp?camera=2&resolution=640x360",
                    "http://cam.local:80/axis-cgi/jpg/image.cgi?camera=2"),
            "generic-onvif", new Expected(1, "/onvif/media?profile=main stream",
                    "rtsp://cam.local:554/onvif/media?profile=main%20stream",
                    "rtsp://cam.local:554/onvif/media?profile=main%20stream", null),
            "generic-rtsp", new Expected(1, "live/ch1",
                    "rtsp://cam.local:554/live/ch1", "rtsp://cam.local:554/live/ch1", null));

    static final List<String> AWKWARD_PASSWORDS = List.of(
            "p@ss", "a:b:c", "with/slash", "100%", "%41", "密码Ä", "sp ace+plus", "#?&=;[]", "'\"\\`");

    static Stream<String> shippedCameras() {
        return ProfileCatalog.builtIn().cameras().stream().map(CameraProfile::id);
    }

    @Test
    void everyShippedCameraProfileHasExpectedUrls() {
        assertThat(EXPECTED.keySet()).containsExactlyInAnyOrderElementsOf(shippedCameras().toList());
    }

    @ParameterizedTest
    @MethodSource("shippedCameras")
    void expandsMainSubAndSnapshotUrls(String id) {
        CameraProfile p = profile(id);
        Expected e = EXPECTED.get(id);
        assertThat(CameraUrls.rtspUrl(p, new CameraAddress("cam.local", null, e.channel(), StreamKind.MAIN, e.path()), null))
                .hasToString(e.main());
        assertThat(CameraUrls.rtspUrl(p, new CameraAddress("cam.local", null, e.channel(), StreamKind.SUB, e.path()), null))
                .hasToString(e.sub());
        assertThat(CameraUrls.snapshotUrl(p, new CameraAddress("cam.local", null, e.channel(), StreamKind.MAIN, e.path()))
                .map(URI::toString).orElse(null)).isEqualTo(e.snapshot());
    }

    @ParameterizedTest
    @MethodSource("shippedCameras")
    void awkwardPasswordsSurviveTheRoundTrip(String id) {
        CameraProfile p = profile(id);
        Expected e = EXPECTED.get(id);
        for (String password : AWKWARD_PASSWORDS) {
            for (String user : new String[] {"admin", "op@site:1"}) {
                URI uri = CameraUrls.rtspUrl(p, new CameraAddress("192.168.1.64", 8554, e.channel(), StreamKind.MAIN, e.path()),
                        new Credentials(user, password));
                assertThat(uri.getHost()).isEqualTo("192.168.1.64");
                assertThat(uri.getPort()).isEqualTo(8554);
                assertThat(uri.getScheme()).isEqualTo("rtsp");
                String[] parts = uri.getRawUserInfo().split(":", -1);
                assertThat(parts).hasSize(2);
                assertThat(decode(parts[0])).isEqualTo(user);
                assertThat(decode(parts[1])).isEqualTo(password);
                assertThat(uri.getRawUserInfo()).matches("[A-Za-z0-9._~%-]+:[A-Za-z0-9._~%-]+");
                assertThat(uri.toString()).startsWith("rtsp://").endsWith(e.main().substring("rtsp://cam.local:554".length()));
                assertThat(CameraUrls.redact(uri)).doesNotContain(CameraUrls.encodeUserInfoPart(password)).contains(":***@192.168.1.64");
            }
        }
    }

    @Test
    void encodesReservedAndNonAsciiBytes() {
        assertThat(CameraUrls.encodeUserInfoPart("p@ss:w/rd%")).isEqualTo("p%40ss%3Aw%2Frd%25");
        assertThat(CameraUrls.encodeUserInfoPart("密")).isEqualTo("%E5%AF%86");
        assertThat(CameraUrls.encodeUserInfoPart("a-b.c_d~e")).isEqualTo("a-b.c_d~e");
    }

    @Test
    void ezvizUsesItsDefaultUserWhenNoneIsGiven() {
        URI uri = CameraUrls.rtspUrl(profile("ezviz"), new CameraAddress("10.0.0.5", null, 1, StreamKind.MAIN),
                new Credentials(null, "ABCDEF"));
        assertThat(uri.getRawUserInfo()).isEqualTo("admin:ABCDEF");
        assertThatThrownBy(() -> CameraUrls.rtspUrl(profile("hikvision"), new CameraAddress("10.0.0.5", null, 1, StreamKind.MAIN),
                new Credentials("", "secret"))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a user name");
    }

    @Test
    void ipv6HostsAreBracketed() {
        URI uri = CameraUrls.rtspUrl(profile("dahua"), new CameraAddress("fe80::1", null, 1, StreamKind.SUB), null);
        assertThat(uri.getHost()).isEqualTo("[fe80::1]");
        assertThat(uri).hasToString("rtsp://[fe80::1]:554/cam/realmonitor?channel=1&subtype=1");
        assertThat(CameraUrls.rtspUrl(profile("dahua"), new CameraAddress("[2001:db8::7]", 10554, 1, StreamKind.MAIN), null)
                .getPort()).isEqualTo(10554);
    }

    @Test
    void hostileHostsAreRejectedWithoutEchoingThePassword() {
        for (String host : List.of("evil.com/x?", "user@evil.com", "cam.local:80", "", " ", "a b", "cam.local#x", "[zz::1]")) {
            assertThatThrownBy(() -> CameraUrls.rtspUrl(profile("hikvision"), new CameraAddress(host, null, 1, StreamKind.MAIN),
                    new Credentials("admin", "TopSecret!")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageNotContaining("TopSecret");
        }
    }

    @Test
    void channelPortAndPathAreChecked() {
        assertThatThrownBy(() -> CameraUrls.rtspUrl(profile("tp-link-tapo"), new CameraAddress("cam", null, 2, StreamKind.MAIN), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("channel 2 is outside 1..1");
        assertThatThrownBy(() -> CameraUrls.rtspUrl(profile("hikvision"), new CameraAddress("cam", null, 0, StreamKind.MAIN), null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CameraUrls.rtspUrl(profile("hikvision"), new CameraAddress("cam", 70000, 1, StreamKind.MAIN), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("port 70000");
        assertThatThrownBy(() -> CameraUrls.rtspUrl(profile("generic-rtsp"), new CameraAddress("cam", null, 1, StreamKind.MAIN), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs the stream path");
    }

    @Test
    void typedPathsKeepEscapesAndEncodeTheRest() {
        URI uri = CameraUrls.rtspUrl(profile("generic-rtsp"),
                new CameraAddress("cam", null, 1, StreamKind.MAIN, "/视频/live%20a#frag"), null);
        assertThat(uri.getRawPath()).isEqualTo("/%E8%A7%86%E9%A2%91/live%20a%23frag");
        assertThat(uri.getRawFragment()).isNull();
    }

    @Test
    void hikvisionChannelNumbersAboveNine() {
        assertThat(CameraUrls.rtspUrl(profile("hikvision"), new CameraAddress("nvr", null, 12, StreamKind.SUB), null))
                .hasToString("rtsp://nvr:554/Streaming/Channels/1202");
    }

    @Test
    void onvifDeviceServiceUrlUsesTheProfilePort() {
        assertThat(CameraUrls.onvifDeviceServiceUrl(profile("tp-link-tapo"), new CameraAddress("cam", null, 1, StreamKind.MAIN)))
                .contains(URI.create("http://cam:2020/onvif/device_service"));
        assertThat(CameraUrls.onvifDeviceServiceUrl(profile("ezviz"), new CameraAddress("cam", null, 1, StreamKind.MAIN))).isEmpty();
    }

    @Test
    void credentialsNeverShowTheirPassword() {
        Credentials c = new Credentials("admin", "s3cr3t@x");
        assertThat(c.toString()).doesNotContain("s3cr3t").contains("****");
        assertThat(new CameraAddress("h", null, 1, StreamKind.MAIN).toString()).doesNotContain("s3cr3t");
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static CameraProfile profile(String id) {
        return ProfileCatalog.builtIn().camera(id).orElseThrow();
    }
}
