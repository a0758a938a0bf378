package dev.ecskms.sim.ram.policy;

/** The outcome of evaluating policies for one request: an explicit Deny wins over any Allow; nothing said denies. */
public enum Decision {
    ALLOW,
    /** No statement allowed the request (the default). */
    IMPLICIT_DENY,
    /** A Deny statement matched: no Allow anywhere can override it. */
    EXPLICIT_DENY;

    public boolean allowed() {
        return this == ALLOW;
    }
}
