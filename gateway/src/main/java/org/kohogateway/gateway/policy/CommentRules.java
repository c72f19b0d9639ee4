package org.kohogateway.gateway.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.kohogateway.connectors.Links;
import org.kohogateway.connectors.Platform;
import org.kohogateway.gateway.account.AccountUrls;
import org.kohogateway.gateway.account.ReplyPolicy;

import com.twitter.twittertext.Extractor;

/**
 * Guideline §6-③: an account whose policy says it does not reply does not comment on others either — no answer, no
 * quote or repost of a post that is not the city's own, no @mention of an account that is not the city's own. The
 * two exceptions (ア an answer to a policy proposal, イ an emergency) are not silent: the approver acknowledges each,
 * and an answer to a proposal names the proposal.
 */
final class CommentRules {

    private static final ThreadLocal<Extractor> MENTIONS = ThreadLocal.withInitial(Extractor::new);

    private CommentRules() {
    }

    static void check(NormalizedText text, Candidate candidate, PolicyLists.Snapshot lists, List<Finding> findings) {
        for (Candidate.Target target : candidate.targets()) {
            if (target.replyPolicy() != ReplyPolicy.NO_REPLIES) {
                continue;
            }
            List<Finding> comments = comments(text, candidate, target, lists);
            if (comments.isEmpty()) {
                continue;
            }
            if (candidate.emergency()) {
                comments.forEach(c -> findings.add(excepted(c, RuleId.NO_REPLY_EMERGENCY, "")));
            } else if (candidate.answersPolicyProposal() && candidate.proposal() != null) {
                comments.forEach(c -> findings.add(excepted(c, RuleId.NO_REPLY_PROPOSAL, candidate.proposal())));
            } else if (candidate.answersPolicyProposal()) {
                findings.add(new Finding(RuleId.PROPOSAL_NOT_NAMED, -1, -1, target.accountId(), List.of()));
            } else {
                findings.addAll(comments);
            }
        }
    }

    /** What the post says to or about others, as NO_REPLY findings for this target. */
    private static List<Finding> comments(NormalizedText text, Candidate candidate, Candidate.Target target,
            PolicyLists.Snapshot lists) {
        List<Finding> comments = new ArrayList<>();
        if (candidate.replyTo() != null) {
            comments.add(new Finding(RuleId.NO_REPLY, -1, -1, target.accountId(),
                    List.of(candidate.replyTo(), "REPLY")));
        }
        if (candidate.quoteOf() != null && !cityOwn(candidate.quoteOf(), candidate.cityHandles(), lists)) {
            comments.add(new Finding(RuleId.NO_REPLY, -1, -1, target.accountId(),
                    List.of(candidate.quoteOf(), "QUOTE")));
        }
        Set<String> own = candidate.cityHandles().getOrDefault(target.platform(), Set.of());
        // an @ inside an address (x.com/@someone) is part of a link, which EXTERNAL_LINK judges: it notifies no one
        List<Links.Link> links = text.links();
        for (Extractor.Entity mention : MENTIONS.get().extractMentionedScreennamesWithIndices(text.normalized)) {
            boolean inLink = links.stream()
                    .anyMatch(l -> l.start() <= mention.getStart() && mention.getStart() < l.end());
            int handleEnd = handleEnd(text.normalized, mention.getEnd(), target.platform());
            String handle = text.normalized.substring(mention.getStart() + 1, handleEnd).toLowerCase(Locale.ROOT);
            if (!inLink && !own.contains(handle)) {
                int start = text.originalStart(mention.getStart());
                int end = text.originalEnd(handleEnd);
                comments.add(new Finding(RuleId.NO_REPLY, start, end, target.accountId(),
                        List.of(text.original.substring(start, end), "MENTION")));
            }
        }
        return comments;
    }

    /**
     * Where a mention's handle ends on this platform. twitter-text reads handles the X way, which stop at a dot;
     * Instagram and Facebook handles may hold dots ({@code @gotsu.official}), so there the handle runs on through them
     * (a dot at its end is the sentence's).
     */
    private static int handleEnd(String text, int xEnd, Platform platform) {
        if (platform != Platform.INSTAGRAM && platform != Platform.FACEBOOK) {
            return xEnd;
        }
        int end = xEnd;
        while (end < text.length() && (text.charAt(end) == '.' || text.charAt(end) == '_'
                || Character.isLetterOrDigit(text.charAt(end)) && text.charAt(end) < 0x80)) {
            end++;
        }
        while (end > xEnd && text.charAt(end - 1) == '.') {
            end--;
        }
        return end;
    }

    /** A page on a city domain, or a post by one of the city's own accounts: not someone else's (§6-③, §6-④). */
    static boolean cityOwn(String address, Map<Platform, Set<String>> handles,
            PolicyLists.Snapshot lists) {
        if (Domains.firstWithin(Links.hostOf(address), lists.get(ListName.OFFICIAL_DOMAIN).keySet()) != null) {
            return true;
        }
        return AccountUrls.author(address)
                .filter(h -> handles.getOrDefault(h.platform(), Set.of()).contains(h.name())).isPresent();
    }

    /** The comment as an exception to acknowledge: what, how (REPLY, QUOTE, MENTION), and the proposal answered. */
    private static Finding excepted(Finding comment, RuleId exception, String proposal) {
        List<String> arguments = new ArrayList<>(comment.arguments());
        arguments.add(proposal);
        return new Finding(exception, comment.start(), comment.end(), comment.accountId(), arguments);
    }
}
