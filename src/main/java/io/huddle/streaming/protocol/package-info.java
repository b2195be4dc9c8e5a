/**
 * The wire contract (protocol version 1): frame records, error codes and close codes, and the JSON codec
 * shared by every transport. Imports only the JDK and Jakarta JSON-P/JSON-B.
 */
package io.huddle.streaming.protocol;
