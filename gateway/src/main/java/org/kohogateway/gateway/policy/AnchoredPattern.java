package org.kohogateway.gateway.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rule's pattern, searched only where it can match. {@link Matcher#find()} tries a pattern at every character of
 * the text, and on a 2,000-character post the rules' patterns were most of a check's CPU. Yet each of them has an
 * anchor: every match holds a match of the anchor (a unit such as 町, a blank mark such as ○) starting at most
 * {@code reach} characters after the match's own start. So the pattern is tried, in order, only at the positions from
 * {@code reach} before each anchor up to it, each try made as find() makes it (the whole text visible to the
 * look-behinds and look-aheads): the matches are find()'s, the same ones at the same places
 * ({@code AnchoredPatternTest} compares the two over generated texts).
 */
record AnchoredPattern(Pattern pattern, Pattern anchor, int reach) {

    static AnchoredPattern of(Pattern pattern, String anchor, int reach) {
        return new AnchoredPattern(pattern, Pattern.compile(anchor), reach);
    }

    /** The matches find() would give, in order. */
    List<MatchResult> in(String text) {
        List<MatchResult> found = new ArrayList<>();
        Matcher m = pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        Matcher anchors = anchor.matcher(text);
        // every position before `tried` has been tried, or lies inside a match, as find() would leave it
        int tried = 0;
        int from = 0;
        while (from <= text.length() && anchors.find(from)) {
            int at = anchors.start();
            for (int p = Math.max(tried, at - reach); p <= at; p++) {
                m.region(p, text.length());
                if (m.lookingAt()) {
                    found.add(m.toMatchResult());
                    tried = m.end() > p ? m.end() : p + 1;
                    p = tried - 1;
                }
            }
            tried = Math.max(tried, at + 1);
            from = at + 1;
        }
        return found;
    }
}
