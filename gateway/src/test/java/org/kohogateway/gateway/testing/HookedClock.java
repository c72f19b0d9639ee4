package org.kohogateway.gateway.testing;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/** A clock that tells the time of another and runs a hook before every read: to count or break one thread's reads. */
public final class HookedClock extends Clock {

    private final Clock time;
    private final Runnable beforeEachRead;

    public HookedClock(Clock time, Runnable beforeEachRead) {
        this.time = time;
        this.beforeEachRead = beforeEachRead;
    }

    @Override
    public Instant instant() {
        beforeEachRead.run();
        return time.instant();
    }

    @Override
    public ZoneId getZone() {
        return time.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException();
    }
}
