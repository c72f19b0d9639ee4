package org.kohogateway.gateway.dispatch.chaos;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.kohogateway.connectors.Platform;

/**
 * The end state of a chaos run judged against what the platforms saw ({@link PlatformLedger}): each list holds the
 * cases that break the promise — an approved post reaches its platform exactly once, or a person is told it might
 * have; a pause stops every request once it returns — described for a person reading the test's report.
 */
public final class ChaosVerdict {

    /** A delivery as the gateway recorded it, with its account as the platform knows it. */
    public record DeliveryRow(UUID id, Platform platform, String account, String text, String status,
            String platformPostId, String reason) {
    }

    /** An account paused from {@code returned} (the pause call's answer) until {@code resumed} (the resume call). */
    public record PauseWindow(Platform platform, String account, Instant returned, Instant resumed) {
    }

    private static final Set<String> SETTLED = Set.of("SENT", "UNCERTAIN", "FAILED", "HELD");
    private static final List<Fault> FAULTS = List.of(Fault.ERROR_AFTER_CREATE, Fault.RESET_BEFORE, Fault.RESET_AFTER,
            Fault.SLOW_ANSWER, Fault.RATE_LIMITED);

    private final List<DeliveryRow> rows;
    private final PlatformLedger ledger;
    public final List<String> notSettled = new ArrayList<>();
    public final List<String> sentWithoutItsPost = new ArrayList<>();
    public final List<String> withoutReason = new ArrayList<>();
    public final List<String> notSentButPosted = new ArrayList<>();
    public final List<String> duplicates = new ArrayList<>();
    public final List<String> writesWhilePaused = new ArrayList<>();
    public final List<String> readsWhilePaused = new ArrayList<>();

    public ChaosVerdict(List<DeliveryRow> rows, PlatformLedger ledger, List<PauseWindow> pauses) {
        this.rows = rows;
        this.ledger = ledger;
        Set<String> ours = rows.stream().map(r -> r.platform() + "|" + r.account() + "|" + r.text()).collect(Collectors.toSet());
        for (DeliveryRow row : rows) {
            judge(row);
        }
        for (List<PlatformLedger.Created> group : ledger.duplicates()) {
            PlatformLedger.Created first = group.getFirst();
            if (ours.contains(first.platform() + "|" + first.account() + "|" + first.text())) {
                DeliveryRow row = rows.stream().filter(r -> r.platform() == first.platform()
                        && r.account().equals(first.account()) && r.text().equals(first.text())).findFirst().orElseThrow();
                duplicates.add(group.size() + " posts of '" + first.text() + "' on " + first.platform() + " "
                        + first.account() + " (ids " + group.stream().map(PlatformLedger.Created::id).toList()
                        + "); requests " + ledger.history(first.platform(), first.account(), first.text())
                        + "; the delivery is " + row.status() + (row.reason() == null ? "" : ": " + row.reason()));
            }
        }
        for (PauseWindow pause : pauses) {
            for (PlatformLedger.Request request : ledger.requests()) {
                if (request.platform() == pause.platform() && request.account().equals(pause.account())
                        && request.at().isAfter(pause.returned())
                        && (pause.resumed() == null || request.at().isBefore(pause.resumed()))) {
                    (request.creating() ? writesWhilePaused : readsWhilePaused).add(request.method() + " " + request.path() + " on " + pause.platform() + " "
                            + pause.account() + " " + Duration.between(pause.returned(), request.at()).toMillis()
                            + " ms after the pause call returned");
                }
            }
        }
    }

    private void judge(DeliveryRow row) {
        List<PlatformLedger.Created> posts = ledger.created(row.platform(), row.account(), row.text());
        String what = row.platform() + " delivery " + row.id() + " '" + row.text() + "'";
        if (!SETTLED.contains(row.status())) {
            notSettled.add(what + " is still " + row.status());
            return;
        }
        if (row.status().equals("SENT")) {
            if (posts.stream().noneMatch(p -> p.id().equals(row.platformPostId()))) {
                sentWithoutItsPost.add(what + " is SENT as " + row.platformPostId() + " but the platform created "
                        + posts.stream().map(PlatformLedger.Created::id).toList());
            }
            return;
        }
        if (row.reason() == null || row.reason().isBlank()) {
            withoutReason.add(what + " is " + row.status() + " without a reason");
        }
        if (!row.status().equals("UNCERTAIN") && !posts.isEmpty()) {
            notSentButPosted.add(what + " is " + row.status() + " (" + row.reason() + ") but the platform has "
                    + posts.size() + " post(s) of it");
        }
    }

    /**
     * Per platform of the run: deliveries and their states (on-pf: UNCERTAIN ones that are on the platform, which
     * reconciliation could have found), posts created, duplicates and faults injected by kind.
     */
    public String table() {
        StringBuilder table = new StringBuilder(String.format("%-10s %6s %6s %6s %6s %6s %6s %6s %6s %6s | %9s %9s %9s %9s %9s%n",
                "platform", "deliv", "SENT", "UNCERT", "on-pf", "FAILED", "HELD", "other", "posts", "dupl",
                "5xx-aft", "reset-bef", "reset-aft", "slow", "429"));
        for (Platform platform : rows.stream().map(DeliveryRow::platform).distinct().sorted().toList()) {
            List<DeliveryRow> mine = rows.stream().filter(r -> r.platform() == platform).toList();
            Map<String, Long> states = mine.stream().collect(Collectors.groupingBy(DeliveryRow::status, Collectors.counting()));
            Set<String> accounts = mine.stream().map(DeliveryRow::account).collect(Collectors.toSet());
            List<PlatformLedger.Created> posts = ledger.created().stream()
                    .filter(p -> p.platform() == platform && accounts.contains(p.account())).toList();
            long duplicated = posts.stream().collect(Collectors.groupingBy(p -> p.account() + "|" + p.text(),
                    Collectors.counting())).values().stream().filter(n -> n > 1).mapToLong(n -> n - 1).sum();
            long other = mine.size() - SETTLED.stream().mapToLong(s -> states.getOrDefault(s, 0L)).sum();
            long uncertainPosted = mine.stream().filter(r -> "UNCERTAIN".equals(r.status())
                    && !ledger.created(platform, r.account(), r.text()).isEmpty()).count();
            table.append(String.format("%-10s %6d %6d %6d %6d %6d %6d %6d %6d %6d |", platform, mine.size(),
                    states.getOrDefault("SENT", 0L), states.getOrDefault("UNCERTAIN", 0L), uncertainPosted,
                    states.getOrDefault("FAILED", 0L),
                    states.getOrDefault("HELD", 0L), other, posts.size(), duplicated));
            for (Fault fault : FAULTS) {
                table.append(String.format(" %9d", ledger.faults(platform, fault)));
            }
            table.append('\n');
        }
        return table.toString();
    }

    /** Every finding, a few examples of each kind. */
    public String findings() {
        StringBuilder text = new StringBuilder();
        section(text, "deliveries not settled (SENDING/SCHEDULED/…)", notSettled);
        section(text, "SENT deliveries whose platform_post_id is not a post the platform created for their text",
                sentWithoutItsPost);
        section(text, "UNCERTAIN/FAILED/HELD deliveries without a reason", withoutReason);
        section(text, "FAILED/HELD deliveries that are on the platform after all", notSentButPosted);
        section(text, "duplicate platform posts", duplicates);
        section(text, "creating requests for a paused account after its pause call returned", writesWhilePaused);
        section(text, "other requests (reads, look-ups) for a paused account after its pause call returned",
                readsWhilePaused);
        return text.toString();
    }

    private static void section(StringBuilder text, String title, Collection<String> cases) {
        text.append(String.format("%5d %s%n", cases.size(), title));
        cases.stream().limit(5).forEach(c -> text.append("        e.g. ").append(c).append('\n'));
    }
}
