package com.opulenthorizons.gateway.meta.graph;

/** A {@link GraphException.Kind#TRANSIENT} failure: the type Fault Tolerance retries at once. */
public class GraphTransientException extends GraphException {

    public GraphTransientException(int status, Integer code, String message) {
        super(Kind.TRANSIENT, status, code, message);
    }
}
