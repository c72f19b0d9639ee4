package org.kohogateway.gateway.policy;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Personal data (guideline §8-⑤): My Number, phone numbers, e-mail addresses and postal addresses are refused, except
 * the city's own public contacts on the allow list.
 */
final class PersonalDataRules {

    /** Characters people type between digit groups, after NFKC (which already turns full-width ones into "-"). */
    private static final String DASHES = "\\-‐‑–—−ー";
    private static final Pattern MY_NUMBER = Pattern.compile(
            "(?<![\\d\\-])(\\d{4})[ " + DASHES + "]?(\\d{4})[ " + DASHES + "]?(\\d{4})(?![\\d\\-])");
    private static final Pattern PHONE = Pattern.compile("(?<![\\d\\-])(?:\\+81[ " + DASHES + "]?|0)\\d{1,4}"
            + "(?:[ (" + DASHES + "]|\\) ?)?\\d{1,4}[ )" + DASHES + "]?\\d{3,4}(?![\\d\\-])");
    private static final Pattern EMAIL = Pattern.compile(
            "(?<![\\w.+-])[\\w.+-]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern POSTAL_CODE = Pattern.compile(
            "(?:〒|郵便番号)\\s?\\d{3}[" + DASHES + "]?\\d{4}(?!\\d)");
    /** A street-level address: a place name ending in 町・村・丁目 followed by block and house numbers. */
    private static final Pattern ADDRESS = Pattern.compile("[\\p{IsHan}\\p{IsKatakana}ヶ]{1,15}?(?:町|村|丁目)\\s?\\d{1,5}"
            + "(?:丁目|番地|番|号|(?:[" + DASHES + "]|の)\\d{1,5})(?:\\s?\\d{1,5}(?:番地|番|号)|(?:[" + DASHES
            + "]|の)\\d{1,5})*(?:番地|号)?"
            + "|\\d{1,3}丁目\\s?\\d{1,5}(?:番地|番|号|[" + DASHES + "]\\d{1,5})(?:\\d{1,5}(?:番地|号)?)?");

    private PersonalDataRules() {
    }

    static void check(NormalizedText text, PolicyLists.Snapshot lists, List<Finding> findings) {
        Map<String, String> allowed = lists.get(ListName.PERSONAL_DATA_ALLOWED);
        Matcher m = MY_NUMBER.matcher(text.normalized);
        while (m.find()) {
            if (validMyNumber(m.group(1) + m.group(2) + m.group(3))) {
                add(findings, RuleId.MY_NUMBER, text, m.start(), m.end());
            }
        }
        m = PHONE.matcher(text.normalized);
        while (m.find()) {
            String digits = m.group().replaceAll("\\D", "").replaceFirst("^81", "0");
            if (digits.length() >= 10 && digits.length() <= 11 && !allowed.containsKey(digits)) {
                add(findings, RuleId.PHONE_NUMBER, text, m.start(), m.end());
            }
        }
        m = EMAIL.matcher(text.normalized);
        while (m.find()) {
            if (!allowed.containsKey(key(m.group()))) {
                add(findings, RuleId.EMAIL_ADDRESS, text, m.start(), m.end());
            }
        }
        m = POSTAL_CODE.matcher(text.normalized);
        while (m.find()) {
            if (!allowed.containsKey(key(m.group()))) {
                add(findings, RuleId.POSTAL_ADDRESS, text, m.start(), m.end());
            }
        }
        m = ADDRESS.matcher(text.normalized);
        while (m.find()) {
            String found = key(m.group());
            // the match may start a little before the allowed address ("会場江津市…"): containment is enough
            if (allowed.keySet().stream().noneMatch(a -> a.length() >= 6 && (found.contains(a) || a.contains(found)))) {
                add(findings, RuleId.POSTAL_ADDRESS, text, m.start(), m.end());
            }
        }
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
        v = v.replaceAll("[\\s〒()（）‐‑–—−ー-]", "").replace("郵便番号", "");
        return v.matches("\\+?[\\d]+") ? v.replaceFirst("^\\+81", "0") : v;
    }

    private static void add(List<Finding> findings, RuleId rule, NormalizedText text, int start, int end) {
        int s = text.originalStart(start);
        int e = text.originalEnd(end);
        findings.add(new Finding(rule, s, e, null, List.of(text.original.substring(s, e))));
    }
}
