package org.kohogateway.gateway.account;

import org.kohogateway.connectors.ProfileReading;

/** Reads an account's live profile on its platform; implemented where the connectors live. */
public interface ProfileReader {

    ProfileReading read(long accountId);
}
