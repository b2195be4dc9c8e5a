package io.huddle.streaming.hub;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A user's presence across all of the user's connections and nodes, as the tracker knows it. Immutable.
 *
 * @param user        the user
 * @param chosen      the status the user chose: {@code online}, {@code away}, {@code busy} or {@code invisible}
 * @param connections how many connections the user has open
 * @param devices     the device types of those connections that named one (e.g. {@code desktop}, {@code mobile})
 * @param text        the user's status text, if any
 * @param lastActive  when any of the user's connections last sent a frame (or closed)
 * @param idle        whether the user has been inactive for longer than the presence timeout
 */
public record UserPresence(String user, String chosen, int connections, Set<String> devices, Optional<String> text,
                           Instant lastActive, boolean idle) implements Serializable {

    private static final long serialVersionUID = 1L;

    public UserPresence {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(chosen, "chosen");
        devices = Set.copyOf(devices);
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(lastActive, "lastActive");
    }

    /** A user the tracker has never seen: offline. */
    public static UserPresence unknown(String user) {
        return new UserPresence(user, "online", 0, Set.of(), Optional.empty(), Instant.EPOCH, false);
    }

    /**
     * The status others see: {@code offline} without a connection or when invisible, {@code away} when idle
     * and otherwise online, else the chosen status.
     */
    public String visibleStatus() {
        if (connections == 0 || "invisible".equals(chosen)) {
            return "offline";
        }
        if (idle && "online".equals(chosen)) {
            return "away";
        }
        return chosen;
    }

    /** The status the user themselves sees (invisible stays invisible). */
    public String ownStatus() {
        return connections > 0 && "invisible".equals(chosen) ? "invisible" : visibleStatus();
    }
}
