package org.carewatch.ui.http;

/** The root page until the patrol console lands: what this server is and where its API is described. */
final class LandingPage {
    static final String HTML = """
            <!doctype html>
            <html lang="zh-CN"><head><meta charset="utf-8"><title>CareWatch 托育远程巡查</title></head>
            <body>
            <h1>CareWatch 托育远程巡查与物联监测</h1>
            <p>面向区级托育监管部门的每日网上轮巡、远程视频调阅与安全隐患监测预警服务。</p>
            <p lang="en">Remote patrol and IoT monitoring for childcare regulators.</p>
            <ul>
              <li><a href="/api/v1/openapi.yaml">API 说明 / API description (OpenAPI)</a></li>
              <li><a href="/readyz">就绪状态 / Readiness</a></li>
              <li><a href="/metrics">监控指标 / Metrics</a></li>
            </ul>
            </body></html>
            """;

    private LandingPage() {
    }
}
