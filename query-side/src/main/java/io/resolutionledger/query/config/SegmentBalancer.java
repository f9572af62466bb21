package io.resolutionledger.query.config;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Shares each projection's segments among the live query-side instances. Axon lets any instance claim every free
 * segment, so the first one to start would hold them all and the others would only stand by. Each instance records
 * that it is alive; when it holds more segments of a processor than its fair share (segments ÷ live instances,
 * rounded up) it releases one, which another instance then claims. When an instance dies its heartbeat stops, the
 * fair share of the others grows, and they claim its segments once Axon's claim on them times out.
 */
@Component
public class SegmentBalancer {

    private static final Logger log = LoggerFactory.getLogger(SegmentBalancer.class);

    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;
    private final Duration interval;
    private final String instanceId = UUID.randomUUID().toString();
    private ScheduledExecutorService executor;

    public SegmentBalancer(EventProcessingConfiguration processing, DataSource dataSource,
                           @Value("${ledger.projections.balance-interval:5s}") Duration interval) {
        this.processing = processing;
        this.jdbc = new JdbcTemplate(dataSource);
        this.interval = interval;
    }

    @PostConstruct
    void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "segment-balancer");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::balanceSafely, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
        try {
            jdbc.update("DELETE FROM ledger_read.query_instance WHERE instance_id = ?", instanceId);
        } catch (RuntimeException e) {
            log.debug("could not sign off: {}", e.getMessage());
        }
    }

    private void balanceSafely() {
        try {
            balance();
        } catch (RuntimeException e) {
            // the database may be away: try again next time
            log.debug("segment balancing skipped: {}", e.getMessage());
        }
    }

    void balance() {
        jdbc.update("INSERT INTO ledger_read.query_instance (instance_id, seen_at) VALUES (?, now()) "
                + "ON CONFLICT (instance_id) DO UPDATE SET seen_at = now()", instanceId);
        long aliveWithin = Math.max(15, interval.toSeconds() * 3);
        Integer live = jdbc.queryForObject("SELECT count(*) FROM ledger_read.query_instance "
                + "WHERE seen_at > now() - make_interval(secs => ?)", Integer.class, aliveWithin);
        jdbc.update("DELETE FROM ledger_read.query_instance WHERE seen_at < now() - interval '1 day'");
        for (String name : Projections.ALL) {
            processing.eventProcessor(name, StreamingEventProcessor.class).ifPresent(p -> share(p, live));
        }
    }

    private void share(StreamingEventProcessor processor, Integer live) {
        Integer total = jdbc.queryForObject("SELECT count(*) FROM ledger_read.token_entry WHERE processor_name = ?",
                Integer.class, processor.getName());
        if (total == null || total == 0 || live == null || live < 2) {
            return;
        }
        int fair = (total + live - 1) / live;
        var held = processor.processingStatus().keySet().stream().sorted().toList();
        if (held.size() > fair) {
            int segment = held.get(held.size() - 1);
            log.info("processor {} holds {} of {} segments with {} instances alive: releasing segment {}",
                    processor.getName(), held.size(), total, live, segment);
            processor.releaseSegment(segment);
        }
    }
}
