package org.kohogateway.gateway.account;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The fields of an account's policy by name, as versions, proposals and audit entries record them: staff by id, not
 * by name, so that a renamed member of staff does not rewrite history. A proposal names the fields it changes with
 * the same words the API and the review page use.
 */
final class PolicyFields {

    /** Each field a proposal may change, in the order a person reads the policy. */
    private static final Map<String, Function<AccountPolicy, Object>> FIELDS = fields();

    private PolicyFields() {
    }

    private static Map<String, Function<AccountPolicy, Object>> fields() {
        Map<String, Function<AccountPolicy, Object>> f = new LinkedHashMap<>();
        f.put("name", AccountPolicy::name);
        f.put("url", AccountPolicy::url);
        f.put("purpose", AccountPolicy::purpose);
        f.put("administrator", AccountPolicy::administratorId);
        f.put("operators", AccountPolicy::operatorIds);
        f.put("departmentApprovalRequired", p -> p.operating().departmentApprovalRequired());
        f.put("replyPolicy", p -> p.operating().replyPolicy());
        f.put("basicPrinciples", p -> p.operating().basicPrinciples());
        f.put("tone", p -> p.operating().tone());
        f.put("commentHandling", p -> p.operating().commentHandling());
        f.put("altTextRequired", p -> p.operating().altTextRequired());
        return f;
    }

    /** The fields {@code next} changes, in reading order; empty when it is the same policy. */
    static List<String> changed(AccountPolicy current, AccountPolicy next) {
        List<String> changed = new ArrayList<>();
        FIELDS.forEach((name, field) -> {
            if (!Objects.equals(field.apply(current), field.apply(next))) {
                changed.add(name);
            }
        });
        return changed;
    }

    /** The policy as a version snapshot or a stored proposal holds it. */
    static Map<String, Object> of(AccountPolicy policy) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("name", policy.name());
        s.put("url", policy.url());
        s.put("purpose", policy.purpose());
        s.put("administratorId", policy.administratorId());
        s.put("operatorIds", policy.operatorIds());
        OperatingPolicy op = policy.operating();
        s.put("basicPrinciples", op.basicPrinciples());
        s.put("tone", op.tone());
        s.put("departmentApprovalRequired", op.departmentApprovalRequired());
        s.put("replyPolicy", op.replyPolicy().name());
        s.put("commentHandling", op.commentHandling());
        s.put("altTextRequired", op.altTextRequired());
        return s;
    }

    /**
     * The policy back from what {@link #of} wrote (numbers come back from JSON as whatever fits). Versions written
     * before alt text was part of the policy required it, as every account then did.
     */
    static AccountPolicy from(Map<String, ?> s) {
        Object administrator = s.get("administratorId");
        List<Long> operators = ((List<?>) s.get("operatorIds")).stream().map(id -> ((Number) id).longValue()).toList();
        return new AccountPolicy((String) s.get("name"), (String) s.get("url"), (String) s.get("purpose"),
                administrator == null ? null : ((Number) administrator).longValue(), operators,
                new OperatingPolicy((Boolean) s.get("departmentApprovalRequired"),
                        ReplyPolicy.valueOf((String) s.get("replyPolicy")), (String) s.get("basicPrinciples"),
                        (String) s.get("tone"), (String) s.get("commentHandling"),
                        !Boolean.FALSE.equals(s.get("altTextRequired"))));
    }
}
