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
        ReadProof proof = new ReadProof(1000);
        assertTrue(proof.allowsDirect(600));
        proof.wrote(600);
        ByteBuffer probe = proof.probe();
        assertNotNull(probe, "a probe is due after half the budget");
        assertFalse(proof.allowsDirect(600));

        proof.confirm(probe);

        assertTrue(proof.allowsDirect(600));
    }

    @Test
    void noProbeIsDueBeforeHalfTheBudgetWasWritten() {
        ReadProof proof = new ReadProof(1000);
        proof.wrote(400);
        assertNull(proof.probe());
    }

    @Test
    void aPongWithAnotherSecretOrAnUnprobedCountProvesNothing() {
        ReadProof proof = new ReadProof(1000);
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
        ReadProof proof = new ReadProof(0);
        assertFalse(proof.allowsDirect(1));
        proof.wrote(10_000);
        assertNull(proof.probe());
    }
}
