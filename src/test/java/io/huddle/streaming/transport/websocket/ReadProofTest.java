package io.huddle.streaming.transport.websocket;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReadProofTest {

    @Test
    void directWritesStopAtTheBudgetUntilAProbeIsAnswered() {
        ReadProof proof = new ReadProof(1000, 0);
        assertTrue(proof.allowsDirect(600));
        proof.wrote(600);
        ByteBuffer probe = proof.probe();
        assertNotNull(probe, "a probe is due after half the budget");
        assertFalse(proof.allowsDirect(600));

        proof.confirm(probe);

        assertTrue(proof.allowsDirect(600));
    }

    @Test
    void noProbeIsDueBeforeHalfTheBudgetWasWrittenSinceTheLastOne() {
        ReadProof proof = new ReadProof(1000, 0);
        proof.wrote(10);
        proof.probe();
        proof.wrote(400);
        assertNull(proof.probe());
    }

    @Test
    void aPongWithAnotherSecretOrAnUnprobedCountProvesNothing() {
        ReadProof proof = new ReadProof(1000, 0);
        proof.wrote(900);
        ByteBuffer probe = proof.probe();
        long secret = probe.duplicate().getLong();

        proof.confirm(ByteBuffer.allocate(16).putLong(secret + 1).putLong(900).flip());
        proof.confirm(ByteBuffer.allocate(16).putLong(secret).putLong(5_000).flip());
        proof.confirm(ByteBuffer.wrap(new byte[]{'h'}));

        assertFalse(proof.allowsDirect(200));
    }

    @Test
    void aZeroBudgetNeverWritesDirectly() {
        ReadProof proof = new ReadProof(0, 0);
        assertFalse(proof.allowsDirect(1));
        proof.wrote(10_000);
        assertNull(proof.probe());
    }

    @Test
    void theFirstFrameWrittenIsFollowedByAProbe() {
        ReadProof proof = new ReadProof(1000, 0);
        proof.wrote(50);
        assertNotNull(proof.probe(), "the first probe measures the client's round trip");
        proof.wrote(50);
        assertNull(proof.probe());
    }

    @Test
    void aFrameBeyondTheBudgetWaitsForTheProbeOfAClientThatAnsweredQuickly() {
        ReadProof proof = new ReadProof(1000, 0);
        proof.wrote(100);
        proof.confirm(proof.probe());
        proof.wrote(500);
        proof.probe();
        proof.wrote(400);

        assertFalse(proof.allowsDirect(300));
        assertTrue(proof.worthAwaiting(300), "the pong of the probe at 600 makes room for 300 more");
        assertFalse(proof.worthAwaiting(700), "even after that pong, 700 more would exceed the budget");
    }

    @Test
    void aClientThatNeverAnsweredIsNotWaitedFor() {
        ReadProof proof = new ReadProof(1000, 0);
        proof.wrote(600);
        proof.probe();
        proof.wrote(400);

        assertFalse(proof.allowsDirect(300));
        assertFalse(proof.worthAwaiting(300));
    }

    @Test
    void nothingIsWaitedForWithoutAProbeOnItsWay() {
        ReadProof proof = new ReadProof(1000, 0);
        proof.wrote(100);
        proof.confirm(proof.probe());
        proof.wrote(950);

        assertFalse(proof.allowsDirect(100));
        assertFalse(proof.worthAwaiting(100), "every probe was answered: no pong will come to wait for");
    }

    @Test
    void aFrameThatWouldPassTheUnreadLimitWaitsForAProbeAfterEverythingWritten() {
        ReadProof proof = new ReadProof(1000, 5000);
        proof.wrote(4800);
        assertFalse(proof.beyondLimit(200), "exactly at the limit");
        assertTrue(proof.beyondLimit(300));

        ByteBuffer probe = proof.probeBeyondLimit(300);
        assertNotNull(probe, "no probe was on its way");
        proof.confirm(probe);

        assertFalse(proof.beyondLimit(300));
    }

    @Test
    void theProbeOnItsWayIsEnoughWhenItsPongWouldLetTheFrameGo() {
        ReadProof proof = new ReadProof(1000, 5000);
        proof.wrote(100);
        proof.heartbeat();
        proof.wrote(4800);

        assertTrue(proof.beyondLimit(200));
        assertNull(proof.probeBeyondLimit(200), "after the pong of the probe at 100, 5,000 bytes are unproven");
        assertNotNull(proof.probeBeyondLimit(300), "5,100 would still be beyond the limit after that pong");
    }

    @Test
    void aFrameLargerThanTheLimitWaitsUntilEverythingBeforeItIsProven() {
        ReadProof proof = new ReadProof(1000, 5000);
        assertFalse(proof.beyondLimit(9000), "nothing is unproven yet");
        proof.wrote(100);
        assertTrue(proof.beyondLimit(9000));

        proof.confirm(proof.probeBeyondLimit(9000));

        assertFalse(proof.beyondLimit(9000));
    }

    @Test
    void aClientWhoseFrameWaitedInVainIsNotHeldToTheLimitUntilItAnswersAgain() {
        ReadProof proof = new ReadProof(1000, 5000);
        proof.wrote(6000);
        ByteBuffer probe = proof.probeBeyondLimit(100);
        assertTrue(proof.beyondLimit(100));

        proof.forgetAnswers();
        assertFalse(proof.beyondLimit(100), "it may read without answering pings");
        proof.wrote(6000);

        proof.confirm(probe);
        assertTrue(proof.beyondLimit(100), "it answered: 6,000 bytes after its last pong");
    }

    @Test
    void aZeroUnreadLimitHoldsNothing() {
        ReadProof proof = new ReadProof(1000, 0);
        proof.wrote(10_000_000);
        assertFalse(proof.beyondLimit(1));
    }

    @Test
    void withoutDirectWritesTheLimitStillHoldsAndItsProbeProvesTheReading() {
        ReadProof proof = new ReadProof(0, 5000);
        proof.wrote(4900);
        assertNull(proof.probe(), "no direct-write probes without a budget");
        assertTrue(proof.beyondLimit(200));

        proof.confirm(proof.probeBeyondLimit(200));

        assertFalse(proof.beyondLimit(200));
    }
}
