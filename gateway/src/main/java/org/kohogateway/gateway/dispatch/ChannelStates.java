package org.kohogateway.gateway.dispatch;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.kohogateway.connectors.Platform;
import org.kohogateway.connectors.PublishOutcome.AccountTrouble;
import org.kohogateway.gateway.account.OfficialAccount;
import org.kohogateway.gateway.account.OfficialAccounts;
import org.kohogateway.gateway.crisis.Pause;
import org.kohogateway.gateway.crisis.Pauses;
import org.kohogateway.gateway.post.Readers;
import org.kohogateway.gateway.staff.StaffDirectory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each channel's (official account's) state for the channels page (issue 22 point 5), read from what the gateway
 * already keeps — no platform is asked: a pause, what the platform said about the account on the deliveries since the
 * last post that went out (suspended, locked, credentials, rate limit, quota: {@code delivery.account_trouble}), and
 * how much of each rolling limit the account has used in the gateway's own count. And, per department, whether its
 * emergency posts have somewhere else to go: when all its accounts are on one platform, or one of them cannot send,
 * it is told to add a fallback — the city's website, LINE, Facebook.
 */
@Service
public class ChannelStates {

    /** What holds a channel back, the worst first. */
    public enum Condition { PAUSED, FAILING, QUOTA, HEALTHY }

    /** Where an emergency post can go when a channel fails: the homepage always, and the platforms most reach. */
    public enum Fallback { WEBSITE, LINE, FACEBOOK }

    /** Why a department is told to add a fallback. */
    public enum Gap { ONE_PLATFORM, CHANNEL_DOWN }

    /** Refusals that say the account itself cannot post until a person acts. */
    private static final Set<AccountTrouble> FAILING = EnumSet.of(AccountTrouble.CREDENTIALS, AccountTrouble.SUSPENDED,
            AccountTrouble.LOCKED);

    /**
     * One account's state.
     *
     * @param trouble what the platform last said about the account since its last post went out; null when nothing
     * @param reason  the platform's words (or the pause's reason); null when healthy
     * @param since   since when: the first trouble after the last post that went out, or the pause
     * @param lastSentAt when its last post went out; null when none did
     * @param limits  how much of each rolling limit the gateway counts used
     */
    public record ChannelState(long accountId, String name, Platform platform, long departmentId, Condition condition,
            @Nullable AccountTrouble trouble, @Nullable String reason, @Nullable Instant since,
            @Nullable Instant lastSentAt, List<LimitUse> limits) {
    }

    /** @param window as {@code gateway.guards.windows} / {@code daily-cap} configure it */
    public record LimitUse(Duration window, int limit, int used) {

        public boolean reached() {
            return used >= limit;
        }
    }

    /**
     * A department's emergency posts depend on one platform, or on a channel that cannot send now.
     *
     * @param down the accounts that cannot send (paused, failing, out of quota); empty for {@link Gap#ONE_PLATFORM}
     * @param add  where to add a channel: the website always, LINE and Facebook where it has none that works
     */
    public record Suggestion(long departmentId, String departmentName, Gap gap, List<String> down, List<Fallback> add) {
    }

    public record Overview(List<ChannelState> channels, List<Suggestion> suggestions) {
    }

    private final OfficialAccounts accounts;
    private final Pauses pauses;
    private final SendGuards guards;
    private final GuardProperties limits;
    private final StaffDirectory staff;
    private final JdbcClient jdbc;
    private final Clock clock;

    ChannelStates(OfficialAccounts accounts, Pauses pauses, SendGuards guards, GuardProperties limits,
            StaffDirectory staff, JdbcClient jdbc, Clock clock) {
        this.accounts = accounts;
        this.pauses = pauses;
        this.guards = guards;
        this.limits = limits;
        this.staff = staff;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * The channels in service these readers look after (every department's for those who read every account, else
     * their own; a token's accounts only), and the suggestions for their departments.
     */
    @Transactional(readOnly = true)
    public Overview overview(Readers readers) {
        Instant now = clock.instant();
        List<Pause> active = pauses.active();
        List<ChannelState> channels = new ArrayList<>();
        for (OfficialAccount account : accounts.inService()) {
            boolean looksAfter = readers.departmentId() == null || readers.departmentId() == account.departmentId();
            if (looksAfter && (readers.accountIds() == null || readers.accountIds().contains(account.id()))) {
                channels.add(state(account, active, now));
            }
        }
        return new Overview(channels, suggestions(channels));
    }

    private ChannelState state(OfficialAccount account, List<Pause> active, Instant now) {
        // the expression of V19's delivery_calendar index, so the look-up is an index scan
        Instant lastSent = jdbc.sql("""
                select max(case when status = 'SENT' then sent_at else due_at end) as at from delivery
                where account_id = :account and status = 'SENT'
                """).param("account", account.id()).query((rs, n) -> rs.getTimestamp("at")).list().stream()
                .filter(java.util.Objects::nonNull).map(Timestamp::toInstant).findFirst().orElse(null);
        List<Heard> heard = jdbc.sql("""
                select account_trouble, last_error, trouble_at from delivery
                where account_id = :account and account_trouble is not null and trouble_at > :after
                order by trouble_at desc
                """).param("account", account.id())
                .param("after", Timestamp.from(lastSent == null ? Instant.EPOCH : lastSent))
                .query((rs, n) -> new Heard(AccountTrouble.valueOf(rs.getString(1)), rs.getString(2),
                        rs.getTimestamp(3).toInstant()))
                .list().stream()
                // a wait for a limit is over within a day; a suspension or a rejected token lasts until a person acts
                .filter(h -> FAILING.contains(h.trouble()) || h.at().isAfter(now.minus(Duration.ofDays(1))))
                .toList();
        List<LimitUse> uses = limitUses(account, now);
        Optional<Pause> pause = active.stream()
                .filter(p -> p.accountId() == null || p.accountId() == account.id()).findFirst();
        Heard latest = heard.isEmpty() ? null : heard.getFirst();
        Instant firstHeard = heard.isEmpty() ? null : heard.getLast().at();
        Condition condition;
        String reason;
        Instant since;
        if (pause.isPresent()) {
            condition = Condition.PAUSED;
            reason = pause.get().reason();
            since = pause.get().pausedAt();
        } else if (latest != null && FAILING.contains(latest.trouble())) {
            condition = Condition.FAILING;
            reason = latest.said();
            since = firstHeard;
        } else if (latest != null) {
            condition = Condition.QUOTA;
            reason = latest.said();
            since = firstHeard;
        } else if (uses.stream().anyMatch(LimitUse::reached)) {
            condition = Condition.QUOTA;
            reason = null;
            since = null;
        } else {
            condition = Condition.HEALTHY;
            reason = null;
            since = null;
        }
        return new ChannelState(account.id(), account.name(), account.platform(), account.departmentId(), condition,
                latest == null ? null : latest.trouble(), reason, since, lastSent, uses);
    }

    /** What the platform said about the account on one delivery. */
    private record Heard(AccountTrouble trouble, @Nullable String said, Instant at) {
    }

    private List<LimitUse> limitUses(OfficialAccount account, Instant now) {
        List<GuardProperties.Window> windows = limits.rollingLimits(account.platform());
        if (windows.isEmpty()) {
            return List.of();
        }
        Duration longest = windows.stream().map(GuardProperties.Window::length).max(Duration::compareTo).orElseThrow();
        List<Instant> used = guards.usedSince(account.id(), null, now.minus(longest));
        return windows.stream().map(w -> new LimitUse(w.length(), w.limit(),
                (int) used.stream().filter(at -> at.isAfter(now.minus(w.length()))).count())).toList();
    }

    /**
     * Per department: all its channels on one platform, or one that cannot send now, asks for a fallback — the city's
     * website always (guideline §7-①: the homepage carries everything), and LINE and Facebook where none of its
     * channels there works.
     */
    private List<Suggestion> suggestions(List<ChannelState> channels) {
        Map<Long, List<ChannelState>> byDepartment = new LinkedHashMap<>();
        channels.forEach(c -> byDepartment.computeIfAbsent(c.departmentId(), d -> new ArrayList<>()).add(c));
        List<Suggestion> suggestions = new ArrayList<>();
        byDepartment.forEach((departmentId, own) -> {
            List<String> down = own.stream().filter(c -> c.condition() != Condition.HEALTHY).map(ChannelState::name)
                    .toList();
            boolean onePlatform = own.stream().map(ChannelState::platform).distinct().count() == 1;
            if (down.isEmpty() && !onePlatform) {
                return;
            }
            List<Fallback> add = new ArrayList<>(List.of(Fallback.WEBSITE));
            for (Fallback platform : List.of(Fallback.LINE, Fallback.FACEBOOK)) {
                if (own.stream().noneMatch(c -> c.platform().name().equals(platform.name())
                        && c.condition() == Condition.HEALTHY)) {
                    add.add(platform);
                }
            }
            suggestions.add(new Suggestion(departmentId, staff.department(departmentId).name(),
                    down.isEmpty() ? Gap.ONE_PLATFORM : Gap.CHANNEL_DOWN, down, add));
        });
        return suggestions;
    }
}
