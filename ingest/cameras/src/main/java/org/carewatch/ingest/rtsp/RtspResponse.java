package org.carewatch.ingest.rtsp;

import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** An RTSP response copied out of Netty's reference-counted message, so it can be passed around freely. */
public record RtspResponse(int status, String reason, HttpHeaders headers, byte[] body) {

    static RtspResponse copyOf(FullHttpResponse r) {
        byte[] body = new byte[r.content().readableBytes()];
        r.content().getBytes(r.content().readerIndex(), body);
        return new RtspResponse(r.status().code(), r.status().reasonPhrase(), r.headers().copy(), body);
    }

    public String header(CharSequence name) {
        return headers.get(name);
    }

    public List<String> all(CharSequence name) {
        return headers.getAll(name);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public boolean ok() {
        return status >= 200 && status < 300;
    }
}
