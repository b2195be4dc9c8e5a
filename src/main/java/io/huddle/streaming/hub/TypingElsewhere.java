package io.huddle.streaming.hub;

/**
 * A CDI event: a {@code typing} frame of {@code room} arrived from another node of the cluster (before it is
 * delivered here), so that this node knows the indicator: the throttle and the end of an indicator then hold on every
 * node. Never fired on a single node.
 *
 * @param room  the room
 * @param frame the frame's JSON ({@code user}, {@code active})
 */
public record TypingElsewhere(String room, String frame) {
}
