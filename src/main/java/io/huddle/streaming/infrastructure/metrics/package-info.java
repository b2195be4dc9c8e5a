/**
 * The node's state as MicroProfile Metrics gauges, read when {@code /metrics} is scraped; the events counted and
 * timed on the way live where they happen ({@link io.huddle.streaming.hub.Meters}, {@link io.huddle.streaming.hub.Traffic}).
 */
package io.huddle.streaming.infrastructure.metrics;
