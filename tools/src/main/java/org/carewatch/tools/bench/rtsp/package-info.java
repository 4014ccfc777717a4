/** Benchmark mains (no timed tests): each prints JSON lines, the last one its headline figures. */
package org.carewatch.tools.bench.rtsp;
