package org.carewatch.ingest.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Base64;
import org.carewatch.tools.clip.TestClip;
import org.carewatch.ingest.media.Codec;
import org.carewatch.ingest.media.ParameterSets;
import org.carewatch.ingest.media.SpsParser;
import org.carewatch.tools.testing.TestClips;
import org.junit.jupiter.api.Test;

class SessionDescriptionTest {

    private static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }

    @Test
    void hikvisionLikeWithAbsoluteControlsAndMetadataTrack() {
        String sdp = String.join("\r\n",
                "v=0",
                "o=- 1109162014219182 1109162014219192 IN IP4 192.168.1.64",
                "s=Media Presentation",
                "e=NONE",
                "b=AS:5050",
                "t=0 0",
                "a=control:rtsp://192.168.1.64:554/Streaming/Channels/101/?transportmode=unicast",
                "m=video 0 RTP/AVP 96",
                "c=IN IP4 0.0.0.0",
                "b=AS:5000",
                "a=recvonly",
                "a=x-dimensions:1920,1080",
                "a=control:rtsp://192.168.1.64:554/Streaming/Channels/101/trackID=1?transportmode=unicast",
                "a=rtpmap:96 H264/90000",
                "a=fmtp:96 profile-level-id=420029; packetization-mode=1; sprop-parameter-sets=Z01AKI2NQDwBE/LCAAAOEAACvyAI,aO44gA==",
                "a=Media_header:MEDIAINFO=494D4B48010100000400010000000000000000000000000000000000000000000000000000000000;",
                "a=appversion:1.0",
                "m=application 0 RTP/AVP 107",
                "c=IN IP4 0.0.0.0",
                "b=AS:50",
                "a=recvonly",
                "a=control:rtsp://192.168.1.64:554/Streaming/Channels/101/trackID=3?transportmode=unicast",
                "a=rtpmap:107 vnd.onvif.metadata/90000",
                "");
        URI base = URI.create("rtsp://192.168.1.64:554/Streaming/Channels/101/");
        SessionDescription sd = SessionDescription.parse(sdp, base);

        assertThat(sd.sessionName()).isEqualTo("Media Presentation");
        assertThat(sd.aggregateControl())
                .isEqualTo(URI.create("rtsp://192.168.1.64:554/Streaming/Channels/101/?transportmode=unicast"));
        assertThat(sd.tracks()).hasSize(2);
        MediaTrack video = sd.firstSupportedVideoTrack().orElseThrow();
        assertThat(video.codec()).contains(Codec.H264);
        assertThat(video.payloadType()).isEqualTo(96);
        assertThat(video.clockRate()).isEqualTo(90000);
        assertThat(video.control()).isEqualTo(
                URI.create("rtsp://192.168.1.64:554/Streaming/Channels/101/trackID=1?transportmode=unicast"));
        assertThat(video.fmtp()).containsEntry("packetization-mode", "1").containsEntry("profile-level-id", "420029");
        ParameterSets sets = video.parameterSets();
        assertThat(sets).isNotNull();
        assertThat(sets.vps()).isNull();
        assertThat(sets.sps()[0] & 0x1F).isEqualTo(7);
        assertThat(sets.pps()).isEqualTo(Base64.getDecoder().decode("aO44gA=="));
        MediaTrack meta = sd.tracks().get(1);
        assertThat(meta.media()).isEqualTo("application");
        assertThat(meta.codec()).isEmpty();
        assertThat(meta.encodingName()).isEqualTo("vnd.onvif.metadata");
    }

    @Test
    void gstreamerLikeWithGeneratedParameterSets() {
        TestClip clip = TestClips.shortClip(Codec.H264);
        String sprop = b64(clip.parameterSets().sps()) + "," + b64(clip.parameterSets().pps());
        String sdp = String.join("\n",
                "v=0",
                "o=- 1188340656180883 1 IN IP4 127.0.0.1",
                "s=Session streamed with GStreamer",
                "i=rtsp-server",
                "t=0 0",
                "a=tool:GStreamer",
                "a=type:broadcast",
                "a=range:npt=now-",
                "a=control:rtsp://127.0.0.1:8554/test",
                "m=video 0 RTP/AVP 96",
                "c=IN IP4 0.0.0.0",
                "b=AS:2097",
                "a=rtpmap:96 H264/90000",
                "a=framerate:25",
                "a=fmtp:96 packetization-mode=1;sprop-parameter-sets=" + sprop + ";profile-level-id=42c01e",
                "a=control:rtsp://127.0.0.1:8554/test/stream=0",
                "a=ts-refclk:local",
                "a=mediaclk:sender");
        SessionDescription sd = SessionDescription.parse(sdp, URI.create("rtsp://127.0.0.1:8554/test/"));
        MediaTrack video = sd.firstSupportedVideoTrack().orElseThrow();
        assertThat(video.control()).isEqualTo(URI.create("rtsp://127.0.0.1:8554/test/stream=0"));
        assertThat(sd.aggregateControl()).isEqualTo(URI.create("rtsp://127.0.0.1:8554/test"));
        assertThat(video.parameterSets()).isEqualTo(clip.parameterSets());
        assertThat(SpsParser.parse(Codec.H264, video.parameterSets().sps()).orElseThrow().width()).isEqualTo(640);
    }

    @Test
    void h265WithRelativeControlsResolvedAgainstContentBase() {
        TestClip clip = TestClips.shortClip(Codec.H265);
        ParameterSets ps = clip.parameterSets();
        String sdp = String.join("\r\n",
                "v=0",
                "o=- 0 0 IN IP4 10.0.0.8",
                "s=Session streamed by \"nessyMediaServer\"",
                "t=0 0",
                "a=control:*",
                "m=video 0 RTP/AVP 98",
                "a=rtpmap:98 H265/90000",
                "a=fmtp:98 profile-id=1; sprop-sps=" + b64(ps.sps()) + "; sprop-pps=" + b64(ps.pps())
                        + "; sprop-vps=" + b64(ps.vps()),
                "a=control:trackID=1",
                "m=audio 0 RTP/AVP 8",
                "a=rtpmap:8 PCMA/8000",
                "a=control:trackID=2");
        SessionDescription sd = SessionDescription.parse(sdp,
                URI.create("rtsp://10.0.0.8:554/cam/realmonitor?channel=1&subtype=0"));
        MediaTrack video = sd.firstSupportedVideoTrack().orElseThrow();
        assertThat(video.codec()).contains(Codec.H265);
        assertThat(video.payloadType()).isEqualTo(98);
        assertThat(video.parameterSets()).isEqualTo(ps);
        assertThat(SpsParser.parse(Codec.H265, video.parameterSets().sps()).orElseThrow().height()).isEqualTo(360);
        assertThat(video.control()).isEqualTo(
                URI.create("rtsp://10.0.0.8:554/cam/realmonitor?channel=1&subtype=0/trackID=1"));
        assertThat(sd.aggregateControl()).isEqualTo(URI.create("rtsp://10.0.0.8:554/cam/realmonitor?channel=1&subtype=0"));
        MediaTrack audio = sd.tracks().get(1);
        assertThat(audio.codec()).isEmpty();
        assertThat(audio.clockRate()).isEqualTo(8000);
        assertThat(audio.control()).isEqualTo(
                URI.create("rtsp://10.0.0.8:554/cam/realmonitor?channel=1&subtype=0/trackID=2"));
    }

    @Test
    void live555StyleContentBaseWithTrailingSlashAndMissingTrackControl() {
        String sdp = String.join("\n",
                "v=0",
                "o=- 1 1 IN IP4 0.0.0.0",
                "s=H.264 Video, streamed by the LIVE555 Media Server",
                "t=0 0",
                "a=control:*",
                "m=video 0 RTP/AVP 96",
                "a=rtpmap:96 h264/90000",
                "a=control:track1",
                "m=video 0 RTP/AVP 97",
                "a=rtpmap:97 HEVC/90000");
        SessionDescription sd = SessionDescription.parse(sdp, URI.create("rtsp://cam.local/live.264/"));
        assertThat(sd.tracks().get(0).control()).isEqualTo(URI.create("rtsp://cam.local/live.264/track1"));
        assertThat(sd.tracks().get(0).codec()).contains(Codec.H264);
        assertThat(sd.tracks().get(0).parameterSets()).isNull();
        // No a=control in the media section: the aggregate URL.
        assertThat(sd.tracks().get(1).control()).isEqualTo(URI.create("rtsp://cam.local/live.264/"));
        assertThat(sd.tracks().get(1).codec()).contains(Codec.H265);
    }

    @Test
    void brokenSpropIsIgnoredNotFatal() {
        String sdp = String.join("\n",
                "v=0", "s=x", "t=0 0",
                "m=video 0 RTP/AVP 96",
                "a=rtpmap:96 H264/90000",
                "a=fmtp:96 packetization-mode=1;sprop-parameter-sets=%%%not-base64%%%,aO44gA==",
                "a=control:trackID=1");
        MediaTrack video = SessionDescription.parse(sdp, URI.create("rtsp://h/p")).tracks().get(0);
        assertThat(video.codec()).contains(Codec.H264);
        assertThat(video.parameterSets()).isNull();
        assertThat(video.control()).isEqualTo(URI.create("rtsp://h/p/trackID=1"));
    }

    @Test
    void badInputGivesSdpParseException() {
        URI base = URI.create("rtsp://h/p");
        assertThatThrownBy(() -> SessionDescription.parse("<html><body>401 Unauthorized</body></html>", base))
                .isInstanceOf(SdpParseException.class);
        assertThatThrownBy(() -> SessionDescription.parse("s=no version\nt=0 0\n", base))
                .isInstanceOf(SdpParseException.class).hasMessageContaining("v=");
        assertThatThrownBy(() -> SessionDescription.parse("v=0\nm=video\n", base))
                .isInstanceOf(SdpParseException.class).hasMessageContaining("media line");
        assertThatThrownBy(() -> SessionDescription.parse("v=0\nm=video 0 RTP/AVP 96\na=rtpmap:96 H264/abc\n", base))
                .isInstanceOf(SdpParseException.class).hasMessageContaining("clock rate");
        assertThatThrownBy(() -> SessionDescription.parse("v=0\nm=video 0 RTP/AVP 300\n", base))
                .isInstanceOf(SdpParseException.class);
        assertThatThrownBy(() -> SessionDescription.parse("v=0\n" + "a=x\n".repeat(20_000), base))
                .isInstanceOf(SdpParseException.class).hasMessageContaining("longer");
        assertThatThrownBy(() -> SessionDescription.parse("v=0\nm=video 0 RTP/AVP 96\na=control:rtsp://bad host/x\n", base))
                .isInstanceOf(SdpParseException.class).hasMessageContaining("control");
        assertThatThrownBy(() -> SessionDescription.parse("v=0\n", URI.create("relative/path")))
                .isInstanceOf(SdpParseException.class);
    }
}
