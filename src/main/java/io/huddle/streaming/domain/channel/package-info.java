/**
 * Channel definitions: the live publish/subscribe topics clients may subscribe to. Must not import CDI,
 * transport, hub or infrastructure classes.
 */
package io.huddle.streaming.domain.channel;
