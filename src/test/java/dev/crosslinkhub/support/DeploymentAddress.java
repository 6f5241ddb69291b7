package dev.crosslinkhub.support;

import java.net.URL;
import java.util.function.Supplier;

/**
 * Where a deployment a test deploys itself ({@code managed = false}) answers, looked up each time
 * it is asked, so that one test can deploy, kill, deploy again and ask again; an injected
 * {@code URL} is fixed when the test starts, before anything is deployed. Inject it as
 * {@code @ArquillianResource @OperateOnDeployment("name") DeploymentAddress hub}
 * ({@link DeploymentAddressProvider}).
 */
public final class DeploymentAddress {

    private final Supplier<URL> lookup;

    DeploymentAddress(Supplier<URL> lookup) {
        this.lookup = lookup;
    }

    /** The deployment's URL now; fails if it is not deployed. */
    public URL url() {
        URL url = lookup.get();
        if (url == null) {
            throw new AssertionError("the deployment has no URL: is it deployed?");
        }
        return url;
    }

    /** The REST API of the deployment as it is now. */
    public Api api() {
        return new Api(url());
    }
}
