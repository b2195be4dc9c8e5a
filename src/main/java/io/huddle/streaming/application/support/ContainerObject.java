package io.huddle.streaming.application.support;

import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * An object the container binds in JNDI ({@code java:comp/...}), looked up on first use and kept: the lookup
 * creates a naming context each time, too much for a per-publish path. Only for container objects that act on
 * the calling thread's state (the UserTransaction, the transaction synchronization registry), which may be shared.
 * Thread-safe (two first callers may both look it up; either result serves).
 *
 * @param <T> the object's type
 */
public final class ContainerObject<T> {

    private final String name;
    private volatile T value;

    public ContainerObject(String name) {
        this.name = name;
    }

    /** The object; fails with {@link IllegalStateException} when the container binds none under the name. */
    public T get() {
        T found = value;
        if (found == null) {
            try {
                found = InitialContext.doLookup(name);
            } catch (NamingException e) {
                throw new IllegalStateException("the container has no " + name, e);
            }
            value = found;
        }
        return found;
    }
}
