/**
 * Operations for administrators: the connections open on every node and closing one anywhere in the cluster, and
 * the server's figures. Must not import transport or infrastructure.
 */
package io.huddle.streaming.application.admin;
