package org.kohogateway.gateway.account;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.kohogateway.gateway.support.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Which accounts a reader reads, filtered by the database (the registry's read side of §1 need-to-know). */
@Service
public class ReadableAccounts {

    /** Who reads an account: see {@link #readable(Long, List)}. */
    private static final String READABLE = """
            (cast(:readersAll as boolean) or a.department_id = :readersDepartment
             or cast(:inServiceToAll as boolean) and a.status in (:inService))
            and (not cast(:readersScoped as boolean) or a.id in (:readersAccounts))
            """;

    private final JdbcClient jdbc;

    ReadableAccounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The accounts a reader may read (§1 need-to-know, the rule posts follow): those in service, which the public list
     * shows anyway, and the others — drafts, requests, closed ones — of the reader's department; only
     * {@code accountIds} for a request limited to them (an account-scoped API token).
     *
     * @param departmentId the reader's department; null when they read every department's
     * @param accountIds   the accounts the request is limited to; null when it is not
     */
    @Transactional(readOnly = true)
    public List<OfficialAccount> readable(@Nullable Long departmentId, @Nullable List<Long> accountIds) {
        return jdbc.sql(OfficialAccounts.SELECT + " where " + READABLE + " order by a.id")
                .params(readers(departmentId, accountIds, true)).query(OfficialAccounts::account).list();
    }

    /** The account if the reader may read it ({@link #readable(Long, List)}); else not found, so as not to leak it. */
    @Transactional(readOnly = true)
    public OfficialAccount readable(long id, @Nullable Long departmentId, @Nullable List<Long> accountIds) {
        return owned(id, departmentId, accountIds, true);
    }

    /**
     * The account if it is the reader's department's (null: they look after every department's) and within
     * {@code accountIds} (null: not limited), in service or not: what goes on in an account (its platform quota) is its
     * department's business. Else not found.
     */
    @Transactional(readOnly = true)
    public OfficialAccount owned(long id, @Nullable Long departmentId, @Nullable List<Long> accountIds) {
        return owned(id, departmentId, accountIds, false);
    }

    private OfficialAccount owned(long id, @Nullable Long departmentId, @Nullable List<Long> accountIds,
            boolean inServiceToAll) {
        return jdbc.sql(OfficialAccounts.SELECT + " where a.id = :id and " + READABLE)
                .params(readers(departmentId, accountIds, inServiceToAll)).param("id", id)
                .query(OfficialAccounts::account).optional()
                .orElseThrow(() -> new NotFoundException("account.notFound", "no official account " + id,
                        String.valueOf(id)));
    }

    private static Map<String, Object> readers(@Nullable Long departmentId, @Nullable List<Long> accountIds,
            boolean inServiceToAll) {
        Map<String, Object> params = new HashMap<>();
        params.put("readersAll", departmentId == null);
        params.put("readersDepartment", departmentId == null ? -1L : departmentId);
        params.put("inServiceToAll", inServiceToAll);
        params.put("inService", AccountStatus.IN_SERVICE.stream().map(Enum::name).toList());
        params.put("readersScoped", accountIds != null);
        // no account has id -1: stands in for an empty scope, as SQL's "in ()" is not valid
        params.put("readersAccounts", accountIds == null || accountIds.isEmpty() ? List.of(-1L) : accountIds);
        return params;
    }
}
