package org.dirstore.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The demo's REST API lives under {@code /dirstore/api}. */
@ApplicationPath("/api")
public class LedgerApplication extends Application {
}
