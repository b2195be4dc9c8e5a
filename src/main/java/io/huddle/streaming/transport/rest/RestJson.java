package io.huddle.streaming.transport.rest;

import io.huddle.streaming.application.messaging.MessageFrames;
import io.huddle.streaming.application.view.BanView;
import io.huddle.streaming.application.view.HistoryView;
import io.huddle.streaming.application.view.InviteView;
import io.huddle.streaming.application.view.MemberView;
import io.huddle.streaming.application.view.MessageView;
import io.huddle.streaming.application.view.ModerationLogEntry;
import io.huddle.streaming.application.view.MuteView;
import io.huddle.streaming.application.view.RoomListing;
import io.huddle.streaming.application.view.RoomView;
import io.huddle.streaming.protocol.Jsons;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Function;

/**
 * The JSON shapes of the REST API, built from the application's views. Field names are camelCase, times are
 * ISO-8601 UTC, absent optional fields are omitted. Stateless.
 */
final class RestJson {

    private RestJson() {
    }

    static JsonObject room(RoomView r) {
        JsonObjectBuilder b = Jsons.createObjectBuilder().add("id", r.id()).add("name", r.name()).add("owner", r.owner())
                .add("private", r.isPrivate()).add("archived", r.isArchived()).add("lastSeq", r.lastSeq())
                .add("slowModeMs", r.slowModeMs()).add("locked", r.locked())
                .add("createdAt", r.createdAt().toString()).add("updatedAt", r.updatedAt().toString());
        r.description().ifPresent(d -> b.add("description", d));
        r.maxMembers().ifPresent(m -> b.add("maxMembers", m));
        r.metadata().ifPresent(m -> b.add("metadata", parse(m)));
        b.add("tags", Jsons.createArrayBuilder(r.tags()));
        r.category().ifPresent(c -> b.add("category", c));
        return b.build();
    }

    static JsonObject listing(RoomListing listing) {
        return Jsons.createObjectBuilder(room(listing.room())).add("members", listing.members()).build();
    }

    static JsonObject member(MemberView m, String status) {
        return Jsons.createObjectBuilder().add("user", m.user()).add("role", m.role().wireName())
                .add("status", status).add("joinedAt", m.joinedAt().toString()).build();
    }

    static JsonObject ban(BanView b) {
        JsonObjectBuilder o = Jsons.createObjectBuilder().add("room", b.room()).add("user", b.user())
                .add("by", b.bannedBy()).add("at", b.at().toString());
        b.reason().ifPresent(r -> o.add("reason", r));
        b.until().ifPresent(u -> o.add("until", u.toString()));
        return o.build();
    }

    static JsonObject mute(MuteView m) {
        JsonObjectBuilder o = Jsons.createObjectBuilder().add("room", m.room()).add("user", m.user())
                .add("by", m.mutedBy()).add("at", m.at().toString());
        m.until().ifPresent(u -> o.add("until", u.toString()));
        return o.build();
    }

    static JsonObject invite(InviteView i) {
        JsonObjectBuilder o = Jsons.createObjectBuilder().add("code", i.code()).add("room", i.room())
                .add("createdBy", i.createdBy()).add("createdAt", i.createdAt().toString()).add("uses", i.uses());
        i.expiresAt().ifPresent(e -> o.add("expiresAt", e.toString()));
        i.maxUses().ifPresent(m -> o.add("maxUses", m));
        return o.build();
    }

    static JsonObject logEntry(ModerationLogEntry e) {
        JsonObjectBuilder o = Jsons.createObjectBuilder().add("id", e.id()).add("room", e.room())
                .add("actor", e.actor()).add("action", e.action()).add("at", e.at().toString());
        e.target().ifPresent(t -> o.add("target", t));
        e.reason().ifPresent(r -> o.add("reason", r));
        return o.build();
    }

    static JsonObject message(MessageView m) {
        JsonObjectBuilder o = Jsons.createObjectBuilder().add("id", m.id()).add("room", m.room()).add("seq", m.seq())
                .add("user", m.user()).add("data", parse(m.data())).add("ts", m.ts().toString());
        m.event().ifPresent(e -> o.add("event", e));
        m.thread().ifPresent(t -> o.add("thread", t));
        m.editedAt().map(Instant::toString).ifPresent(e -> o.add("editedAt", e));
        if (m.deleted()) {
            o.add("deleted", true);
        }
        if (!m.reactions().isEmpty()) {
            o.add("reactions", MessageFrames.reactions(m.reactions()));
        }
        return o.build();
    }

    static JsonObject history(HistoryView page) {
        return Jsons.createObjectBuilder().add("messages", array(page.messages(), RestJson::message))
                .add("more", page.more()).build();
    }

    static <T> JsonArrayBuilder array(Collection<T> items, Function<T, JsonObject> shape) {
        JsonArrayBuilder array = Jsons.createArrayBuilder();
        items.forEach(item -> array.add(shape.apply(item)));
        return array;
    }

    static JsonObject wrap(String name, JsonArrayBuilder array) {
        return Jsons.createObjectBuilder().add(name, array).build();
    }

    static Optional<String> text(JsonValue value) {
        return Optional.ofNullable(value).map(JsonValue::toString);
    }

    private static JsonValue parse(String json) {
        return Jsons.createReader(new StringReader(json)).readValue();
    }
}
