package io.huddle.streaming.application.view;

import java.time.Duration;
import java.util.Map;

/**
 * The server's figures at one moment. Immutable.
 *
 * @param node                this node's name
 * @param connections         this node's open connections, by transport
 * @param usersOnline         users others see online (connected anywhere in the cluster and not invisible)
 * @param rooms               rooms stored (archived included)
 * @param channels            channels defined
 * @param messagesInPerSecond room messages stored per second on this node, over the last sampling interval
 * @param framesOutPerSecond  frames handed to this node's connections per second, over the same interval
 * @param messagesIn          room messages stored on this node since it started
 * @param framesOut           frames handed to this node's connections since it started
 * @param uptime              how long this node has been running Huddle
 */
public record ServerStats(String node, Map<String, Integer> connections, int usersOnline, long rooms, int channels,
                          double messagesInPerSecond, double framesOutPerSecond, long messagesIn, long framesOut,
                          Duration uptime) {

    public ServerStats {
        connections = Map.copyOf(connections);
    }
}
