package org.kohogateway.gateway.records;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kohogateway.gateway.post.PostId;
import org.kohogateway.gateway.staff.Staff;
import org.kohogateway.gateway.support.IllegalTransitionException;
import org.kohogateway.gateway.support.NotPermittedException;

/**
 * A disposal list (廃棄リスト): the records whose retention had ended on {@code dueOn}, drawn up by one person and
 * approved or refused by another. Approval disposes of every record on it that is not on hold by then.
 *
 * @param decidedBy who approved or refused it; absent while it waits
 */
public record DisposalList(long id, LocalDate dueOn, Status status, String drawnBy, Instant drawnAt,
        @Nullable String decidedBy, @Nullable Instant decidedAt, @Nullable String comment, List<Item> items) {

    public enum Status {
        DRAWN, APPROVED, REFUSED
    }

    /** What approval did with a record on the list. */
    public enum Outcome {
        DISPOSED,
        /** A hold was placed after the list was drawn: the record was kept. */
        KEPT_ON_HOLD
    }

    /** @param outcome absent until the list is decided */
    public record Item(UUID postId, @Nullable LocalDate disposalDate, @Nullable Outcome outcome) {

        PostId post() {
            return new PostId(postId);
        }
    }

    public DisposalList {
        items = List.copyOf(items);
    }

    /**
     * Refuses a decision by anyone but a second auditor or admin (not the one who drew the list up: disposal is
     * irreversible, so two people agree), or on a list already decided.
     */
    void requireDecidableBy(Staff me) {
        PostRecords.requireAuditor(me);
        if (status != Status.DRAWN) {
            throw new IllegalTransitionException("disposal.decided", "the disposal list is " + status
                    + " already; it is decided once", status);
        }
        if (me.username().equals(drawnBy)) {
            throw NotPermittedException.secondPerson("disposal.samePerson",
                    "a second person decides a disposal list; " + drawnBy + " drew this one up", drawnBy);
        }
    }
}
