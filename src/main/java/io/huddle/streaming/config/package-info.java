/**
 * Huddle's MicroProfile Config settings (prefix {@code streaming.}), read and checked once at startup.
 * Imports only the JDK, CDI and MicroProfile Config.
 */
package io.huddle.streaming.config;
