package org.kohogateway.gateway.importing;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.kohogateway.gateway.support.TooManyAtOnceException;
import org.springframework.stereotype.Component;

/**
 * How many imports this instance checks and runs at once, in all and per person: each holds its file in memory while
 * it is checked and a worker while it runs, so a person uploading in a loop (or many at once) cannot take the instance
 * over. A slot is taken before the upload is read and given back when its job ends.
 */
@Component
class ImportSlots {

    private final int perPerson;
    private final int perInstance;
    private final Map<String, Integer> held = new HashMap<>();
    private int total;

    ImportSlots(ImportProperties properties) {
        this.perPerson = properties.maxAtOncePerPerson();
        this.perInstance = properties.maxAtOnce();
    }

    /** A slot for this person's import, or a refusal when they, or this instance, already run as many as allowed. */
    synchronized Slot take(String username) {
        if (held.getOrDefault(username, 0) >= perPerson) {
            throw new TooManyAtOnceException("import.tooManyOfYours",
                    "at most " + perPerson + " of your imports run at once", perPerson);
        }
        if (total >= perInstance) {
            throw new TooManyAtOnceException("import.tooManyAtOnce",
                    "at most " + perInstance + " imports run at once", perInstance);
        }
        held.merge(username, 1, Integer::sum);
        total++;
        return new Slot(username);
    }

    private synchronized void give(String username) {
        held.computeIfPresent(username, (u, n) -> n > 1 ? n - 1 : null);
        total--;
    }

    /** One import's place; giving it back twice gives it back once. */
    final class Slot {

        private final String username;
        private final AtomicBoolean given = new AtomicBoolean();

        private Slot(String username) {
            this.username = username;
        }

        void giveBack() {
            if (given.compareAndSet(false, true)) {
                give(username);
            }
        }
    }
}
