/**
 * A wire session, whatever its transport: opening and closing connections, resolving identities, the command
 * pipeline (decoding, rate limits, dispatch to the feature that answers), answers, and heartbeats. Must not import
 * transport or infrastructure.
 */
package io.huddle.streaming.application.session;
