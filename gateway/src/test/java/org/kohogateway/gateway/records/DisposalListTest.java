package org.kohogateway.gateway.records;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.staff.Role;
import org.kohogateway.gateway.staff.Staff;
import org.kohogateway.gateway.support.IllegalTransitionException;
import org.kohogateway.gateway.support.NotPermittedException;

class DisposalListTest {

    private static final Staff DRAWER = new Staff(1, "auditor-a", "監査 A", 1, Set.of(Role.AUDITOR));
    private static final Staff SECOND = new Staff(2, "auditor-b", "監査 B", 1, Set.of(Role.AUDITOR));
    private static final Staff ADMIN = new Staff(3, "admin", "管理者", 1, Set.of(Role.ADMIN));
    private static final Staff POSTER = new Staff(4, "poster", "投稿者", 1, Set.of(Role.POSTER, Role.APPROVER));

    @Test
    void whoeverDrewTheListUpMayNotDecideIt() {
        assertThatThrownBy(() -> drawn().requireDecidableBy(DRAWER)).isInstanceOf(NotPermittedException.class)
                .hasMessageContaining("auditor-a");
    }

    @Test
    void aSecondAuditorOrAnAdminDecidesIt() {
        assertThatCode(() -> drawn().requireDecidableBy(SECOND)).doesNotThrowAnyException();
        assertThatCode(() -> drawn().requireDecidableBy(ADMIN)).doesNotThrowAnyException();
    }

    @Test
    void someoneWhoDoesNotAuditMayNotDecideIt() {
        assertThatThrownBy(() -> drawn().requireDecidableBy(POSTER)).isInstanceOf(NotPermittedException.class);
    }

    @Test
    void aDecidedListIsNotDecidedAgainAndTheRefusalNamesItsState() {
        DisposalList approved = new DisposalList(7, LocalDate.of(2027, 4, 1), DisposalList.Status.APPROVED,
                "auditor-a", Instant.EPOCH, "auditor-b", Instant.EPOCH, "", List.of());

        assertThatThrownBy(() -> approved.requireDecidableBy(ADMIN)).isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("APPROVED");
    }

    private static DisposalList drawn() {
        return new DisposalList(7, LocalDate.of(2027, 4, 1), DisposalList.Status.DRAWN, "auditor-a", Instant.EPOCH,
                null, null, null, List.of(new DisposalList.Item(java.util.UUID.randomUUID(), LocalDate.of(2027, 4, 1), null)));
    }
}
