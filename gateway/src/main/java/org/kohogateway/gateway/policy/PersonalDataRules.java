package org.kohogateway.gateway.policy;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Personal data (guideline §8-⑤): My Number, phone numbers, e-mail addresses and postal addresses are refused, except
 * the city's own public contacts on the allow list.
 */
final class PersonalDataRules {

    /** Characters people type between digit groups, after NFKC (which already turns full-width ones into "-"). */
    private static final String DASHES = "\\-‐‑–—−ー";
    static final AnchoredPattern MY_NUMBER = AnchoredPattern.of(Pattern.compile(
            "(?<![\\d\\-])(\\d{4})[ " + DASHES + "]?(\\d{4})[ " + DASHES + "]?(\\d{4})(?![\\d\\-])"), "\\d", 0);
    /** Where a phone number may start: 0, or +81 (the leading 0 dropped), not inside a longer number. */
    private static final Pattern PHONE_START = Pattern.compile("(?<![\\d+])(?:0|\\+ ?81)");
    /** What people put between digit groups: spaces of any width (one space after NFKC), dashes, brackets. */
    private static final String PHONE_SEPARATORS = " ()" + DASHES + "‒―﹣";
    private static final String KANJI_DIGITS = "〇一二三四五六七八九";
    private static final Pattern EMAIL = Pattern.compile(
            "(?<![\\w.+-])[\\w.+-]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+",
            Pattern.CASE_INSENSITIVE);
    static final AnchoredPattern POSTAL_CODE = AnchoredPattern.of(Pattern.compile(
            "(?:〒|郵便番号)\\s?\\d{3}[" + DASHES + "]?\\d{4}(?!\\d)"), "〒|郵便番号", 0);
    /** A street-level address: a place name ending in 町・村・丁目 followed by block and house numbers. */
    static final AnchoredPattern ADDRESS = AnchoredPattern.of(Pattern.compile(
            "[\\p{IsHan}\\p{IsKatakana}ヶ]{1,15}?(?:町|村|丁目)\\s?\\d{1,5}"
            + "(?:丁目|番地|番|号|(?:[" + DASHES + "]|の)\\d{1,5})(?:\\s?\\d{1,5}(?:番地|番|号)|(?:[" + DASHES
            + "]|の)\\d{1,5})*(?:番地|号)?"
            + "|\\d{1,3}丁目\\s?\\d{1,5}(?:番地|番|号|[" + DASHES + "]\\d{1,5})(?:\\d{1,5}(?:番地|号)?)?"),
            "町|村|丁目", 15);

    private PersonalDataRules() {
    }

    static void check(NormalizedText text, PolicyLists.Snapshot lists, List<Finding> findings) {
        Map<String, String> allowed = lists.get(ListName.PERSONAL_DATA_ALLOWED);
        for (MatchResult m : MY_NUMBER.in(text.normalized)) {
            if (validMyNumber(m.group(1) + m.group(2) + m.group(3))) {
                add(findings, RuleId.MY_NUMBER, text, m.start(), m.end());
            }
        }
        phoneNumbers(text, allowed, findings);
        Matcher email = EMAIL.matcher(text.normalized);
        while (email.find()) {
            if (!allowed.containsKey(key(email.group()))) {
                add(findings, RuleId.EMAIL_ADDRESS, text, email.start(), email.end());
            }
        }
        for (MatchResult m : POSTAL_CODE.in(text.normalized)) {
            if (!allowed.containsKey(key(m.group()))) {
                add(findings, RuleId.POSTAL_ADDRESS, text, m.start(), m.end());
            }
        }
        for (MatchResult m : ADDRESS.in(text.normalized)) {
            String found = key(m.group());
            // the match may start a little before the allowed address ("会場江津市…"): containment is enough
            if (allowed.keySet().stream().noneMatch(a -> a.length() >= 6 && (found.contains(a) || a.contains(found)))) {
                add(findings, RuleId.POSTAL_ADDRESS, text, m.start(), m.end());
            }
        }
    }

    /**
     * Phone numbers however they are written: kanji numerals (〇九〇…), {@code +81}, groups split by spaces, dashes or
     * brackets. A number is ten digits, eleven for mobile and IP phones (050, 070, 080, 090) and 0800; digits that go
     * on without a separator make it part of something longer (an order number), not a phone number.
     */
    private static void phoneNumbers(NormalizedText text, Map<String, String> allowed, List<Finding> findings) {
        String digits = withAsciiDigits(text.normalized);
        Matcher start = PHONE_START.matcher(digits);
        int from = 0;
        while (from < digits.length() && start.find(from)) {
            from = start.end();
            StringBuilder number = new StringBuilder("0");
            int at = start.end();
            if (start.group().startsWith("+") && digits.startsWith("(0)", at)) {
                at += 3;
            }
            int end = -1;
            int gap = 0;
            while (at < digits.length() && gap <= 3) {
                char c = digits.charAt(at);
                if (Character.isDigit(c)) {
                    number.append(c);
                    gap = 0;
                    int wanted = number.length() >= 4 && elevenDigits(number) ? 11 : 10;
                    if (number.length() == wanted) {
                        boolean continues = at + 1 < digits.length() && Character.isDigit(digits.charAt(at + 1));
                        end = continues ? -1 : at + 1;
                        break;
                    }
                } else if (PHONE_SEPARATORS.indexOf(c) >= 0) {
                    gap++;
                } else {
                    break;
                }
                at++;
            }
            if (end > 0 && !allowed.containsKey(number.toString())) {
                add(findings, RuleId.PHONE_NUMBER, text, start.start(), end);
                from = end;
            }
        }
    }

    private static boolean elevenDigits(CharSequence number) {
        String prefix = number.subSequence(0, 4).toString();
        return prefix.startsWith("050") || prefix.startsWith("070") || prefix.startsWith("080")
                || prefix.startsWith("090") || prefix.equals("0800");
    }

    /** The text with kanji numerals as ASCII digits, one character for one, so offsets stay the same. */
    private static String withAsciiDigits(String text) {
        char[] chars = text.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            int digit = KANJI_DIGITS.indexOf(chars[i]);
            if (digit >= 0) {
                chars[i] = (char) ('0' + digit);
            }
        }
        return new String(chars);
    }

    /**
     * The individual number's check digit (番号法施行令 第8条): weights n+1 for the 1st–6th digits counted from the
     * right of the first eleven, n−5 for the 7th–11th.
     */
    static boolean validMyNumber(String twelveDigits) {
        int sum = 0;
        for (int n = 1; n <= 11; n++) {
            int digit = twelveDigits.charAt(11 - n) - '0';
            int weight = n <= 6 ? n + 1 : n - 5;
            sum += digit * weight;
        }
        int remainder = sum % 11;
        int check = remainder <= 1 ? 0 : 11 - remainder;
        return check == twelveDigits.charAt(11) - '0';
    }

    /** Comparable form of a contact: NFKC, lower case, without spaces, dashes and the postal mark. */
    static String key(String value) {
        String v = Normalizer.normalize(value, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        v = withAsciiDigits(v).replaceAll("[\\s〒()（）‐‑–—−ー‒―﹣-]", "").replace("郵便番号", "");
        return v.matches("\\+?[\\d]+") ? v.replaceFirst("^\\+81", "0") : v;
    }

    private static void add(List<Finding> findings, RuleId rule, NormalizedText text, int start, int end) {
        int s = text.originalStart(start);
        int e = text.originalEnd(end);
        findings.add(new Finding(rule, s, e, null, List.of(text.original.substring(s, e))));
    }
}
