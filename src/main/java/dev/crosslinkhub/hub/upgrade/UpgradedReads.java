package dev.crosslinkhub.hub.upgrade;

import java.io.IOException;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.Filter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;

/**
 * The last filter of an upgraded connection: what was read goes to its {@link
 * UpgradedConnection}; its close also goes to the listener's filters it no longer passes through
 * (HTTP and above), as it would have, so that none of them keeps the closed connection.
 */
final class UpgradedReads extends BaseFilter {

    private static final Logger LOG = Logger.getLogger(UpgradedReads.class.getName());

    private final List<Filter> leftBehind;

    UpgradedReads(List<Filter> leftBehind) {
        this.leftBehind = List.copyOf(leftBehind);
    }

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

    @Override
    public NextAction handleClose(FilterChainContext ctx) {
        for (Filter filter : leftBehind) {
            try {
                filter.handleClose(ctx); // each forgets the connection; what it would do next is not asked
            } catch (IOException | RuntimeException fault) {
                LOG.log(Level.FINE, "a listener filter failed on an upgraded connection's close", fault);
            }
        }
        return ctx.getInvokeAction();
    }
}
