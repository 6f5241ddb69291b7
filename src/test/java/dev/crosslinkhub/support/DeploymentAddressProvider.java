package dev.crosslinkhub.support;

import java.lang.annotation.Annotation;
import java.net.URL;
import java.util.Objects;
import org.jboss.arquillian.core.api.Instance;
import org.jboss.arquillian.core.api.annotation.Inject;
import org.jboss.arquillian.core.spi.LoadableExtension;
import org.jboss.arquillian.core.spi.ServiceLoader;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.arquillian.test.spi.enricher.resource.ResourceProvider;

/**
 * Provides {@link DeploymentAddress}: a handle that asks Arquillian's own URL providers for the
 * deployment's URL, with the same qualifiers, whenever the test asks it (registered by {@link Extension},
 * META-INF/services/org.jboss.arquillian.core.spi.LoadableExtension).
 */
public final class DeploymentAddressProvider implements ResourceProvider {

    /** Registers the provider with Arquillian on the client side (the tests' JVM). */
    public static final class Extension implements LoadableExtension {
        @Override
        public void register(ExtensionBuilder builder) {
            builder.service(ResourceProvider.class, DeploymentAddressProvider.class);
        }
    }

    @Inject
    Instance<ServiceLoader> services;

    @Override
    public boolean canProvide(Class<?> type) {
        return DeploymentAddress.class.isAssignableFrom(type);
    }

    @Override
    public Object lookup(ArquillianResource resource, Annotation... qualifiers) {
        ServiceLoader loader = services.get();
        return new DeploymentAddress(() -> loader.all(ResourceProvider.class).stream()
                .filter(provider -> provider.canProvide(URL.class))
                .map(provider -> (URL) provider.lookup(resource, qualifiers))
                .filter(Objects::nonNull)
                .findFirst().orElse(null));
    }
}
