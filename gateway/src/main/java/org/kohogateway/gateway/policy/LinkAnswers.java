package org.kohogateway.gateway.policy;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;

import org.jspecify.annotations.Nullable;
import org.kohogateway.connectors.Links;
import org.kohogateway.gateway.support.InvalidRequestException;
import org.kohogateway.gateway.support.SafeFetch;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Guideline §3-④ (accurate information): each link of a post, in its text or beside it, that does not answer — an
 * error status, no answer in time, a name that does not resolve or an address {@link SafeFetch} refuses — is a
 * warning (LINK_NOT_ANSWERING) for the approver, who can still decide.
 *
 * <p>Checked only when an approver looks at a post, never as the poster types: a fetch per keystroke would make the
 * gateway probe whatever addresses anyone types. The fetches never run inside a transaction (a slow site must not
 * hold a connection or a lock); at most {@code parallel} run at once, a page waits at most {@code deadline} for all
 * of its links, and each link's answer is remembered for {@code cache-for}, so opening the page twice fetches once. A
 * HEAD is asked; a site that does not take HEAD gets a GET of which a few bytes are read.
 */
@Service
public class LinkAnswers {

    /** Why a link does not answer, in the words of the finding (Japanese, English). */
    private record NotAnswering(String ja, String en) {

        static final NotAnswering LATE = new NotAnswering("時間内に応答がありません", "no answer in time");
        static final NotAnswering REFUSED = new NotAnswering(
                "確かめられない宛先です（名前が引けない、https でない、または内部のアドレス）",
                "it cannot be checked (its name does not resolve, it is not https, or it is an internal address)");
        static final NotAnswering UNREACHABLE = new NotAnswering("接続できません", "the connection failed");

        static NotAnswering status(int status) {
            return new NotAnswering("HTTP " + status + " エラー", "HTTP error " + status);
        }
    }

    /** A fetch under way or done (no answer: the link answers), and until when it is remembered. */
    private record Remembered(Future<@Nullable NotAnswering> answer, long until) {
    }

    /** A link of one post: the address fetched, and what the finding shows and marks. */
    private record Spot(String address, String shown, int start, int end) {
    }

    private static final int SOME_BYTES = 16;

    private final SafeFetch fetch;
    private final LinkCheckProperties properties;
    private final ExecutorService fetches;
    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();

    LinkAnswers(SafeFetch fetch, LinkCheckProperties properties) {
        this.fetch = fetch;
        this.properties = properties;
        this.fetches = Executors.newFixedThreadPool(properties.parallel(),
                Thread.ofVirtual().name("link-check-", 0).factory());
    }

    @PreDestroy
    void stop() {
        fetches.shutdownNow();
    }

    /**
     * The LINK_NOT_ANSWERING findings of each candidate, in order; all of them waited for within one deadline.
     *
     * @throws IllegalStateException inside a transaction: the caller must not hold a connection across fetches
     */
    public List<List<Finding>> check(List<Candidate> candidates) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("links are fetched outside any transaction");
        }
        long now = System.nanoTime();
        remembered.values().removeIf(r -> r.until() - now < 0);
        List<List<Spot>> spots = candidates.stream().map(LinkAnswers::spots).toList();
        Map<String, Future<NotAnswering>> pending = new LinkedHashMap<>();
        spots.forEach(post -> post.forEach(spot -> pending.computeIfAbsent(spot.address(), this::answer)));
        long deadline = now + properties.deadline().toNanos();
        Map<String, NotAnswering> answers = new HashMap<>();
        pending.forEach((address, answer) -> answers.put(address, await(answer, deadline)));
        return spots.stream().map(post -> post.stream().filter(spot -> answers.get(spot.address()) != null)
                .map(spot -> finding(spot, answers.get(spot.address()))).toList()).toList();
    }

    private static Finding finding(Spot spot, NotAnswering why) {
        return new Finding(RuleId.LINK_NOT_ANSWERING, spot.start(), spot.end(), null,
                List.of(spot.shown(), why.ja(), why.en()));
    }

    /** The links the one link parser finds in the text (as LinkRules reads them), then those given beside it. */
    private static List<Spot> spots(Candidate candidate) {
        NormalizedText text = NormalizedText.of(candidate.text());
        List<Spot> spots = new ArrayList<>();
        for (Links.Link link : text.links()) {
            int start = text.originalStart(link.start());
            int end = text.originalEnd(link.end());
            String address = link.text().matches("(?is)https?://.*") ? link.text() : "https://" + link.text();
            spots.add(new Spot(address, text.original.substring(start, end), start, end));
        }
        for (URI link : candidate.links()) {
            if (!text.normalized.contains(link.toString())) {
                spots.add(new Spot(link.toString(), link.toString(), -1, -1));
            }
        }
        return spots;
    }

    private Future<NotAnswering> answer(String address) {
        return remembered.compute(address, (a, before) -> before != null && before.until() - System.nanoTime() > 0
                ? before
                : new Remembered(fetches.submit(() -> ask(a)), System.nanoTime() + properties.cacheFor().toNanos()))
                .answer();
    }

    private static NotAnswering await(Future<NotAnswering> answer, long deadline) {
        try {
            return answer.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return NotAnswering.LATE; // the fetch goes on, bounded by its timeout; its answer is remembered
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return NotAnswering.LATE;
        } catch (ExecutionException e) {
            return NotAnswering.UNREACHABLE;
        }
    }

    /** Absent when the link answers with a success or a redirect. */
    private @Nullable NotAnswering ask(String address) {
        try {
            URI uri = uri(address);
            if ("http".equalsIgnoreCase(uri.getScheme()) && !fetch.plainHttpAllowed(uri)) {
                // a reader's browser is sent on to https by nearly every site; only https is fetched
                uri = uri("https" + uri.toString().substring(uri.getScheme().length()));
            }
            SafeFetch.Answer answer = fetch.fetch(new SafeFetch.Request("HEAD", uri, Map.of(), null, null, true, 1,
                    properties.timeout()));
            if (answer.status() == 405 || answer.status() == 501) {
                answer = fetch.fetch(new SafeFetch.Request("GET", uri, Map.of(), null, null, true, SOME_BYTES,
                        properties.timeout()));
            }
            return answer.status() >= 400 ? NotAnswering.status(answer.status()) : null;
        } catch (URISyntaxException | IllegalArgumentException | InvalidRequestException e) {
            return NotAnswering.REFUSED;
        } catch (InterruptedIOException e) {
            return NotAnswering.LATE;
        } catch (IOException e) {
            return NotAnswering.UNREACHABLE;
        }
    }

    /** The address as a URI: what is not printable ASCII (a Japanese path, a space) percent-encoded as UTF-8. */
    private static URI uri(String address) throws URISyntaxException {
        StringBuilder ascii = new StringBuilder();
        address.codePoints().forEach(c -> {
            if (c > ' ' && c < 0x7f) {
                ascii.append((char) c);
            } else {
                for (byte b : Character.toString(c).getBytes(StandardCharsets.UTF_8)) {
                    ascii.append('%').append(String.format("%02X", b & 0xff));
                }
            }
        });
        return new URI(ascii.toString());
    }
}
