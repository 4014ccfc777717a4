package org.carewatch.ingest.sdp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes SDP as a camera's DESCRIBE answer carries it: {@link SessionDescription#parse} either gives a
 * description whose tracks can be read or throws {@link SdpParseException}, nothing else. Regression mode in
 * every build, {@code JAZZER_FUZZ=1} to fuzz (README "Fuzzing").
 */
class SdpParserFuzzTest {
    private static final URI BASE = URI.create("rtsp://camera.example:554/Streaming/Channels/101/");

    @FuzzTest(maxDuration = "2m")
    void parse(byte[] input) {
        SessionDescription sdp;
        try {
            sdp = SessionDescription.parse(new String(input, StandardCharsets.UTF_8), BASE);
        } catch (SdpParseException expected) {
            return;
        }
        for (MediaTrack t : sdp.tracks()) {
            t.codec();
            t.parameterSetsIfPresent();
            t.toString();
        }
        sdp.firstSupportedVideoTrack();
    }
}
