/**
 * Room messages: publishing (checked, then stored in transactions shared by concurrent publishes, delivered and
 * acknowledged only after commit), message filters, history and its retention, edits and deletes. Must not import transport or infrastructure.
 */
package io.huddle.streaming.application.messaging;
