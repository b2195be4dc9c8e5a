package io.huddle.streaming.protocol;

/**
 * WebSocket close codes of the wire contract.
 */
public final class CloseCodes {

    /** Normal closure. */
    public static final int NORMAL = 1000;
    /** The server is shutting down; reconnect elsewhere. */
    public static final int GOING_AWAY = 1001;
    /** No status code was given (never sent; what a close without one is recorded as). */
    public static final int NO_STATUS = 1005;
    /** A frame far beyond the size limit. */
    public static final int TOO_BIG = 1009;
    /** No identity. */
    public static final int UNAUTHENTICATED = 4401;
    /** Forbidden, e.g. banned from the server. */
    public static final int FORBIDDEN = 4403;
    /** Heartbeat timeout. */
    public static final int HEARTBEAT_TIMEOUT = 4408;
    /** Kicked. */
    public static final int KICKED = 4409;
    /** Too many connections for this user. */
    public static final int TOO_MANY_CONNECTIONS = 4429;
    /** Slow consumer: the send queue overflowed. */
    public static final int SLOW_CONSUMER = 4500;

    private CloseCodes() {
    }
}
