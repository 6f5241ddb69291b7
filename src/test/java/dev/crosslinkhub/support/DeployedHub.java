package dev.crosslinkhub.support;

import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/** An integration test against the hub deployed on Payara Micro, acting as a client over the network. */
@ExtendWith(DatabasePerServer.class) // before Arquillian starts the server
@ExtendWith(ArquillianExtension.class)
public abstract class DeployedHub {

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return HubDeployment.withTestApp();
    }

    @ArquillianResource
    URL base;

    protected Api api() {
        return new Api(base);
    }

    /** Whether the tests run against WildFly (the pom's wildfly profile says so), not Payara. */
    protected static boolean onWildFly() {
        return "wildfly".equals(System.getProperty("arquillian.launch"));
    }
}
