/**
 * The persistent model: entities, value objects and repository interfaces, grouped by feature.
 * Imports only Jakarta Persistence annotations and the JDK: no CDI beans, no transport, no JMS.
 */
package io.huddle.streaming.domain;
