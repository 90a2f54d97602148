package org.dirstore.it.support;

import jakarta.ejb.ApplicationException;

/** Application exception that rolls the container transaction back. */
@ApplicationException(rollback = true)
public class ProbeFailure extends Exception {
    private static final long serialVersionUID = 1L;

    public ProbeFailure(String message) {
        super(message);
    }
}
