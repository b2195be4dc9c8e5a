package io.huddle.streaming.infrastructure.cluster;

import io.huddle.streaming.hub.Envelope;
import io.huddle.streaming.hub.MembershipChange;
import io.huddle.streaming.hub.OutboundFrame;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EnvelopeCodecTest {

    @Test
    void everyKindOfEnvelopeComesBackEqual() {
        List<Envelope> envelopes = List.of(
                Envelope.toRoom("lobby", OutboundFrame.roomMessage("lobby", 42, "{\"type\":\"message\",\"data\":\"héllo 🎉\"}")),
                Envelope.membership("lobby", OutboundFrame.of("member", "{}"), MembershipChange.plain("bob", true)),
                Envelope.membership("lobby", OutboundFrame.of("member", "{}"), MembershipChange.ended("carol")),
                Envelope.membership("lobby", OutboundFrame.of("room", "{}"), MembershipChange.roomGone()),
                Envelope.disconnect(List.of("alice", "bob"), OutboundFrame.of("system", "{}"), 4409),
                Envelope.toChannel("news", OutboundFrame.droppable("message", "{}")),
                Envelope.toAll(OutboundFrame.of("message", "")));
        for (Envelope envelope : envelopes) {
            assertEquals(envelope, EnvelopeCodec.decode(EnvelopeCodec.encode(envelope)));
        }
    }

    @Test
    void anotherFormatVersionIsRefusedByName() {
        byte[] data = EnvelopeCodec.encode(Envelope.toAll(OutboundFrame.of("message", "{}")));
        data[0] = 9;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EnvelopeCodec.decode(data));
        assertEquals("envelope of format version 9, expected " + EnvelopeCodec.VERSION, e.getMessage());
    }

    @Test
    void truncatedBytesAreRefused() {
        byte[] data = EnvelopeCodec.encode(Envelope.toRoom("lobby", OutboundFrame.roomMessage("lobby", 1, "{\"a\":1}")));
        for (int length = 0; length < data.length; length++) {
            byte[] cut = Arrays.copyOf(data, length);
            assertThrows(IllegalArgumentException.class, () -> EnvelopeCodec.decode(cut), "cut at " + length);
        }
    }
}
