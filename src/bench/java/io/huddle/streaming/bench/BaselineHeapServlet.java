package io.huddle.streaming.bench;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Benchmark only: {@code GET /baseline/heap} runs a few full collections and answers the server JVM's used heap
 * in bytes a moment after each (the least of them), the heap in use right after each (the least of them: the live
 * objects), and how many sessions the bare endpoint holds: {@code {"usedHeap":123,"liveHeap":120,"sessions":4}}.
 */
@WebServlet("/heap")
public class BaselineHeapServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /**
     * Benchmark only: the number of open baseline sessions, published by {@link BaselineEndpoint}. A static
     * counter so that the servlet can read it; it holds no session.
     */
    private static final AtomicInteger SESSIONS = new AtomicInteger();

    static void opened() {
        SESSIONS.incrementAndGet();
    }

    static void closed() {
        SESSIONS.decrementAndGet();
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Runtime runtime = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        long live = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            live = Math.min(live, afterLastCollection());
            try {
                Thread.sleep(150);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            used = Math.min(used, runtime.totalMemory() - runtime.freeMemory());
        }
        response.setContentType("application/json");
        response.getWriter().write("{\"usedHeap\":" + used + ",\"liveHeap\":" + live + ",\"sessions\":"
                + SESSIONS.get() + "}");
    }

    /**
     * The heap in use right after the latest collection, summed over the heap's pools (their collection usage):
     * after a full collection, the live objects, without what the server allocated since (heartbeats, this request).
     */
    private static long afterLastCollection() {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage afterGc = pool.getType() == MemoryType.HEAP ? pool.getCollectionUsage() : null;
            if (afterGc != null) {
                used += afterGc.getUsed();
            }
        }
        return used;
    }
}
