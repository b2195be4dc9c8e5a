/**
 * MicroProfile Health checks: liveness (the heartbeat rounds still run) and readiness (the database answers, a
 * cluster node is subscribed to its broker, the node does not drain), served by the server on
 * {@code /health/live} and {@code /health/ready}.
 */
package io.huddle.streaming.infrastructure.health;
