package org.kohogateway.gateway.policy;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.kohogateway.connectors.Platform;
import org.kohogateway.gateway.account.OfficialAccounts;
import org.springframework.stereotype.Service;

/**
 * Runs every rule of docs/guideline.md, "Rules on every post", over a candidate post; pure apart from reading the
 * current lists.
 */
@Service
public class PolicyRules {

    private final PolicyLists lists;
    private final OfficialAccounts accounts;
    private final Clock clock;

    PolicyRules(PolicyLists lists, OfficialAccounts accounts, Clock clock) {
        this.lists = lists;
        this.accounts = accounts;
        this.clock = clock;
    }

    /** Checks against the current lists and the handles of the city's registered accounts. */
    public List<Finding> check(Candidate candidate) {
        return check(candidate, cityHandles());
    }

    /** The handles of the city's registered accounts, read once for several checks made together. */
    public Map<Platform, Set<String>> cityHandles() {
        return accounts.cityHandles();
    }

    /**
     * As {@link #check(Candidate)} with the city's handles as {@link #cityHandles()} read them shortly before: the
     * dispatcher reads them once per claim rather than once per delivery.
     */
    public List<Finding> check(Candidate candidate, Map<Platform, Set<String>> cityHandles) {
        return check(candidate.withCityHandles(cityHandles), lists.snapshot(), clock.instant());
    }

    /** @param now what "as soon as approved" means for the date checks */
    static List<Finding> check(Candidate candidate, PolicyLists.Snapshot snapshot, Instant now) {
        NormalizedText text = NormalizedText.of(candidate.text());
        List<Finding> findings = new ArrayList<>();
        PlatformRules.check(candidate, findings);
        CommentRules.check(text, candidate, snapshot, findings);
        LinkRules.check(text, candidate, snapshot, findings);
        PersonalDataRules.check(text, snapshot, findings);
        ContentRules.check(text, snapshot, findings);
        TemplateMarkers.check(text, findings);
        DateRules.check(text, candidate.publishAt() == null ? now : candidate.publishAt(), findings);
        findings.sort(Finding.ORDER);
        return List.copyOf(findings);
    }

    /**
     * The personal data rules alone (guideline §8-⑤: My Number, phone numbers, e-mail and postal addresses) over any
     * text, the city's own public contacts on the allow list excepted: what a disclosure lists for staff to redact.
     */
    public List<Finding> personalData(String text) {
        List<Finding> findings = new ArrayList<>();
        PersonalDataRules.check(NormalizedText.of(text), lists.snapshot(), findings);
        findings.sort(Finding.ORDER);
        return List.copyOf(findings);
    }

    /** Whether a domain is one of the city's official domains (or a subdomain of one). */
    public boolean official(String host) {
        return Domains.firstWithin(host, lists.snapshot().get(ListName.OFFICIAL_DOMAIN).keySet()) != null;
    }
}
