package io.lakehub.app.cli;

import io.lakehub.app.config.LakehubProperties;
import io.lakehub.app.hub.CommandPipelineAccess;
import io.lakehub.app.hub.HomeLock;
import io.lakehub.app.hub.HubApi;
import io.lakehub.app.hub.HubBackends;
import io.lakehub.app.hub.HubFile;
import io.lakehub.app.hub.HubServices;
import io.lakehub.app.hub.LocalHubApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides how a CLI command reaches a home. Lock free: take it and open the back ends here
 * (released when the command ends). Held by a hub: talk to it over HTTP at the address in {@code
 * hub.json}. Held by another CLI command (or a hub still starting): wait up to {@code patience},
 * then say who holds it.
 */
public final class HubConnector {
    private static final Duration RETRY = Duration.ofMillis(100);

    private final HubBackends backends;
    private final Duration patience;

    public HubConnector(HubBackends backends, Duration patience) {
        this.backends = backends;
        this.patience = patience;
    }

    /**
     * @param mayCreateHome whether a missing home folder may be created (ingest) or is an error
     *     (read-only commands: better to say the path is wrong than to create an empty hub there)
     */
    public HubApi connect(LakehubProperties properties, boolean mayCreateHome) {
        Path home = properties.homePath();
        if (!Files.isDirectory(home) && !mayCreateHome) {
            throw new HubUnavailableException(home + " is not a Lakehub home (no such folder). Pass --home DIR or set"
                    + " LAKEHUB_HOME; a home is created by the first ingest or by 'lakehub run'.");
        }
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            Optional<HomeLock> lock = HomeLock.tryAcquire(home, HomeLock.Kind.CLI);
            if (lock.isPresent()) {
                return openHere(properties, lock.get());
            }
            Optional<HomeLock.Holder> holder = HomeLock.recordedHolder(home);
            if (holder.isPresent() && holder.get().kind() == HomeLock.Kind.HUB) {
                long pid = holder.get().pid();
                Optional<HubFile> hub = HubFile.read(home).filter(h -> h.pid() == pid);
                if (hub.isPresent()) {
                    return new RemoteHubApi(hub.get(), home);
                }
            }
            if (System.nanoTime() > deadline) {
                throw new HubUnavailableException(describeHolder(home, holder));
            }
            try {
                Thread.sleep(RETRY);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HubUnavailableException("Interrupted while waiting for " + home, e);
            }
        }
    }

    private HubApi openHere(LakehubProperties properties, HomeLock lock) {
        try {
            HubServices services = HubServices.open(backends, properties);
            CliJobs jobs = new CliJobs(properties, services);
            io.lakehub.app.vector.VectorProperties vector = CliConfiguration.loadVector(java.nio.file.Path.of(""));
            io.lakehub.app.vector.LocalIndexes indexes = new io.lakehub.app.vector.LocalIndexes(() -> {
                var local = new io.lakehub.app.vector.HubIndexes(
                        services.catalog(),
                        services::sqlEngine,
                        vector,
                        null,
                        () -> io.lakehub.app.vector.EmbeddingProviders.create(vector, System::getenv));
                // An index created here makes the home's next hub start with the Vector API (ADR 0058).
                local.onServing(new io.lakehub.app.vector.VectorApiHint(properties.homePath())::servesIndexes);
                return local;
            });
            return new LocalHubApi(
                            services.catalog(),
                            services::sqlEngine,
                            services::ingestService,
                            new CommandPipelineAccess(
                                    properties, services::ingestService, services.catalog()::sourcePosition),
                            "cli",
                            () -> {
                                try (lock;
                                        services;
                                        jobs;
                                        indexes) {
                                    // Closed in reverse: the jobs' scheduler, then the back ends, then the lock.
                                }
                            })
                    .withJobs(jobs::open)
                    .withIngests(services.ingests())
                    .withIndexes(indexes)
                    .withIceberg(dataset -> io.lakehub.app.iceberg.IcebergConfiguration.rebuild(
                            services.catalog(), properties, dataset))
                    .withErasures(() -> new io.lakehub.app.erasure.ErasureService(
                            services.catalog(),
                            io.lakehub.app.erasure.ErasureService.hashKey(System::getProperty),
                            false,
                            java.util.List.of((erasure, values) -> indexes.get().erase(erasure, values))));
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private String describeHolder(Path home, Optional<HomeLock.Holder> holder) {
        if (holder.isEmpty()) {
            return "Another Lakehub process holds " + home + " (see " + home.resolve(HomeLock.FILE_NAME)
                    + "); stop it or try again when it has finished.";
        }
        HomeLock.Holder h = holder.get();
        if (h.kind() == HomeLock.Kind.HUB) {
            return "A hub (pid " + h.pid() + ") holds " + home + " but has not announced its address in "
                    + HubFile.FILE_NAME + " within " + patience.toSeconds() + "s; stop it (kill " + h.pid()
                    + ") or try again once it has started.";
        }
        return "Another lakehub " + h.kind().name().toLowerCase(Locale.ROOT) + " command (pid " + h.pid()
                + ") has held " + home + " since " + h.since() + "; try again when it has finished.";
    }
}
