package io.huddle.streaming.domain.channel;

import io.huddle.streaming.domain.InvalidIdentifierException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A channel: a named live topic. Messages on it are delivered to its subscribers and never stored. Names are
 * 1 to 64 characters of {@code [a-z0-9_.:-]}, starting with a letter or digit ({@code $} names are reserved for
 * the server). Not thread-safe (a JPA entity).
 */
@Entity
@Table(name = "channels")
public class Channel {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.:-]{0,63}");

    @Id
    @Column(name = "name", length = 64)
    private String name;

    @Column(name = "client_publish", nullable = false)
    private boolean clientPublish;

    @Column(name = "created_by", nullable = false, length = 64)
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Channel() {
    }

    public Channel(String name, boolean clientPublish, String createdBy, Instant now) {
        this.name = validName(name);
        this.clientPublish = clientPublish;
        this.createdBy = Objects.requireNonNull(createdBy, "createdBy");
        this.createdAt = Objects.requireNonNull(now, "now");
    }

    /** {@code name} if it is a valid channel name; otherwise {@link InvalidIdentifierException}. */
    public static String validName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidIdentifierException("channel", name,
                    "a channel name is 1-64 characters from a-z 0-9 _ . : -, starting with a letter or digit");
        }
        return name;
    }

    public String name() {
        return name;
    }

    /** Whether clients may publish on it (otherwise only the server does). */
    public boolean clientPublish() {
        return clientPublish;
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
