package org.contributionledger.api.readiness;

import java.time.Duration;

import org.contributionledger.query.reputation.ReplayProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

/**
 * Logs one line when the ledger is listening and every view answers (the reputation replay has
 * caught up), with the URL to use: the moment an operator, a script or a README reader waits for.
 */
@Component
public class ReadyLogLine implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger log = LoggerFactory.getLogger(ReadyLogLine.class);
    private static final Duration POLL = Duration.ofMillis(20);

    private final ReplayProgress progress;
    private final String address;

    public ReadyLogLine(ReplayProgress progress, @Value("${server.address:localhost}") String address) {
        this.progress = progress;
        this.address = address.equals("0.0.0.0") ? "localhost" : address;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent ready) {
        ConfigurableApplicationContext context = ready.getApplicationContext();
        if (!(context instanceof WebServerApplicationContext web)) {
            return;
        }
        String url = "http://" + address + ":" + web.getWebServer().getPort() + "/";
        long started = System.nanoTime();
        // The replay runs on Axon's processor thread; waiting for it here would hold up the start.
        Thread waiter = new Thread(() -> {
            while (!progress.caughtUp()) {
                if (!context.isActive()) {
                    return;
                }
                try {
                    Thread.sleep(POLL.toMillis());
                } catch (InterruptedException stopped) {
                    return;
                }
            }
            long replayed = progress.replay().total();
            double seconds = (ready.getTimeTaken().toNanos() + System.nanoTime() - started) / 1e9;
            String from = progress.checkpoint() < 0 ? ""
                    : String.format(" from the reputation's checkpoint at position %,d", progress.checkpoint());
            log.info(String.format("Contribution Ledger ready at %s (%,d events replayed%s, %.1f s after start)",
                    url, replayed, from, seconds));
        }, "ledger-ready-log");
        waiter.setDaemon(true);
        waiter.start();
    }
}
