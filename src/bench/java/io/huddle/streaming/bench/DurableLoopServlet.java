package io.huddle.streaming.bench;

import io.huddle.streaming.domain.message.MessageIds;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Benchmark only, never part of Huddle: the bare durable loop, the least a stored publish must do, on Huddle's own
 * database and connection pool ({@code jdbc/huddle}). Deployed in {@code baseline.war}, at {@code /baseline/durable}.
 *
 * <ul>
 *   <li>{@code GET} answers the database's product name: {@code {"database":"H2"}}.</li>
 *   <li>{@code POST ?room=B&threads=T&seconds=S}: T threads each loop until S seconds are up, one local
 *       transaction per turn: take a connection from the pool, increment room B's {@code last_seq} and read it in
 *       one statement, insert one row into {@code messages}, commit, close the connection. Answers
 *       {@code {"database":"H2","count":N,"nanos":elapsed}} (N commits), or 500 with {@code {"error":"..."}} when
 *       a turn failed (the threads then stop).</li>
 * </ul>
 * The row is what a publish of the room mode stores: an id made as Huddle makes them ({@link MessageIds}), the
 * room, the seq, a user, data of the same shape ({@code {"sentNs":..,"p":..,"n":..}}), the time, and {@code search_text} as Huddle stores it for such data
 * (no string values, so none); the other columns are null. Room B must exist (its {@code rooms} row holds the seq).
 * {@code room} may name several rooms, comma-separated: each thread then takes them in turn, starting at its own
 * index, so that concurrent turns store into different rooms, as the publishes of many small rooms do.
 * The threads come from the container's default managed thread factory, so that they run with the application's
 * context like the server's own threads.
 */
@WebServlet("/durable")
public class DurableLoopServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private static final String INSERT = "insert into messages (id, room_id, seq, user_id, data, created_at, search_text)"
            + " values (?, ?, ?, ?, ?, ?, ?)";
    private static final String NEXT_SEQ_POSTGRESQL = "update rooms set last_seq = last_seq + 1 where id = ? returning last_seq";
    private static final String NEXT_SEQ_H2 = "select last_seq from final table (update rooms set last_seq = last_seq + 1 where id = ?)";
    private static final int MAX_THREADS = 256;
    private static final int MAX_SECONDS = 600;

    @Resource(lookup = "jdbc/huddle")
    private transient DataSource dataSource;

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    private transient ManagedThreadFactory threadFactory;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            answer(response, 200, "{\"database\":" + quote(productName()) + "}");
        } catch (SQLException e) {
            answer(response, 500, "{\"error\":" + quote(e.toString()) + "}");
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String room = request.getParameter("room");
        String[] rooms = room == null ? new String[0] : room.split(",");
        int threads = -1;
        double seconds = -1;
        try {
            threads = Integer.parseInt(String.valueOf(request.getParameter("threads")));
            seconds = Double.parseDouble(String.valueOf(request.getParameter("seconds")));
        } catch (NumberFormatException e) {
            // answered below
        }
        if (room == null || room.isEmpty() || threads < 1 || threads > MAX_THREADS || !(seconds > 0) || seconds > MAX_SECONDS) {
            answer(response, 400, "{\"error\":\"room, threads (1-" + MAX_THREADS + ") and seconds (up to " + MAX_SECONDS
                    + ") are required\"}");
            return;
        }
        try {
            String database = productName();
            String nextSeq = database.toLowerCase(Locale.ROOT).contains("postgresql") ? NEXT_SEQ_POSTGRESQL : NEXT_SEQ_H2;
            AtomicLong count = new AtomicLong();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            long start = System.nanoTime();
            long deadline = start + (long) (seconds * 1e9);
            List<Thread> running = new ArrayList<>(threads);
            for (int t = 0; t < threads; t++) {
                int index = t;
                Thread thread = threadFactory.newThread(() -> loop(rooms, nextSeq, index, deadline, count, failure));
                thread.setName("durable-loop-" + t);
                running.add(thread);
            }
            running.forEach(Thread::start);
            for (Thread thread : running) {
                thread.join(TimeUnit.SECONDS.toMillis((long) seconds + 60));
                if (thread.isAlive()) {
                    failure.compareAndSet(null, new IllegalStateException(thread.getName() + " did not finish"));
                }
            }
            long elapsed = System.nanoTime() - start;
            Throwable failed = failure.get();
            if (failed != null) {
                answer(response, 500, "{\"error\":" + quote(failed.toString()) + ",\"count\":" + count.get() + "}");
            } else {
                answer(response, 200, "{\"database\":" + quote(database) + ",\"count\":" + count.get()
                        + ",\"nanos\":" + elapsed + "}");
            }
        } catch (SQLException e) {
            answer(response, 500, "{\"error\":" + quote(e.toString()) + "}");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer(response, 500, "{\"error\":\"interrupted\"}");
        }
    }

    /** One thread's turns until {@code deadline} or the first failure (of any thread). */
    private void loop(String[] rooms, String nextSeq, int thread, long deadline, AtomicLong count,
                      AtomicReference<Throwable> failure) {
        String user = "durable-" + thread;
        long n = 0;
        try {
            while (System.nanoTime() < deadline && failure.get() == null) {
                store(rooms[(int) ((thread + n) % rooms.length)], nextSeq, user, "{\"sentNs\":" + System.nanoTime() + ",\"p\":" + thread + ",\"n\":" + n + "}");
                n++;
                count.incrementAndGet();
            }
        } catch (SQLException | RuntimeException e) {
            failure.compareAndSet(null, e);
        }
    }

    /** One durable message: the seq and the row in one local transaction, committed. */
    private void store(String room, String nextSeq, String user, String data) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                long seq;
                try (PreparedStatement next = connection.prepareStatement(nextSeq)) {
                    next.setString(1, room);
                    try (ResultSet result = next.executeQuery()) {
                        if (!result.next()) {
                            throw new SQLException("no room " + room);
                        }
                        seq = result.getLong(1);
                    }
                }
                try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                    insert.setString(1, MessageIds.next());
                    insert.setString(2, room);
                    insert.setLong(3, seq);
                    insert.setString(4, user);
                    insert.setString(5, data);
                    insert.setObject(6, OffsetDateTime.now(ZoneOffset.UTC));
                    insert.setNull(7, Types.VARCHAR);
                    insert.executeUpdate();
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private String productName() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName();
        }
    }

    private static void answer(HttpServletResponse response, int status, String json) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(json);
    }

    /** {@code text} as a JSON string. */
    private static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
