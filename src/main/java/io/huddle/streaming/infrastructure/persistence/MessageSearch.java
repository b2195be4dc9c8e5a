package io.huddle.streaming.infrastructure.persistence;

import io.huddle.streaming.domain.message.HistoryQuery;
import io.huddle.streaming.domain.message.Message;
import io.huddle.streaming.domain.message.SearchText;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import java.util.List;

/**
 * The history query of a text search: messages of the room, not deleted, whose string values hold every word of
 * the query (see {@link SearchText}). On PostgreSQL the words are matched by full-text search over the indexed
 * {@code search_vector}; elsewhere by whole-word {@code like} over {@code search_text}. Stateless.
 */
final class MessageSearch {

    private MessageSearch() {
    }

    /**
     * The query for a page of {@code query} (with text), newest first unless it pages forward, at most
     * {@code limit} rows; a query without a word matches nothing.
     */
    @SuppressWarnings("unchecked")
    static List<Message> page(EntityManager em, boolean postgresql, HistoryQuery query, int limit) {
        List<String> words = SearchText.words(query.text().orElseThrow());
        if (words.isEmpty()) {
            return List.of();
        }
        boolean forward = query.after().isPresent();
        StringBuilder sql = new StringBuilder("select m.* from messages m where m.room_id = :room and m.deleted_at is null");
        query.after().ifPresent(after -> sql.append(" and m.seq > :after"));
        query.before().ifPresent(before -> sql.append(" and m.seq < :before"));
        query.thread().ifPresent(thread -> sql.append(" and m.thread_id = :thread"));
        query.author().ifPresent(author -> sql.append(" and m.user_id = :author"));
        if (postgresql) {
            sql.append(" and m.search_vector @@ plainto_tsquery('simple', :words)");
        } else {
            for (int i = 0; i < words.size(); i++) {
                sql.append(" and m.search_text like :w").append(i);
            }
        }
        sql.append(forward ? " order by m.seq asc" : " order by m.seq desc");
        Query q = em.createNativeQuery(sql.toString(), Message.class).setParameter("room", query.room().value());
        query.after().ifPresent(after -> q.setParameter("after", after));
        query.before().ifPresent(before -> q.setParameter("before", before));
        query.thread().ifPresent(thread -> q.setParameter("thread", thread));
        query.author().ifPresent(author -> q.setParameter("author", author));
        if (postgresql) {
            q.setParameter("words", String.join(" ", words));
        } else {
            for (int i = 0; i < words.size(); i++) {
                // Words hold only letters and digits: nothing to escape for like.
                q.setParameter("w" + i, "% " + words.get(i) + " %");
            }
        }
        return q.setMaxResults(limit).getResultList();
    }
}
