package org.kohogateway.connectors;

import java.util.Objects;
import java.util.Optional;

/** The account's public profile as the platform shows it, for the profile-compliance check. */
public sealed interface ProfileReading {

    /**
     * @param name        display name
     * @param description the free text of the profile (bio, about)
     * @param website     the profile's website field, expanded where the platform shortens it
     */
    record Profile(String name, String description, Optional<String> website) implements ProfileReading {
        public Profile {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(website, "website");
        }
    }

    /** The platform exposes no profile text through its API: compliance cannot be checked, and is not faked. */
    record NotCheckable(String reason) implements ProfileReading {
        public NotCheckable {
            Objects.requireNonNull(reason, "reason");
        }
    }

    record Failed(String reason) implements ProfileReading {
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
