package io.lakehub.app.hub;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.SmartApplicationListener;

/**
 * Writes {@code <home>/hub.json} once the web server listens (only then is the port known, which
 * may be random) and removes it when the application context closes, so CLI commands can reach
 * the server that holds the home.
 */
public class HubAnnouncer implements SmartApplicationListener {
    private static final Logger LOG = LoggerFactory.getLogger(HubAnnouncer.class);

    private final Path home;
    private final InetAddress serverAddress;
    private volatile HubFile announced;

    /**
     * @param serverAddress {@code server.address}, or null when the server listens on every
     *     interface (then the CLI connects through the loopback address)
     */
    public HubAnnouncer(Path home, InetAddress serverAddress) {
        this.home = home;
        this.serverAddress = serverAddress;
    }

    @Override
    public boolean supportsEventType(Class<? extends ApplicationEvent> eventType) {
        return WebServerInitializedEvent.class.isAssignableFrom(eventType)
                || ContextClosedEvent.class.isAssignableFrom(eventType);
    }

    @Override
    public void onApplicationEvent(ApplicationEvent event) {
        if (event instanceof WebServerInitializedEvent started) {
            if (started.getApplicationContext().getParent() != null) {
                return; // a child context such as a separate management port
            }
            String host = serverAddress == null || serverAddress.isAnyLocalAddress()
                    ? InetAddress.getLoopbackAddress().getHostAddress()
                    : serverAddress.getHostAddress();
            HubFile file = new HubFile(
                    ProcessHandle.current().pid(),
                    host,
                    started.getWebServer().getPort(),
                    Instant.now().toString());
            file.write(home);
            announced = file;
            LOG.info("Lakehub serves {} at {}", home, file.baseUrl());
        } else if (event instanceof ContextClosedEvent && announced != null) {
            announced.deleteIfOurs(home);
            announced = null;
        }
    }

    /** Announce after every other listener has reacted to the start. */
    @Override
    public int getOrder() {
        return LOWEST_PRECEDENCE;
    }
}
