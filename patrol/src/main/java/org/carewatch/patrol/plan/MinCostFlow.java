package org.carewatch.patrol.plan;

import java.util.Arrays;
import java.util.PriorityQueue;

/**
 * Min-cost flow by successive shortest paths (Dijkstra with potentials), one source at a time, for graphs
 * whose edge costs are non-negative.
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

    /**
     * Pushes one unit from {@code s} to {@code t} along a cheapest path, keeping the flow of least cost for the
     * sources added so far (the row-by-row Hungarian method): {@code s} must be a node whose only edges are
     * its own unused outgoing ones. Dijkstra on reduced costs stops when {@code t} is settled; nodes it did
     * not settle have their potential moved with {@code t}'s, which keeps every reduced cost non-negative.
     *
     * @return false when no path exists
     */
    boolean augmentFrom(int s, int t) {
        if (pot == null) {
            pot = new long[nodes];
            dist = new long[nodes];
            prevEdge = new int[nodes];
            Arrays.fill(dist, Long.MAX_VALUE);
            touched = new int[nodes];
        }
        // A new source: raise its potential so its outgoing reduced costs are non-negative.
        long p = Long.MIN_VALUE;
        for (int e = head[s]; e != -1; e = next[e]) {
            if (cap[e] > 0) {
                p = Math.max(p, pot[to[e]] - cost[e]);
            }
        }
        if (p == Long.MIN_VALUE) {
            return false;
        }
        pot[s] = p;
        int touchedCount = 0;
        dist[s] = 0;
        prevEdge[s] = -1;
        touched[touchedCount++] = s;
        PriorityQueue<long[]> pq = new PriorityQueue<>((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        long seq = 0;
        pq.add(new long[] {0, seq++, s});
        long dt = Long.MAX_VALUE;
        while (!pq.isEmpty()) {
            long[] top = pq.poll();
            int u = (int) top[2];
            if (top[0] > dist[u]) {
                continue;
            }
            if (u == t) {
                dt = top[0];
                break;
            }
            for (int e = head[u]; e != -1; e = next[e]) {
                if (cap[e] <= 0) {
                    continue;
                }
                int v = to[e];
                long nd = dist[u] + cost[e] + pot[u] - pot[v];
                if (nd < dist[v]) {
                    if (dist[v] == Long.MAX_VALUE) {
                        touched[touchedCount++] = v;
                    }
                    dist[v] = nd;
                    prevEdge[v] = e;
                    pq.add(new long[] {nd, seq++, v});
                }
            }
        }
        boolean found = dt != Long.MAX_VALUE;
        if (found) {
            // Untouched nodes would get +dt; shifting every potential by -dt changes no reduced cost, so only
            // touched nodes move, by min(dist, dt) - dt.
            for (int i = 0; i < touchedCount; i++) {
                int v = touched[i];
                pot[v] += Math.min(dist[v], dt) - dt;
            }
            for (int v = t; v != s; v = to[prevEdge[v] ^ 1]) {
                cap[prevEdge[v]] -= 1;
                cap[prevEdge[v] ^ 1] += 1;
            }
        }
        for (int i = 0; i < touchedCount; i++) {
            dist[touched[i]] = Long.MAX_VALUE;
        }
        return found;
    }

    private long[] pot;
    private long[] dist;
    private int[] prevEdge;
    private int[] touched;
}
