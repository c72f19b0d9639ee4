package org.kohogateway.gateway.account;

import java.net.URI;
import java.net.URISyntaxException;
import java.text.Normalizer;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.kohogateway.connectors.Links;
import org.kohogateway.connectors.ProfileReading;

/**
 * Whether an account's profile on its platform does what guideline §7-① and §6-③ ask: show the city homepage that
 * lists the official accounts (against impersonation), and, where the policy says the account does not reply, say so.
 * A pure function of the profile, the reply policy and the homepage URL.
 */
public final class ProfileCompliance {

    /**
     * The ways a profile says the account does not reply (返信は行いません, リプライはしておりません, …), after NFKC and with
     * white space removed.
     */
    private static final Pattern NO_REPLY_NOTICE = Pattern.compile(
            "(返信|リプライ|お返事|個別の?回答|個別に?お答え|コメントへの対応)(等|など)?(は|を|には)?(一切)?"
                    + "(行い|おこない|し|いたし|致し|でき|出来|行って|おこなって|して|いたして|致して"
                    + "|対応(して|いたして|致して|し|いたし|致し|でき|出来)|応じ(て)?|お答え(して|でき|し))"
                    + "(お|て|い)?(り|い)?ません"
                    + "|donotreply|dontreply|noreplies",
            Pattern.CASE_INSENSITIVE);

    private ProfileCompliance() {
    }

    public enum Outcome {
        COMPLIANT,
        NON_COMPLIANT,
        /** The platform has no profile text to read (LINE): stated, never guessed. */
        NOT_CHECKABLE,
        /** The profile could not be read this time. */
        READ_FAILED
    }

    public enum Gap {
        MISSING_HOMEPAGE_URL,
        MISSING_NO_REPLY_NOTICE
    }

    /**
     * @param gaps   what is missing; empty unless NON_COMPLIANT
     * @param reason why the profile could not be checked; empty when it was
     */
    public record Result(Outcome outcome, Set<Gap> gaps, @Nullable String reason) {

        public Result {
            gaps = gaps.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(gaps));
            reason = reason == null ? "" : reason;
        }

        public boolean compliant() {
            return outcome == Outcome.COMPLIANT;
        }
    }

    public static Result check(ProfileReading reading, ReplyPolicy replyPolicy, URI homepage) {
        return switch (reading) {
            case ProfileReading.NotCheckable n -> new Result(Outcome.NOT_CHECKABLE, Set.of(), n.reason());
            case ProfileReading.Failed f -> new Result(Outcome.READ_FAILED, Set.of(), f.reason());
            case ProfileReading.Profile p -> check(p, replyPolicy, homepage);
        };
    }

    private static Result check(ProfileReading.Profile profile, ReplyPolicy replyPolicy, URI homepage) {
        Set<Gap> gaps = EnumSet.noneOf(Gap.class);
        String website = profile.website().orElse("");
        if (!showsHomepage(profile.description(), homepage) && !showsHomepage(website, homepage)) {
            gaps.add(Gap.MISSING_HOMEPAGE_URL);
        }
        if (replyPolicy == ReplyPolicy.NO_REPLIES && !saysNoReplies(profile.description())) {
            gaps.add(Gap.MISSING_NO_REPLY_NOTICE);
        }
        return new Result(gaps.isEmpty() ? Outcome.COMPLIANT : Outcome.NON_COMPLIANT, gaps, "");
    }

    /**
     * True if the text holds a link to the homepage itself: same scheme (https), exactly the same host — not a host
     * that merely contains it — default port, no user info, and a path under the homepage's path. The addresses are
     * found by the one link parser, {@link Links}, as the platforms find them.
     */
    static boolean showsHomepage(String text, URI homepage) {
        return Links.in(text).stream().anyMatch(link -> sameSite(link.text(), homepage));
    }

    static boolean saysNoReplies(String description) {
        String folded = Normalizer.normalize(description, Normalizer.Form.NFKC).replaceAll("[\\s']", "")
                .toLowerCase(Locale.ROOT);
        return NO_REPLY_NOTICE.matcher(folded).find();
    }

    private static boolean sameSite(String candidate, URI homepage) {
        URI uri;
        try {
            uri = new URI(candidate);
        } catch (URISyntaxException e) {
            return false;
        }
        String host = uri.getHost();
        if (host == null || uri.getRawUserInfo() != null) {
            return false;
        }
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        int port = uri.getPort();
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String homePath = homepage.getRawPath() == null ? "" : homepage.getRawPath();
        return homepage.getScheme().equalsIgnoreCase(uri.getScheme())
                && homepage.getHost().equalsIgnoreCase(host)
                && (port == -1 || port == 443)
                && (homePath.isEmpty() || "/".equals(homePath) || path.equals(homePath)
                        || path.startsWith(homePath.endsWith("/") ? homePath : homePath + "/"));
    }
}
