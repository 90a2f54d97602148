package org.dirstore.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Boots the managed WildFly with the port offset and serves a trivial archive over HTTP. */
@ExtendWith(ArquillianExtension.class)
class SmokeIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.create(WebArchive.class, "smoke.war")
                .addAsWebResource(new StringAsset("dirstore-smoke"), "index.txt");
    }

    @ArquillianResource
    URL base;

    @Test
    void servesStaticContentThroughTheOffsetPort() throws Exception {
        assertEquals(Integer.getInteger("it.http.port").intValue(), base.getPort());
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(base + "index.txt")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertEquals("dirstore-smoke", r.body());
    }
}
