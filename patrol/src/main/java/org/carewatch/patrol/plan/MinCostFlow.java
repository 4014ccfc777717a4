package org.carewatch.patrol.plan;

import java.util.Arrays;
import java.util.PriorityQueue;

/**
 * Successive shortest paths (Dijkstra with potentials) for min-cost max-flow with non-negative edge costs.
 * Deterministic: ties go to the node and edge added first, so the same graph built in the same order
 * gives the same flow (the planner's draws depend on that).
 */
final class MinCostFlow {
    private int[] head;
    private int[] tail;
    private int[] next = new int[16];
    private int[] to = new int[16];
    private int[] cap = new int[16];
    private long[] cost = new long[16];
    private int edges;
    private final int nodes;

    MinCostFlow(int nodes) {
        this.nodes = nodes;
        head = new int[nodes];
        tail = new int[nodes];
        Arrays.fill(head, -1);
    }

    /** Adds u→v and returns its id (its flow is read with {@link #flow(int)}). */
    int addEdge(int u, int v, int capacity, long c) {
        if (c < 0) {
            throw new IllegalArgumentException("costs must be non-negative");
        }
        int id = edges;
        add(u, v, capacity, c);
        add(v, u, 0, -c);
        return id;
    }

    private void add(int u, int v, int capacity, long c) {
        if (edges == to.length) {
            int n = edges * 2;
            next = Arrays.copyOf(next, n);
            to = Arrays.copyOf(to, n);
            cap = Arrays.copyOf(cap, n);
            cost = Arrays.copyOf(cost, n);
        }
        to[edges] = v;
        cap[edges] = capacity;
        cost[edges] = c;
        // Appended at the end of u's list, so edges are scanned in the order they were added.
        next[edges] = -1;
        if (head[u] == -1) {
            head[u] = edges;
        } else {
            next[tail[u]] = edges;
        }
        tail[u] = edges;
        edges++;
    }

    int flow(int edge) {
        return cap[edge ^ 1];
    }

    /** Pushes as much flow as possible from s to t at least cost; returns the flow. */
    long run(int s, int t) {
        long[] pot = new long[nodes];
        long[] dist = new long[nodes];
        int[] prevEdge = new int[nodes];
        long flow = 0;
        while (true) {
            Arrays.fill(dist, Long.MAX_VALUE);
            Arrays.fill(prevEdge, -1);
            dist[s] = 0;
            // Entries {distance, sequence, node}: equal distances pop in insertion order.
            PriorityQueue<long[]> pq = new PriorityQueue<>((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
            long seq = 0;
            pq.add(new long[] {0, seq++, s});
            while (!pq.isEmpty()) {
                long[] top = pq.poll();
                int u = (int) top[2];
                if (top[0] > dist[u]) {
                    continue;
                }
                for (int e = head[u]; e != -1; e = next[e]) {
                    if (cap[e] <= 0) {
                        continue;
                    }
                    int v = to[e];
                    long nd = dist[u] + cost[e] + pot[u] - pot[v];
                    if (nd < dist[v]) {
                        dist[v] = nd;
                        prevEdge[v] = e;
                        pq.add(new long[] {nd, seq++, v});
                    }
                }
            }
            if (dist[t] == Long.MAX_VALUE) {
                return flow;
            }
            // Capping at dist[t] keeps every residual reduced cost non-negative, also for nodes not reached.
            long dt = dist[t];
            for (int i = 0; i < nodes; i++) {
                pot[i] += Math.min(dist[i], dt);
            }
            int push = Integer.MAX_VALUE;
            for (int v = t; v != s; v = to[prevEdge[v] ^ 1]) {
                push = Math.min(push, cap[prevEdge[v]]);
            }
            for (int v = t; v != s; v = to[prevEdge[v] ^ 1]) {
                cap[prevEdge[v]] -= push;
                cap[prevEdge[v] ^ 1] += push;
            }
            flow += push;
        }
    }
}
