package io.huddle.streaming.protocol;

/**
 * A frame that is a JSON object with a readable {@code ref} but no usable {@code type}: the error that answers
 * it can still echo the client's {@code ref}.
 */
public class RejectedFrame extends HuddleException {

    private static final long serialVersionUID = 1L;

    private final String ref;

    public RejectedFrame(String ref, String message) {
        super(ErrorCode.BAD_REQUEST, message);
        this.ref = ref;
    }

    /** The frame's {@code ref}, or {@code null}. */
    public String ref() {
        return ref;
    }
}
