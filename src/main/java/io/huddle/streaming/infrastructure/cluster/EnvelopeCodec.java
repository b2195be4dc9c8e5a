package io.huddle.streaming.infrastructure.cluster;

import io.huddle.streaming.hub.Envelope;
import io.huddle.streaming.hub.MembershipChange;
import io.huddle.streaming.hub.OutboundFrame;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The bytes of an envelope on the cluster's topic: a format version, then each field in a fixed order, the frame's
 * JSON as UTF-8 (so a frame is encoded as JSON once, by the node where it happened, and never parsed again on the
 * way). Java serialization is not used: nothing on the topic can make a node instantiate a class it names.
 * Stateless and thread-safe.
 */
final class EnvelopeCodec {

    /** The first byte of every encoded envelope; a node refuses other versions with a clear error. */
    static final byte VERSION = 2;

    private static final Envelope.Target[] TARGETS = Envelope.Target.values();

    private EnvelopeCodec() {
    }

    static byte[] encode(Envelope envelope) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128 + envelope.frame().json().length());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeByte(envelope.target().ordinal());
            out.writeInt(envelope.key().size());
            for (String key : envelope.key()) {
                Bodies.writeText(out, key);
            }
            OutboundFrame frame = envelope.frame();
            Bodies.writeText(out, frame.type());
            Bodies.writeText(out, frame.json());
            out.writeBoolean(frame.droppable());
            out.writeBoolean(frame.room().isPresent());
            if (frame.room().isPresent()) {
                Bodies.writeText(out, frame.room().get());
            }
            out.writeLong(frame.seq());
            out.writeBoolean(envelope.membership().isPresent());
            if (envelope.membership().isPresent()) {
                Bodies.writeText(out, envelope.membership().get().user());
                out.writeBoolean(envelope.membership().get().joined());
                out.writeBoolean(envelope.membership().get().plain());
            }
            out.writeInt(envelope.closeCode());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** @throws IllegalArgumentException if {@code data} is not an envelope of this version */
    static Envelope decode(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new IllegalArgumentException("envelope of format version " + version + ", expected " + VERSION);
            }
            int target = in.readUnsignedByte();
            if (target >= TARGETS.length) {
                throw new IllegalArgumentException("unknown envelope target " + target);
            }
            int keys = in.readInt();
            if (keys < 0 || keys > data.length) {
                throw new IllegalArgumentException("envelope with " + keys + " keys");
            }
            List<String> key = new ArrayList<>(keys);
            for (int i = 0; i < keys; i++) {
                key.add(Bodies.readText(in));
            }
            String type = Bodies.readText(in);
            String json = Bodies.readText(in);
            boolean droppable = in.readBoolean();
            Optional<String> room = in.readBoolean() ? Optional.of(Bodies.readText(in)) : Optional.empty();
            long seq = in.readLong();
            Optional<MembershipChange> membership = in.readBoolean()
                    ? Optional.of(new MembershipChange(Bodies.readText(in), in.readBoolean(), in.readBoolean()))
                    : Optional.empty();
            int closeCode = in.readInt();
            return new Envelope(TARGETS[target], key, new OutboundFrame(type, json, droppable, room, seq), membership,
                    closeCode);
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated envelope of " + data.length + " bytes", e);
        }
    }
}
