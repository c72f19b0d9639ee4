package org.kohogateway.gateway.post;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.kohogateway.gateway.staff.Staff;

/**
 * Who reads which posts and deliveries (§1 need-to-know) — the one home of the rule the pages and the API share, kept
 * as SQL so that lists are filtered by the database, not loaded whole and filtered here. PR officers, admins and
 * auditors read everything; anyone else the posts of their department, the posts they wrote, and the posts going to
 * one of their department's accounts (a PR direct publish still shows to the account's department), with those
 * posts' deliveries. A request made with an API token limited to some accounts reads only the posts all of whose
 * accounts are among them and only those accounts' deliveries: what the token may act on.
 *
 * @param readerId     the person reading
 * @param departmentId their department; null when they read every department's
 * @param accountIds   the token's accounts; null when the request is not limited to some
 */
public record Readers(long readerId, @Nullable Long departmentId, @Nullable List<Long> accountIds) {

    /** No account has this id: stands in for an empty token scope, as SQL's {@code in ()} is not valid. */
    private static final long NO_ACCOUNT = -1;

    public Readers {
        accountIds = accountIds == null ? null : List.copyOf(accountIds);
    }

    /**
     * @param reader     the person with the roles this request acts with: their own, or those of the token they come
     *                   with ({@link org.kohogateway.gateway.staff.ActingStaff})
     * @param accountIds the token's accounts, null if not limited
     */
    public static Readers of(Staff reader, @Nullable List<Long> accountIds) {
        return new Readers(reader.id(), reader.readsEveryAccount() ? null : reader.departmentId(), accountIds);
    }

    /** A person on the pages: their own roles, no token. */
    public static Readers of(Staff reader) {
        return of(reader, null);
    }

    /** The condition on post {@code p}; its parameters are {@link #params()}. */
    String posts() {
        return """
                (cast(:readersAll as boolean)
                 or p.department_id = :readersDepartment or p.author_id = :reader
                 or exists (select 1 from delivery rd join official_account ra on ra.id = rd.account_id
                            where rd.post_id = p.id and ra.department_id = :readersDepartment))
                and (not cast(:readersScoped as boolean)
                     or not exists (select 1 from delivery rs where rs.post_id = p.id
                                    and rs.account_id not in (:readersAccounts)))
                """;
    }

    /** The condition on delivery {@code d} of post {@code p}: a post's reader reads its deliveries, scope allowing. */
    String deliveries() {
        return posts() + " and (not cast(:readersScoped as boolean) or d.account_id in (:readersAccounts))";
    }

    Map<String, Object> params() {
        Map<String, Object> params = new HashMap<>();
        params.put("readersAll", departmentId == null);
        params.put("readersDepartment", departmentId == null ? NO_ACCOUNT : departmentId);
        params.put("reader", readerId);
        params.put("readersScoped", accountIds != null);
        params.put("readersAccounts", accountIds == null || accountIds.isEmpty() ? List.of(NO_ACCOUNT) : accountIds);
        return params;
    }
}
