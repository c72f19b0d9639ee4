package org.kohogateway.gateway.template;

import org.kohogateway.gateway.weather.WarningChange;

/** Which change of a warning of its kinds a template drafts a post for. */
public enum WarningAnswer {
    /** 発表, or a change to a graver level (注意報から警報): a warning now in force. */
    ISSUED,
    /** 解除: the warning no longer in force. */
    LIFTED,
    /** Either. */
    BOTH;

    /** Whether a template answering this drafts a post for the change; a change to a lighter level drafts none. */
    public boolean answers(WarningChange change) {
        return switch (change) {
            case ISSUED, UPGRADED -> this != LIFTED;
            case LIFTED -> this != ISSUED;
            case DOWNGRADED -> false;
        };
    }
}
