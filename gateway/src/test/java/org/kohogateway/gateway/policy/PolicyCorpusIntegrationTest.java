package org.kohogateway.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.kohogateway.connectors.Platform;
import org.kohogateway.gateway.account.OfficialAccounts;
import org.kohogateway.gateway.account.OperatingPolicy;
import org.kohogateway.gateway.account.PlatformCredentials;
import org.kohogateway.gateway.account.ReplyPolicy;
import org.kohogateway.gateway.testing.Api;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.TestData.World;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The corpus of Japanese municipal posts ({@code policy/corpus.tsv}: events, waste collection, disasters, tourism,
 * recruitment), written from the guideline, run through the lists as the migrations ship them in the database. Every
 * case must come out as written; precision and recall per rule are printed. The only list change is one public
 * e-mail address of the city, added the way PR adds one: requested by an admin, confirmed by a PR officer; and the
 * city's own accounts on X, Instagram and Facebook, registered as the city registers an account, whose handles the
 * §6-③ cases mention and quote.
 */
class PolicyCorpusIntegrationTest extends IntegrationTest {

    /** The corpus's default scheduled time, a Thursday in city time; a case may name its own. */
    private static final String DEFAULT_PUBLISH_AT = "2026-12-10T09:00:00+09:00";
    /** The targets a case may name; the default is one LINE account that allows replies. */
    private static final Map<String, Candidate.Target> TARGETS = Map.of(
            "", new Candidate.Target(1, Platform.LINE, ReplyPolicy.REPLIES_ALLOWED),
            "X-noreply", new Candidate.Target(1, Platform.X, ReplyPolicy.NO_REPLIES),
            "LINE-noreply", new Candidate.Target(1, Platform.LINE, ReplyPolicy.NO_REPLIES));
    /** The city's own accounts, by their published addresses: their handles are the city's own. */
    private static final Map<Platform, String> CITY_ACCOUNTS = Map.of(Platform.X, "https://x.com/gotsu_city",
            Platform.INSTAGRAM, "https://www.instagram.com/gotsu_official",
            Platform.FACEBOOK, "https://www.facebook.com/gotsu.city");
    private static final List<RuleId> TEXT_RULES = List.of(RuleId.URL_SHORTENER, RuleId.BLOCKED_SITE,
            RuleId.EXTERNAL_LINK, RuleId.PROHIBITED_CONTENT, RuleId.MY_NUMBER, RuleId.PHONE_NUMBER,
            RuleId.EMAIL_ADDRESS, RuleId.POSTAL_ADDRESS, RuleId.FUSEJI, RuleId.TEMPLATE_MARKER_LEFT, RuleId.WEEKDAY_MISMATCH,
            RuleId.IMPOSSIBLE_DATE, RuleId.PAST_DATE, RuleId.NO_REPLY, RuleId.QUOTE_OF_OTHERS);

    @Autowired
    PolicyRules rules;

    @Autowired
    OfficialAccounts accounts;

    record Case(int line, RuleId rule, boolean expected, String text, String publishAt, List<URI> links,
            Candidate.Target target, String quoteOf) {
    }

    @Test
    void everyCaseComesOutAsTheGuidelineSays() throws IOException {
        allowTheCitysPublicMailAddress();
        registerTheCitysOwnAccounts();
        List<Case> cases = corpus();
        Map<RuleId, int[]> counts = new EnumMap<>(RuleId.class); // true pos, false pos, false neg, true neg
        List<String> misses = new ArrayList<>();
        for (Case c : cases) {
            Candidate candidate = new Candidate(c.text(), c.links(), List.of(), null, c.quoteOf(), false, false,
                    OffsetDateTime.parse(c.publishAt()).toInstant(), List.of(c.target()));
            List<Finding> findings = rules.check(candidate);
            boolean fired = findings.stream().anyMatch(f -> f.rule() == c.rule());
            int[] n = counts.computeIfAbsent(c.rule(), r -> new int[4]);
            n[fired ? (c.expected() ? 0 : 1) : (c.expected() ? 2 : 3)]++;
            if (fired != c.expected()) {
                misses.add("line " + c.line() + " " + c.rule() + (c.expected() ? " missed" : " wrongly found")
                        + " in «" + c.text() + "»: " + findings);
            }
        }
        System.out.printf("%npolicy corpus: %d cases%n%-18s %5s %5s %5s %5s %9s %7s%n", cases.size(), "rule", "TP",
                "FP", "FN", "TN", "precision", "recall");
        counts.forEach((rule, n) -> System.out.printf("%-18s %5d %5d %5d %5d %9.3f %7.3f%n", rule, n[0], n[1], n[2],
                n[3], n[0] + n[1] == 0 ? 1.0 : (double) n[0] / (n[0] + n[1]),
                n[0] + n[2] == 0 ? 1.0 : (double) n[0] / (n[0] + n[2])));

        assertThat(misses).as(String.join("\n", misses)).isEmpty();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(300);
        for (RuleId rule : TEXT_RULES) {
            int[] n = counts.getOrDefault(rule, new int[4]);
            assertThat(n[0] + n[2]).as(rule + " true positives in the corpus").isGreaterThanOrEqualTo(15);
            assertThat(n[1] + n[3]).as(rule + " true negatives in the corpus").isGreaterThanOrEqualTo(15);
        }
    }

    private void allowTheCitysPublicMailAddress() {
        World world = data.world();
        Api admin = api(world.admin());
        String mail = "kouhou@city.gotsu.lg.jp";
        if (admin.get("/api/policy/lists/PERSONAL_DATA_ALLOWED").json().toString().contains(mail)) {
            return;
        }
        var requested = admin.post("/api/policy/lists/PERSONAL_DATA_ALLOWED", Api.json(Map.of("value", mail,
                "reason", "広報担当 https://www.city.gotsu.lg.jp/soshiki/3/")));
        assertThat(requested.status()).as(requested.toString()).isEqualTo(202);
        long id = requested.json().get("id").asLong();
        assertThat(api(world.pr()).post("/api/policy/changes/" + id + "/confirm", null).status()).isEqualTo(200);
    }

    private void registerTheCitysOwnAccounts() {
        World world = data.world();
        Map<Platform, Set<String>> handles = accounts.cityHandles();
        CITY_ACCOUNTS.forEach((platform, url) -> {
            if (!handles.getOrDefault(platform, Set.of()).contains(url.substring(url.lastIndexOf('/') + 1))) {
                accounts.registerActive("test", platform, "江津市 " + platform, url, world.departmentA().id(), "市の公式",
                        new OperatingPolicy(true, ReplyPolicy.NO_REPLIES), new PlatformCredentials(Map.of()));
            }
        });
    }

    static List<Case> corpus() throws IOException {
        List<Case> cases = new ArrayList<>();
        try (var in = new BufferedReader(new InputStreamReader(
                PolicyCorpusIntegrationTest.class.getResourceAsStream("/policy/corpus.tsv"), StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                String publishAt = f.length > 3 && !f[3].isBlank() ? f[3] : DEFAULT_PUBLISH_AT;
                List<URI> links = f.length > 4 && !f[4].isBlank()
                        ? Arrays.stream(f[4].split(" ")).map(URI::create).toList() : List.of();
                String targetName = f.length > 5 ? f[5] : "";
                Candidate.Target target = TARGETS.get(targetName);
                String quoteOf = f.length > 6 && !f[6].isBlank() ? f[6] : null;
                cases.add(new Case(number, RuleId.valueOf(f[0]), "1".equals(f[1]), f[2], publishAt, links,
                        Objects.requireNonNull(target, "line " + number + ": no target " + targetName), quoteOf));
            }
        }
        return cases;
    }
}
