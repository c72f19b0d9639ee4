package org.kohogateway.gateway.media;

/**
 * Whether an image may be shown to anyone outside: it belongs to a post that was approved or sent. Answered by the
 * post module, which knows the approvals; this module only asks.
 */
public interface MediaReleases {

    boolean released(long mediaId);
}
