package org.kohogateway.gateway.weather;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.kohogateway.gateway.audit.AuditTrail;
import org.kohogateway.gateway.support.HttpValidators;
import org.kohogateway.gateway.support.InvalidRequestException;
import org.kohogateway.gateway.support.OneInstance;
import org.kohogateway.gateway.support.SafeFetch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Polls JMA's feeds for weather warnings in the configured areas and records each change once: issued (発表), lifted
 * (解除), upgraded or downgraded (警報から特別警報…), for a kind of a configured level. A change is stored, audited and
 * announced ({@link WeatherWarningChanged}) in one transaction; the department hears of it from the notification
 * module after commit. Nothing is ever published to a platform from here.
 *
 * <p>Polite and safe: conditional GET of the feed with its last ETag and Last-Modified; only the configured offices'
 * weather warnings reports are fetched (the feed lists all of Japan's); a report is fetched once (its
 * entry id recorded, whatever came of it), at most {@code max-reports-per-poll} per poll, oldest first; everything
 * through {@link SafeFetch} (https, public addresses, bounded size and time), never inside a transaction. The feed's
 * validators are kept only once every new report in it was read, so a report that could not be fetched is tried
 * again by the next poll instead of hiding behind a 304. A malformed report (not XML, not a weather warnings report)
 * is logged, recorded and counted ({@code gateway.weather.malformed}) and never stops the poll; a drill (訓練) or test
 * (試験) report is recorded and ignored.
 *
 * <p>With several instances, one polls at a time (a PostgreSQL advisory lock, {@link OneInstance}); the entry's
 * record and the unique change rows keep a report from counting twice even so.
 */
@Service
public class WeatherWarnings {

    private static final Logger log = LoggerFactory.getLogger(WeatherWarnings.class);
    private static final long LOCK = 7310589;
    private static final int MAX_TITLE = 200;
    private static final String ACCEPT = "application/atom+xml, application/xml;q=0.9, */*;q=0.5";

    private final WeatherProperties properties;
    private final WeatherReports reports;
    private final SafeFetch fetch;
    private final OneInstance oneInstance;
    private final AuditTrail audit;
    private final ApplicationEventPublisher publisher;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final Counter malformedCounter;

    WeatherWarnings(WeatherProperties properties, WeatherReports reports, SafeFetch fetch, OneInstance oneInstance,
            AuditTrail audit, ApplicationEventPublisher publisher, PlatformTransactionManager transactions,
            Clock clock, MeterRegistry meters) {
        this.properties = properties;
        this.reports = reports;
        this.fetch = fetch;
        this.oneInstance = oneInstance;
        this.audit = audit;
        this.publisher = publisher;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
        this.malformedCounter = Counter.builder("gateway.weather.malformed")
                .description("JMA feeds and reports that were not readable: logged and skipped").register(meters);
    }

    /** The scheduled poll; does nothing unless {@code gateway.weather.enabled}. */
    @Scheduled(fixedDelayString = "${gateway.weather.interval:1m}", initialDelayString = "${gateway.weather.interval:1m}")
    public void pollConfigured() {
        if (properties.enabled()) {
            poll();
        }
    }

    /**
     * Polls every configured feed once; never throws for a bad feed or report.
     *
     * @return what each feed's poll found; empty if another instance is polling right now
     */
    public Optional<List<WeatherPoll>> poll() {
        return poll(properties.feeds());
    }

    /** Polls these feeds once, as {@link #poll()} does the configured ones. */
    Optional<List<WeatherPoll>> poll(List<URI> feeds) {
        List<WeatherPoll> polls = new ArrayList<>();
        boolean ran = oneInstance.run(LOCK, () -> feeds.forEach(feed -> polls.add(poll(feed))));
        return ran ? Optional.of(List.copyOf(polls)) : Optional.empty();
    }

    /** The most recent changes, newest report first. */
    public List<WeatherWarningEvent> recent(int limit) {
        return reports.recent(limit);
    }

    private WeatherPoll poll(URI feed) {
        String url = feed.toString();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", ACCEPT);
        reports.validators(url).ifPresent(validators -> validators.addConditionsTo(headers));
        SafeFetch.Answer answer;
        try {
            answer = get(feed, headers);
        } catch (InvalidRequestException | IOException e) {
            return failed(feed, null, "unreachable: " + e.getMessage());
        }
        if (answer.status() == 304) {
            return new WeatherPoll(feed, WeatherPoll.Outcome.NOT_MODIFIED, 304, 0, 0, 0, null);
        }
        if (answer.status() < 200 || answer.status() > 299) {
            return failed(feed, answer.status(), "HTTP " + answer.status());
        }
        if (answer.truncated()) {
            return failed(feed, answer.status(), "the feed is larger than " + answer.body().length + " bytes");
        }
        List<JmaXml.Entry> entries;
        try {
            entries = JmaXml.feed(answer.body());
        } catch (JmaXml.MalformedException e) {
            malformedCounter.increment();
            return failed(feed, answer.status(), "not a readable JMA feed: " + e.getMessage());
        }
        // the same entry listed twice is one report; the feed lists the newest first, changes are read oldest first
        Map<String, JmaXml.Entry> warnings = new LinkedHashMap<>();
        for (JmaXml.Entry entry : entries.reversed()) {
            if (properties.titles().contains(entry.title().strip())
                    && (properties.offices().isEmpty() || properties.offices().contains(entry.author().strip()))) {
                warnings.putIfAbsent(entry.id(), entry);
            }
        }
        Set<String> known = reports.known(List.copyOf(warnings.keySet()));
        List<JmaXml.Entry> unread = warnings.values().stream().filter(e -> !known.contains(e.id())).toList();
        boolean complete = unread.size() <= properties.maxReportsPerPoll();
        List<String> problems = new ArrayList<>();
        int read = 0;
        int changes = 0;
        int malformed = 0;
        for (JmaXml.Entry entry : unread.stream().limit(properties.maxReportsPerPoll()).toList()) {
            Optional<byte[]> report = fetchReport(entry, problems);
            if (report.isEmpty()) {
                complete = false;
                continue;
            }
            read++;
            try {
                changes += record(url, entry, JmaXml.warnings(report.get()));
            } catch (JmaXml.MalformedException e) {
                malformed++;
                malformedCounter.increment();
                log.warn("JMA report {} ({}) skipped: {}", entry.id(), entry.link(), e.getMessage());
                reports.claim(entry.id(), url, title(entry), clock.instant(), WeatherReports.Outcome.MALFORMED,
                        e.getMessage());
            }
        }
        if (complete) {
            reports.saveValidators(url, HttpValidators.of(answer));
        }
        String problem = problems.isEmpty() ? null : String.join("; ", problems);
        if (problem != null) {
            log.warn("JMA feed {}: {}", url, problem);
        }
        return new WeatherPoll(feed, WeatherPoll.Outcome.READ, answer.status(), read, changes, malformed, problem);
    }

    private Optional<byte[]> fetchReport(JmaXml.Entry entry, List<String> problems) {
        try {
            SafeFetch.Answer answer = get(URI.create(entry.link()), Map.of("Accept", "application/xml"));
            if (answer.status() != 200) {
                problems.add(entry.id() + ": HTTP " + answer.status());
            } else if (answer.truncated()) {
                problems.add(entry.id() + ": larger than " + answer.body().length + " bytes");
            } else {
                return Optional.of(answer.body());
            }
        } catch (InvalidRequestException | IOException | IllegalArgumentException e) {
            problems.add(entry.id() + ": " + e.getMessage());
        }
        return Optional.empty();
    }

    /** Records the report and its changes for the configured areas in one transaction; returns the changes stored. */
    private int record(String url, JmaXml.Entry entry, JmaXml.WarningReport report) {
        if (!report.normal()) {
            log.info("JMA report {} is a {} report, not acted on", entry.id(), report.controlStatus());
            reports.claim(entry.id(), url, title(entry), clock.instant(), WeatherReports.Outcome.NOT_NORMAL,
                    report.controlStatus());
            return 0;
        }
        record Candidate(JmaXml.KindStatus kind, WarningChange change) {
        }
        List<Candidate> candidates = new ArrayList<>();
        for (JmaXml.KindStatus kind : report.kinds()) {
            if (properties.areas().contains(kind.areaCode())) {
                WarningChange.of(kind.status()).filter(change -> concerns(kind))
                        .ifPresent(change -> candidates.add(new Candidate(kind, change)));
            }
        }
        Integer stored = transaction.execute(status -> {
            Instant now = clock.instant();
            if (!reports.claim(entry.id(), url, title(entry), now, candidates.isEmpty()
                    ? WeatherReports.Outcome.NO_CHANGE : WeatherReports.Outcome.CHANGES, null)) {
                return 0;
            }
            List<AuditTrail.Entry> entries = new ArrayList<>();
            List<WeatherWarningChanged> announced = new ArrayList<>();
            for (Candidate c : candidates) {
                reports.store(c.kind(), c.change(), report, entry.id(), now).ifPresent(event -> {
                    Map<String, Object> detail = new LinkedHashMap<>();
                    detail.put("kind", event.kindName());
                    detail.put("area", event.areaName());
                    detail.put("status", event.status());
                    detail.put("reportedAt", event.reportedAt().toString());
                    detail.put("eventId", event.eventId());
                    detail.put("entryId", event.sourceEntryId());
                    entries.add(new AuditTrail.Entry(AuditTrail.SYSTEM, "WEATHER_WARNING_" + event.change().name(),
                            "WEATHER_WARNING", String.valueOf(event.id()), null, event.status(), detail));
                    announced.add(new WeatherWarningChanged(event.id(), event.kindCode(), event.kindName(),
                            event.areaCode(), event.areaName(), event.status(), event.change(), event.reportedAt(),
                            properties.department()));
                });
            }
            audit.recordAll(entries);
            announced.forEach(publisher::publishEvent);
            return announced.size();
        });
        return stored == null ? 0 : stored;
    }

    /** A change concerns the city if the kind's level, or its level before the change, is one configured. */
    private boolean concerns(JmaXml.KindStatus kind) {
        return WarningLevel.of(kind.kindName()).filter(properties.levels()::contains).isPresent()
                || WarningChange.previous(kind.status()).filter(properties.levels()::contains).isPresent();
    }

    private SafeFetch.Answer get(URI url, Map<String, String> headers) throws IOException {
        return fetch.fetch(new SafeFetch.Request("GET", url, headers, null, null, true, 0, properties.timeout()));
    }

    private WeatherPoll failed(URI feed, @Nullable Integer status, String problem) {
        log.warn("JMA feed {} failed: {}", feed, problem);
        return new WeatherPoll(feed, WeatherPoll.Outcome.FAILED, status, 0, 0, 0, problem);
    }

    private static String title(JmaXml.Entry entry) {
        String title = entry.title().strip();
        return title.length() > MAX_TITLE ? title.substring(0, MAX_TITLE) : title;
    }
}
