package org.dirstore.it.support;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** Test-only REST API, deployed as it-support.war inside the demo EAR. */
@ApplicationPath("/api")
public class SupportApplication extends Application {
}
