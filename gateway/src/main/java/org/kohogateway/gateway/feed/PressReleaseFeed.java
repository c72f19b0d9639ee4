package org.kohogateway.gateway.feed;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kohogateway.gateway.post.NewPost;
import org.kohogateway.gateway.post.Post;
import org.kohogateway.gateway.post.PostCategory;
import org.kohogateway.gateway.post.PostWorkflow;
import org.kohogateway.gateway.support.GatewayException;
import org.kohogateway.gateway.support.HttpValidators;
import org.kohogateway.gateway.support.InvalidRequestException;
import org.kohogateway.gateway.support.SafeFetch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;

/**
 * Polls the press-release feed and turns each new item into a PR direct-publish draft by the configured PR officer:
 * text 「【報道発表】title」, the item's link as link and as the cited source, category {@code PRESS_RELEASE}. Nothing is
 * published by itself; PR reviews the draft and publishes it. Polite: conditional GET with the last ETag and
 * Last-Modified, one request per interval. Fetched through {@link SafeFetch}: no private addresses, no redirect to
 * another host, a bounded size. A bad feed (HTTP error, unreachable host, not XML) is logged and recorded
 * as a FAILED poll; the next poll simply tries again.
 *
 * <p>With several instances, one polls a feed at a time: a poll first takes the feed's lease (a row, in a statement
 * of its own) and gives it back when done; another instance's poll meanwhile does nothing. No transaction or lock is
 * held across the HTTP fetch.
 */
@Service
public class PressReleaseFeed {

    private static final Logger log = LoggerFactory.getLogger(PressReleaseFeed.class);
    private static final int MAX_TITLE = 500;

    private final FeedProperties properties;
    private final FeedItems items;
    private final PostWorkflow workflow;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final TransactionTemplate savepoint;
    private final SafeFetch fetch;
    /**
     * Longer than a poll can take: the connection and the response each within the timeout, a minute for the
     * drafts. Only a crashed poller's lease runs out; should a poll outlast it, the links' claims still keep a
     * second poll from drafting an item twice.
     */
    private final Duration lease;

    PressReleaseFeed(FeedProperties properties, FeedItems items, PostWorkflow workflow, Clock clock,
            PlatformTransactionManager transactions, SafeFetch fetch) {
        this.properties = properties;
        this.items = items;
        this.workflow = workflow;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.lease = properties.timeout().multipliedBy(2).plus(Duration.ofMinutes(1));
        this.fetch = fetch;
    }

    /** The scheduled poll of the configured feed; does nothing while {@code gateway.feed.url} is unset. */
    @Scheduled(fixedDelayString = "${gateway.feed.interval:15m}", initialDelayString = "${gateway.feed.interval:15m}")
    public void pollConfigured() {
        if (properties.enabled()) {
            poll(new FeedSource(properties.url(), properties.author(), properties.accountIds()));
        }
    }

    /**
     * Polls one feed once; never throws for a bad feed, the returned poll says what happened.
     *
     * @return empty if another instance is polling the feed right now
     */
    public Optional<FeedPoll> poll(FeedSource source) {
        String url = source.url().toString();
        String holder = UUID.randomUUID().toString();
        Instant now = clock.instant();
        if (!items.takePollLease(url, holder, now, now.plus(lease))) {
            log.debug("press-release feed {} is being polled by another instance", url);
            return Optional.empty();
        }
        try {
            return Optional.of(fetch(source));
        } finally {
            items.releasePollLease(url, holder);
        }
    }

    private FeedPoll fetch(FeedSource source) {
        String url = source.url().toString();
        Instant now = clock.instant();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5");
        headers.put("User-Agent", "koho-gateway press-release reader");
        items.validators(url).ifPresent(validators -> validators.addConditionsTo(headers));
        SafeFetch.Answer response;
        try {
            response = fetch.fetch(new SafeFetch.Request("GET", source.url(), headers, null, null, true, 0,
                    properties.timeout()));
        } catch (InvalidRequestException e) {
            return failed(url, now, null, e.getMessage());
        } catch (IOException e) {
            return failed(url, now, null, "unreachable: " + e);
        }
        int status = response.status();
        if (status == 304) {
            return items.log(url, now, FeedPoll.Outcome.NOT_MODIFIED, status, 0, null);
        }
        if (status < 200 || status > 299) {
            return failed(url, now, status, "HTTP " + status);
        }
        if (response.truncated()) {
            return failed(url, now, status, "the feed is larger than " + response.body().length + " bytes");
        }
        SyndFeed feed;
        try {
            feed = new SyndFeedInput().build(new XmlReader(new ByteArrayInputStream(response.body())));
        } catch (Exception e) {
            // FeedException, IllegalArgumentException (not a feed type ROME knows), IOException (bad encoding)
            return failed(url, now, status, "not a readable RSS/Atom feed: " + e.getMessage());
        }
        List<String> problems = new ArrayList<>();
        int created = 0;
        for (SyndEntry entry : feed.getEntries()) {
            String link = entry.getLink() == null ? null : entry.getLink().strip();
            if (link == null || link.isEmpty()) {
                problems.add("an item without a link: " + entry.getTitle());
                continue;
            }
            if (draft(source, link, title(entry), now, problems)) {
                created++;
            }
        }
        items.saveValidators(url, HttpValidators.of(response));
        String problem = problems.isEmpty() ? null : String.join("; ", problems);
        if (problem != null) {
            log.warn("press-release feed {}: {}", url, problem);
        }
        return items.log(url, now, created > 0 ? FeedPoll.Outcome.NEW_ITEMS : FeedPoll.Outcome.NO_NEW_ITEMS, status,
                created, problem);
    }

    /** The recent polls, newest first: what PR and auditors look at when a feed goes bad. */
    public List<FeedPoll> polls(int limit) {
        return items.polls(limit);
    }

    /** The draft created for a feed item, if any. */
    public Optional<org.kohogateway.gateway.post.PostId> draftOf(String link) {
        return items.draftOf(link);
    }

    /** Forgets items not seen in the feed since the cutoff and polls logged before it (housekeeping). */
    public int purgeBefore(Instant cutoff) {
        return items.purgeBefore(cutoff);
    }

    /** Claims the link and creates its draft in one transaction; a link seen before creates nothing. */
    private boolean draft(FeedSource source, String link, String title, Instant now, List<String> problems) {
        return Boolean.TRUE.equals(transaction.execute(status -> {
            if (!items.claim(link, source.url().toString(), title, now)) {
                return false;
            }
            try {
                Post post = savepoint.execute(s -> workflow.create(source.author(), new NewPost("【報道発表】" + title,
                        List.of(URI.create(link)), List.of(), PostCategory.PRESS_RELEASE, source.accountIds(), null,
                        URI.create(link), null, null, null, null)));
                items.drafted(link, post.id());
                return true;
            } catch (GatewayException | IllegalArgumentException refused) {
                // e.g. the link is not on an official city domain: recorded once, not retried every poll
                String problem = link + ": " + refused.getMessage();
                items.problem(link, problem);
                problems.add(problem);
                return false;
            }
        }));
    }

    private FeedPoll failed(String url, Instant now, @Nullable Integer status, String problem) {
        log.warn("press-release feed {} failed: {}", url, problem);
        return items.log(url, now, FeedPoll.Outcome.FAILED, status, 0, problem);
    }

    private static String title(SyndEntry entry) {
        String title = entry.getTitle() == null ? "" : entry.getTitle().strip().replaceAll("\\s+", " ");
        return title.length() > MAX_TITLE ? title.substring(0, MAX_TITLE) : title;
    }
}
