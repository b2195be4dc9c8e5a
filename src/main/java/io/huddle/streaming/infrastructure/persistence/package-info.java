/**
 * JPA (Hibernate ORM) repositories and the Flyway schema migrations run when the persistence unit starts.
 * May import the domain; must not import application, hub or transport.
 */
package io.huddle.streaming.infrastructure.persistence;
