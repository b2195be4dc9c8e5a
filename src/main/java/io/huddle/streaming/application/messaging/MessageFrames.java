package io.huddle.streaming.application.messaging;

import io.huddle.streaming.application.view.MessageView;
import io.huddle.streaming.domain.message.Reactions;
import io.huddle.streaming.protocol.Frames;
import io.huddle.streaming.protocol.Jsons;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;

import java.io.StringReader;
import java.util.List;

/**
 * The wire shape of a stored room message: the {@code message} frame sent live and on replay, and the same
 * object (without {@code type}) in a {@code history} ack. Edited messages carry {@code editedAt}; deleted
 * ones {@code deleted: true} and {@code data: null}; paged and replayed ones their {@code reactions}. Stateless.
 */
public final class MessageFrames {

    private MessageFrames() {
    }

    /** The {@code message} frame for {@code m}, as JSON text. */
    public static String of(MessageView m) {
        String frame = Frames.message("room", m.room(), m.id(), m.seq(), m.user(), m.data(), m.event().orElse(null),
                m.thread().orElse(null), m.ts().toString());
        if (m.editedAt().isEmpty() && !m.deleted() && m.reactions().isEmpty()) {
            return frame;
        }
        StringBuilder extra = new StringBuilder();
        m.editedAt().ifPresent(at -> extra.append(",\"editedAt\":\"").append(at).append('"'));
        if (m.deleted()) {
            extra.append(",\"deleted\":true");
        }
        if (!m.reactions().isEmpty()) {
            extra.append(",\"reactions\":").append(reactions(m.reactions()));
        }
        return frame.substring(0, frame.length() - 1) + extra + "}";
    }

    /** {@code counts} as the JSON array of a message's {@code reactions}: {@code [{reaction, count, me}]}. */
    public static JsonArray reactions(List<Reactions.Count> counts) {
        JsonArrayBuilder array = Jsons.createArrayBuilder();
        counts.forEach(c -> array.add(Jsons.createObjectBuilder().add("reaction", c.reaction()).add("count", c.count())
                .add("me", c.mine())));
        return array.build();
    }

    /** {@code m} as a JSON object without {@code type}, for history pages. */
    public static JsonObject object(MessageView m) {
        JsonObject frame = Jsons.createReader(new StringReader(of(m))).readObject();
        return Jsons.createObjectBuilder(frame).remove("type").build();
    }
}
