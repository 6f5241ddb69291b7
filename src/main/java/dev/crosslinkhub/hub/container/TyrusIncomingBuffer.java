package dev.crosslinkhub.hub.container;

import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sizes Tyrus' incoming buffer (Payara) to the hub's own message limit. Tyrus reads what a client
 * has sent in chunks of up to that size, each a new array, and keeps what it has not parsed yet
 * in it: 4 MiB per connection by default, for messages the hub refuses past 64 Ki characters.
 * Sized to the largest frame the hub could accept (three UTF-8 bytes per character, plus the frame
 * header), a client that sends fast costs the server that much at a time, not 4 MiB. Tyrus still
 * hands a bigger frame on in parts, so the hub counts and discards it as before ({@code error}).
 *
 * <p>Tyrus reads the servlet context's init parameter at each upgrade, so setting it here, as the
 * application starts, is enough. Other containers ignore the parameter.
 */
@WebListener
public class TyrusIncomingBuffer implements ServletContextListener {

    static final String PARAMETER = "org.glassfish.tyrus.servlet.incoming-buffer-size";
    /** The longest WebSocket frame header: 2 bytes, 8 of extended length, 4 of mask. */
    private static final int FRAME_HEADER = 14;

    private static final Logger LOG = Logger.getLogger(TyrusIncomingBuffer.class.getName());

    @Inject
    @ConfigProperty(name = "hub.inbound.max-frame-bytes", defaultValue = "65536")
    int maxMessageChars;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        long bytes = 3L * Math.max(1, maxMessageChars) + FRAME_HEADER;
        int size = (int) Math.min(Integer.MAX_VALUE, bytes);
        if (event.getServletContext().getInitParameter(PARAMETER) == null) {
            event.getServletContext().setInitParameter(PARAMETER, Integer.toString(size));
        }
        LOG.log(Level.FINE, "event=incoming-buffer bytes={0}", event.getServletContext().getInitParameter(PARAMETER));
    }
}
