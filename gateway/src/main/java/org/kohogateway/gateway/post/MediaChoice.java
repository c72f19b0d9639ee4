package org.kohogateway.gateway.post;

/**
 * An uploaded image chosen for a post, by the id {@code POST /api/media} answered.
 *
 * @param altText the description for this post; null takes the one given at upload
 */
public record MediaChoice(long id, String altText) {
}
