package io.huddle.streaming.hub;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

class RoomSequencerTest {

    private static final String ROOM = "lobby";

    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final List<Envelope> delivered = Collections.synchronizedList(new ArrayList<>());
    private final Map<Long, OutboundFrame> stored = Collections.synchronizedMap(new TreeMap<>());
    private final RoomHistory history = new RoomHistory() {
        @Override
        public List<OutboundFrame> messages(String room, long after, long upTo) {
            synchronized (stored) {
                return stored.entrySet().stream().filter(e -> e.getKey() > after && e.getKey() <= upTo)
                        .map(Map.Entry::getValue).toList();
            }
        }

        @Override
        public OptionalLong lastSeq(String room) {
            synchronized (stored) {
                return OptionalLong.of(stored.keySet().stream().mapToLong(Long::longValue).max().orElse(0));
            }
        }
    };
    private final RoomSequencer sequencer = new RoomSequencer(delivered::add, history, timers, Duration.ofMillis(50));

    @AfterEach
    void stopTimers() {
        timers.shutdownNow();
    }

    @Test
    void framesAfterTheFirstArePassedOnAtOnceInSeqOrder() {
        sequencer.accept(message(1));
        awaitSeqs(1L);
        sequencer.accept(message(2));
        sequencer.accept(message(3));
        assertEquals(List.of(1L, 2L, 3L), seqs());
    }

    @Test
    void theFirstFramesOfARoomAreSortedBeforeTheRunStarts() {
        sequencer.accept(message(8));
        sequencer.accept(message(7));
        awaitSeqs(7L, 8L);
    }

    @Test
    void aHoleIsFilledFromHistoryAfterTheWait() {
        start(1);
        stored.put(2L, frame(2));
        stored.put(3L, frame(3));
        sequencer.accept(message(4));
        awaitSeqs(1L, 2L, 3L, 4L);
        assertEquals(2, sequencer.readFromHistory());
    }

    @Test
    void aFrameArrivingLateWithinTheWaitClosesTheHoleWithoutHistory() {
        start(1);
        sequencer.accept(message(3));
        sequencer.accept(message(2));
        assertEquals(List.of(1L, 2L, 3L), seqs());
        assertEquals(0, sequencer.readFromHistory());
    }

    @Test
    void aSeqArrivingTwiceIsPassedOnOnce() {
        start(1);
        sequencer.accept(message(2));
        sequencer.accept(message(2));
        sequencer.accept(message(1));
        assertEquals(List.of(1L, 2L), seqs());
    }

    @Test
    void aSeqThatHistoryNoLongerHoldsIsPassedOver() {
        start(1);
        stored.put(3L, frame(3));
        sequencer.accept(message(4));
        awaitSeqs(1L, 3L, 4L);
        assertEquals(1, sequencer.passedOver());
    }

    @Test
    void catchingUpReadsWhatWasStoredAfterTheLastSeqPassedOn() {
        start(1);
        stored.put(2L, frame(2));
        stored.put(3L, frame(3));
        sequencer.catchUp();
        awaitSeqs(1L, 2L, 3L);
        sequencer.accept(message(3));
        sequencer.accept(message(4));
        assertEquals(List.of(1L, 2L, 3L, 4L), seqs());
    }

    @Test
    void framesThatAreNotRoomMessagesArePassedOnAtOnce() {
        sequencer.accept(Envelope.toRoom(ROOM, OutboundFrame.droppable("typing", "{}")));
        sequencer.accept(Envelope.toUsers(List.of("alice"), OutboundFrame.of("presence", "{}")));
        assertEquals(2, delivered.size());
    }

    @Test
    void aRoomWithoutFramesForAWhileIsForgottenAndItsNextFrameStartsANewRun() {
        start(5);
        assertEquals(1, sequencer.forgetIdle(Duration.ZERO));
        sequencer.accept(message(9));
        awaitSeqs(5L, 9L);
    }

    /** Starts the room's run at {@code seq} (the first frame waits for the gap wait). */
    private void start(long seq) {
        stored.put(seq, frame(seq));
        sequencer.accept(message(seq));
        awaitSeqs(seq);
    }

    private void awaitSeqs(Long... expected) {
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertEquals(List.of(expected), seqs()));
    }

    private List<Long> seqs() {
        synchronized (delivered) {
            return delivered.stream().map(e -> e.frame().seq()).toList();
        }
    }

    private static Envelope message(long seq) {
        return Envelope.toRoom(ROOM, frame(seq));
    }

    private static OutboundFrame frame(long seq) {
        return OutboundFrame.roomMessage(ROOM, seq, "{\"type\":\"message\",\"seq\":" + seq + "}");
    }
}
