package io.huddle.streaming.hub;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RoomStreamsTest {

    private final RoomStreams streams = new RoomStreams();

    private static OutboundFrame message(long seq) {
        return OutboundFrame.roomMessage("r", seq, "{\"seq\":" + seq + "}");
    }

    @Test
    void aMessageSeqIsAdmittedOnceAndNeverAfterALaterOne() {
        assertTrue(streams.admit("r", message(1)));
        assertFalse(streams.admit("r", message(1)));
        assertTrue(streams.admit("r", message(3)));
        assertFalse(streams.admit("r", message(2)));
    }

    @Test
    void roomsKeepSeparateSeqs() {
        assertTrue(streams.admit("r", message(5)));
        assertTrue(streams.admit("other", OutboundFrame.roomMessage("other", 1, "{}")));
        assertFalse(streams.admit("r", message(4)));
    }

    @Test
    void aReplayFillsInWhatArrivedBeforeTheFirstLiveMessageAndNothingElse() {
        assertTrue(streams.admit("r", message(4)));
        assertTrue(streams.admit("r", message(5)));
        streams.hold("r");
        List<Long> replayed = new ArrayList<>();
        for (long seq = 2; seq <= 6; seq++) {
            if (streams.missing("r", seq)) {
                replayed.add(seq);
            }
        }
        streams.replayed("r", 1, 6);
        assertEquals(List.of(2L, 3L, 6L), replayed);
        assertFalse(streams.missing("r", 2));
        assertTrue(streams.missing("r", 1));
        assertTrue(streams.missing("r", 7));
    }

    @Test
    void aJoinWithoutSinceSkipsLiveMessagesUpToItsSeqWithoutClaimingThem() {
        streams.skipTo("r", 10);
        assertFalse(streams.admit("r", message(10)));
        assertTrue(streams.missing("r", 9));
        assertTrue(streams.admit("r", message(11)));
        assertFalse(streams.missing("r", 11));
        assertTrue(streams.missing("r", 10));
    }

    @Test
    void framesWithoutSeqAreAlwaysAdmitted() {
        OutboundFrame member = OutboundFrame.of("member", "{}");
        assertTrue(streams.admit("r", member));
        assertTrue(streams.admit("r", member));
    }

    @Test
    void framesHeldDuringAReplayAreReleasedInOrderWithoutWhatTheReplayCarried() {
        streams.hold("r");
        OutboundFrame member = OutboundFrame.of("member", "{}");
        assertFalse(streams.admit("r", message(2)));
        assertFalse(streams.admit("r", member));
        assertFalse(streams.admit("r", message(3)));
        assertFalse(streams.admit("r", message(4)));

        List<OutboundFrame> released = new ArrayList<>();
        streams.release("r", 3, released::add);

        assertEquals(List.of(member, message(4)), released);
        assertTrue(streams.admit("r", message(5)));
        assertFalse(streams.admit("r", message(4)));
    }

    @Test
    void releasingWithoutAHoldSendsNothing() {
        List<OutboundFrame> released = new ArrayList<>();
        streams.release("r", 3, released::add);
        assertTrue(released.isEmpty());
    }

    @Test
    void aRoomsStreamSharesItsStateWithLookupsByRoom() {
        RoomStreams.Stream stream = streams.stream("r");
        assertTrue(stream == streams.stream("r"));
        assertTrue(stream.admit(message(1)));
        assertFalse(streams.admit("r", message(1)));

        streams.hold("r");
        assertFalse(stream.admit(message(2)));
        List<OutboundFrame> released = new ArrayList<>();
        streams.release("r", 1, released::add);
        assertEquals(List.of(message(2)), released);
        assertFalse(stream.admit(message(2)));
    }
}
