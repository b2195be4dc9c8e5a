package io.huddle.streaming.infrastructure.cluster;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * One user's connections on this node, each with the device it named ({@code ""} for none), in the order they
 * came. Kept as one array of id and device pairs rather than a map: a user has one or a few connections, and an
 * idle node holds one of these per online user (a linked hash map with its table cost about 180 bytes, this
 * array 24 for one connection). Not thread-safe: its owner guards it.
 */
final class ConnectionDevices {

    private static final String[] NONE = new String[0];

    /** Connection id at even indexes, its device right after it. */
    private String[] pairs = NONE;

    /** Adds {@code connection} with {@code device}, or replaces the device of a connection already there. */
    void put(String connection, String device) {
        int at = indexOf(connection);
        if (at >= 0) {
            pairs[at + 1] = device;
            return;
        }
        pairs = Arrays.copyOf(pairs, pairs.length + 2);
        pairs[pairs.length - 2] = connection;
        pairs[pairs.length - 1] = device;
    }

    void remove(String connection) {
        int at = indexOf(connection);
        if (at < 0) {
            return;
        }
        String[] fewer = pairs.length == 2 ? NONE : new String[pairs.length - 2];
        System.arraycopy(pairs, 0, fewer, 0, at);
        System.arraycopy(pairs, at + 2, fewer, at, pairs.length - at - 2);
        pairs = fewer;
    }

    boolean contains(String connection) {
        return indexOf(connection) >= 0;
    }

    boolean isEmpty() {
        return pairs.length == 0;
    }

    int size() {
        return pairs.length / 2;
    }

    /** The devices named, without {@code ""}. */
    Set<String> devices() {
        Set<String> devices = new HashSet<>();
        for (int i = 1; i < pairs.length; i += 2) {
            if (!pairs[i].isEmpty()) {
                devices.add(pairs[i]);
            }
        }
        return devices;
    }

    private int indexOf(String connection) {
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i].equals(connection)) {
                return i;
            }
        }
        return -1;
    }
}
