package dev.crosslinkhub.support;

import dev.crosslinkhub.testapp.TestEventsResource;
import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The WAR the build produced, plus the test-only beans of {@code dev.crosslinkhub.testapp}. */
public final class HubDeployment {

    /** The same, configured as a deployment that lets crosslink 0.8 clients open /ws without a token. */
    public static WebArchive forAnonymousClients() {
        return withTestApp("testapp/anonymous-config.properties");
    }

    public static WebArchive withTestApp() {
        return withTestApp("testapp/microprofile-config.properties");
    }

    private static WebArchive withTestApp(String config) {
        File war = new File(System.getProperty("hub.war", "target/crosslink-hub.war"));
        if (!war.isFile()) {
            throw new IllegalStateException(war + " is missing: run the tests with `mvn verify`");
        }
        return ShrinkWrap.create(ZipImporter.class, "crosslink-hub.war").importFrom(war).as(WebArchive.class)
                .addPackage(TestEventsResource.class.getPackage())
                .addAsResource(config, "META-INF/microprofile-config.properties");
    }

    private HubDeployment() {
    }
}
