package org.carewatch.ingest.rtsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RtspHeadersTest {

    @Test
    void sessionHeaderWithAndWithoutTimeout() {
        assertThat(SessionHeader.parse("12345678;timeout=30")).contains(new SessionHeader("12345678", Duration.ofSeconds(30)));
        assertThat(SessionHeader.parse("abc")).contains(new SessionHeader("abc", Duration.ofSeconds(60)));
        assertThat(SessionHeader.parse("abc; timeout=oops").orElseThrow().timeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(SessionHeader.parse("abc;timeout=-4").orElseThrow().timeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(SessionHeader.parse("")).isEmpty();
        assertThat(SessionHeader.parse("bad id")).isEmpty();
    }

    @Test
    void transportHeaderRoundTripsAndRejectsNonsense() {
        TransportHeader tcp = TransportHeader.parse("RTP/AVP/TCP;unicast;interleaved=2-3;ssrc=1A2B3C4D").orElseThrow();
        assertThat(tcp.tcp()).isTrue();
        assertThat(tcp.rtpChannel()).isEqualTo(2);
        assertThat(tcp.rtcpChannel()).isEqualTo(3);
        assertThat(tcp.ssrc()).contains(0x1A2B3C4DL);
        TransportHeader udp = TransportHeader.parse("RTP/AVP;unicast;client_port=5000-5001;server_port=6000-6001").orElseThrow();
        assertThat(udp.tcp()).isFalse();
        assertThat(udp.clientRtpPort()).isEqualTo(5000);
        assertThat(udp.serverRtcpPort()).isEqualTo(6001);
        assertThat(TransportHeader.parse(TransportHeader.udp(7000, 7001).withServerPorts(1, 2).format()))
                .contains(TransportHeader.udp(7000, 7001).withServerPorts(1, 2));
        assertThat(TransportHeader.parse("RTP/AVP;unicast;client_port=99999-1")).isEmpty();
        assertThat(TransportHeader.parse("RTP/AVP/TCP;interleaved=x")).isEmpty();
        assertThat(TransportHeader.parse("RAW/RAW/UDP;unicast")).isEmpty();
        assertThat(TransportHeader.parse("RTP/AVP;multicast;destination=239.0.0.1")).isEmpty();
    }

    @Test
    void urlsKeepCredentialsOffTheWire() {
        RtspUrl url = RtspUrl.parse("rtsp://admin:p%40ss@10.0.0.5:8554/Streaming/Channels/101?transport=tcp");
        assertThat(url.host()).isEqualTo("10.0.0.5");
        assertThat(url.port()).isEqualTo(8554);
        assertThat(url.requestUri()).isEqualTo("rtsp://10.0.0.5:8554/Streaming/Channels/101?transport=tcp");
        assertThat(url.credentials()).contains(new Credentials("admin", "p@ss"));
        assertThat(url.toString()).doesNotContain("p@ss");
        assertThat(RtspUrl.parse("rtsp://cam").port()).isEqualTo(554);
        RtspUrl v6 = RtspUrl.parse("rtsp://[::1]:8554/cam/1");
        assertThat(v6.host()).isEqualTo("::1");
        assertThat(v6.requestUri()).isEqualTo("rtsp://[::1]:8554/cam/1");
        assertThat(RtspUrl.redact("rtsp://admin:secret@h/x")).isEqualTo("rtsp://***@h/x");
        assertThatThrownBy(() -> RtspUrl.parse("http://h/x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RtspUrl.parse("rtsp://u:secret@/x")).hasMessageNotContaining("secret");
        assertThat(RtspUrl.resolveControl("rtsp://h/cam/1/", "trackID=0")).isEqualTo("rtsp://h/cam/1/trackID=0");
        assertThat(RtspUrl.resolveControl("rtsp://h/cam/1", "trackID=0")).isEqualTo("rtsp://h/cam/1/trackID=0");
        assertThat(RtspUrl.resolveControl("rtsp://h/cam/1", "rtsp://o/x")).isEqualTo("rtsp://o/x");
        assertThat(RtspUrl.resolveControl("rtsp://h/cam/1", "*")).isEqualTo("rtsp://h/cam/1");
    }
}
