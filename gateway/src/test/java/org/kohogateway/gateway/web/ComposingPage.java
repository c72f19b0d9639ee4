package org.kohogateway.gateway.web;

import org.junit.jupiter.api.BeforeEach;
import org.kohogateway.gateway.media.MediaLibrary;
import org.kohogateway.gateway.staff.Role;
import org.springframework.beans.factory.annotation.Autowired;

/** A {@link PageSlice} test of the compose page or its photo picker: aya signed in as a poster, the photos mocked. */
abstract class ComposingPage extends SignedInPage {

    @Autowired
    MediaLibrary library;

    @BeforeEach
    void signInAsPoster() {
        signedInAs(Role.POSTER);
    }
}
