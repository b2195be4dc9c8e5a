/**
 * The little plumbing the application's use cases share: transactions ({@link
 * io.huddle.streaming.application.support.Transactions}), work after commit in commit order ({@link
 * io.huddle.streaming.application.support.AfterCommit}), the managed scheduler, input validation and the mapping of
 * failures to wire errors. Knows no feature; must not import transport, infrastructure or any feature package.
 */
package io.huddle.streaming.application.support;
