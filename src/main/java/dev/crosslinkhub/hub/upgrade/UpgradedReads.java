package dev.crosslinkhub.hub.upgrade;

import java.io.IOException;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;

/** The last filter of an upgraded connection: what was read goes to its {@link UpgradedConnection}. */
final class UpgradedReads extends BaseFilter {

    @Override
    public NextAction handleRead(FilterChainContext ctx) throws IOException {
        Buffer bytes = ctx.getMessage();
        UpgradedConnection upgraded = UpgradedConnection.of(ctx.getConnection());
        if (upgraded != null) {
            upgraded.read(bytes);
        } else {
            bytes.tryDispose();
        }
        return ctx.getStopAction();
    }
}
