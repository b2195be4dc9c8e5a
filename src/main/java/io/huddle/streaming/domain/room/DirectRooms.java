package io.huddle.streaming.domain.room;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The ids of direct conversations: {@value #PREFIX} and a digest of the two user ids, so that the same pair always
 * names the same room whoever opens it, and no other room may take such an id. Stateless.
 */
public final class DirectRooms {

    /** What every direct conversation's id, and no other room's, starts with. */
    public static final String PREFIX = "dm-";

    private DirectRooms() {
    }

    /** The room of {@code a} and {@code b} (in either order; they must differ). */
    public static RoomId of(String a, String b) {
        if (a.equals(b)) {
            throw new IllegalArgumentException("a direct conversation is between two different users");
        }
        String first = a.compareTo(b) < 0 ? a : b;
        String second = first.equals(a) ? b : a;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((first + "\n" + second).getBytes(StandardCharsets.UTF_8));
            return RoomId.of(PREFIX + HexFormat.of().formatHex(digest, 0, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** Whether {@code id} is kept for direct conversations. */
    public static boolean isDirectId(RoomId id) {
        return id.value().startsWith(PREFIX);
    }
}
