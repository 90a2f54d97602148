package org.dirstore.it;

import java.io.File;
import java.nio.file.Path;

import org.dirstore.it.support.SupportApplication;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The demo EAR as Maven built it, plus the test-only it-support.war module. */
final class Deployments {
    private Deployments() {
    }

    static Path builtEar() {
        return Path.of(System.getProperty("it.ear", "target/deploy/dirstore.ear"));
    }

    /** dirstore.ear from the ear module, with it-support.war added (no application.xml: modules are found by type). */
    static EnterpriseArchive earWithSupport() {
        File ear = builtEar().toFile();
        if (!ear.isFile()) {
            throw new IllegalStateException("missing " + ear.getAbsolutePath() + ": build the ear module first");
        }
        EnterpriseArchive archive = ShrinkWrap.createFromZipFile(EnterpriseArchive.class, ear);
        WebArchive support = ShrinkWrap.create(WebArchive.class, "it-support.war")
                .addPackage(SupportApplication.class.getPackage())
                .addAsWebInfResource(new org.jboss.shrinkwrap.api.asset.StringAsset(
                        "<beans xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" bean-discovery-mode=\"annotated\" version=\"4.0\"/>"),
                        "beans.xml");
        archive.addAsModule(support);
        return archive;
    }

}
