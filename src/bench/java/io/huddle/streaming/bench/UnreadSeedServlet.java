package io.huddle.streaming.bench;

import jakarta.annotation.Resource;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * Benchmark only, never part of Huddle: fills Huddle's database ({@code jdbc/huddle}) for the unread mode, in bulk
 * SQL, as if the rooms had lived: {@code POST /baseline/unread-seed?prefix=P&user=U&rooms=R&messages=M}. Creates R
 * public rooms {@code P-0 .. P-(R-1)} owned by {@code bench-owner}, each holding M/R messages (seqs 1..M/R, the
 * room's {@code last_seq} set to match), makes U a member of each with a read marker that leaves 0 to 990 messages
 * unread (room i: {@code (i % 100) * 10}), and records a mention of U in every 50th message. One local transaction
 * per room; then the tables are vacuumed and analyzed ({@link #analyze}). Answers {@code {"rooms":R,"messages":N,"nanos":elapsed}}, or 500 with {@code {"error":"..."}}.
 */
@WebServlet("/unread-seed")
public class UnreadSeedServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Resource(lookup = "jdbc/huddle")
    private transient DataSource dataSource;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String prefix = request.getParameter("prefix");
        String user = request.getParameter("user");
        int rooms;
        long messages;
        try {
            rooms = Integer.parseInt(String.valueOf(request.getParameter("rooms")));
            messages = Long.parseLong(String.valueOf(request.getParameter("messages")));
        } catch (NumberFormatException e) {
            rooms = -1;
            messages = -1;
        }
        if (prefix == null || !prefix.matches("[a-z0-9-]{1,40}") || user == null || !user.matches("[a-z0-9-]{1,40}")
                || rooms < 1 || rooms > 10_000 || messages < rooms || messages > 50_000_000) {
            answer(response, 400, "{\"error\":\"prefix, user ([a-z0-9-]{1,40}), rooms (1-10000) and messages (rooms to"
                    + " 50000000) are required\"}");
            return;
        }
        long perRoom = messages / rooms;
        long start = System.nanoTime();
        try (Connection connection = dataSource.getConnection()) {
            boolean postgresql = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgresql");
            connection.setAutoCommit(false);
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            for (int i = 0; i < rooms; i++) {
                String room = prefix + "-" + i;
                long unread = (i % 100) * 10L;
                seedRoom(connection, postgresql, room, user, perRoom, Math.max(0, perRoom - unread), now);
                connection.commit();
            }
            analyze(connection, postgresql);
            answer(response, 200, "{\"rooms\":" + rooms + ",\"messages\":" + perRoom * rooms + ",\"nanos\":"
                    + (System.nanoTime() - start) + "}");
        } catch (SQLException | RuntimeException e) {
            answer(response, 500, "{\"error\":\"" + e.toString().replace('"', '\'').replace('\\', '/') + "\"}");
        }
    }

    /**
     * Brings the tables' statistics (and, on PostgreSQL, the visibility map) up to date, as the database's own
     * maintenance (autovacuum) does for tables that grew over time: what a lived-in database looks like.
     */
    private static void analyze(Connection connection, boolean postgresql) throws SQLException {
        connection.setAutoCommit(true);
        try (var statement = connection.createStatement()) {
            for (String table : new String[] {"rooms", "room_members", "room_mentions", "messages"}) {
                statement.execute((postgresql ? "vacuum analyze " : "analyze table ") + table);
            }
        }
    }

    private static void seedRoom(Connection connection, boolean postgresql, String room, String user, long count,
                                 long readSeq, OffsetDateTime now) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("insert into rooms (id, name, is_private, owner_id,"
                + " last_seq, created_at, updated_at) values (?, ?, false, 'bench-owner', ?, ?, ?)")) {
            insert.setString(1, room);
            insert.setString(2, "Unread " + room);
            insert.setLong(3, count);
            insert.setObject(4, now);
            insert.setObject(5, now);
            insert.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement("insert into room_members (room_id, user_id, role,"
                + " joined_at, read_seq) values (?, ?, 'MEMBER', ?, ?)")) {
            insert.setString(1, room);
            insert.setString(2, user);
            insert.setObject(3, now);
            insert.setLong(4, readSeq);
            insert.executeUpdate();
        }
        String series = postgresql ? "generate_series(1, ?) as s(x)" : "system_range(1, ?) as s(x)";
        try (PreparedStatement insert = connection.prepareStatement("insert into messages (id, room_id, seq, user_id,"
                + " data, created_at) select ? || '-' || s.x, ?, s.x, 'bench-owner', '{\"n\":' || s.x || '}', ? from " + series)) {
            insert.setString(1, room);
            insert.setString(2, room);
            insert.setObject(3, now);
            insert.setLong(4, count);
            insert.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement("insert into room_mentions (user_id, room_id, seq)"
                + " select ?, ?, s.x from " + series + " where mod(s.x, 50) = 0")) {
            insert.setString(1, user);
            insert.setString(2, room);
            insert.setLong(3, count);
            insert.executeUpdate();
        }
    }

    private static void answer(HttpServletResponse response, int status, String json) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(json);
    }
}
