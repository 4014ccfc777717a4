package org.carewatch.core.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.Timeout;

/**
 * HTTP clients for outbound requests under the {@link OutboundPolicy}: every new connection asks the policy
 * for the host's addresses (resolved, each one checked) and connects to one of those, so the address used is
 * the address checked; TLS still verifies the host name. No redirects are followed, no proxy or system
 * properties are used, nothing is retried by the client itself. Blocking: call from virtual or worker threads.
 */
public final class OutboundHttp {
    private OutboundHttp() {
    }

    public static CloseableHttpClient client(OutboundPolicy policy, OutboundTarget target, Duration connectTimeout, Duration responseTimeout) {
        DnsResolver resolver = new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                return policy.resolve(target, host).toArray(InetAddress[]::new);
            }

            @Override
            public String resolveCanonicalHostname(String host) throws UnknownHostException {
                return resolve(host)[0].getHostAddress();
            }
        };
        var connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(resolver)
                .setMaxConnTotal(50)
                .setMaxConnPerRoute(5)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.ofMilliseconds(connectTimeout.toMillis()))
                        .setSocketTimeout(Timeout.ofMilliseconds(responseTimeout.toMillis()))
                        .setTimeToLive(5, TimeUnit.MINUTES)
                        .build())
                .build();
        return HttpClients.custom()
                .setConnectionManager(connections)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.ofMilliseconds(responseTimeout.toMillis()))
                        .setConnectionRequestTimeout(Timeout.ofMilliseconds(connectTimeout.toMillis()))
                        .setRedirectsEnabled(false)
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .setUserAgent("CareWatch/0.1")
                .build();
    }
}
