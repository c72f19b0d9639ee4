package org.kohogateway.gateway.policy;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.kohogateway.connectors.Platform;
import org.kohogateway.gateway.account.ReplyPolicy;

/**
 * What the rules look at: a post's content and where it goes.
 *
 * @param replyTo               the post being replied to or commented on, if this is a reply
 * @param quoteOf               the post being quoted or reposted, if any
 * @param answersPolicyProposal marked as answering a policy proposal (§6-③ ア)
 * @param emergency             marked as an emergency or disaster post (§6-③ イ)
 * @param publishAt             when it is to go out, for the date checks; null for "as soon as approved" (now)
 * @param targets               where it goes; empty while the author has ticked no account yet, so that only the
 *                              rules about the content itself run
 * @param proposal              the policy proposal a §6-③ ア answer answers (its address or number)
 * @param cityHandles           the handles of the city's own official accounts per platform, lower case: mentioning
 *                              or quoting them is not commenting on others; {@link PolicyRules#check(Candidate)}
 *                              fills them in from the registered accounts
 * @param images                uploaded images in order, as the platform rules weigh them (type, size, shape, alt
 *                              text); {@code mediaUrls} are addresses only and count towards the number alone
 * @param alongside             the platforms the post also goes to beyond {@code targets}, when only some of its
 *                              targets are checked (one delivery before it is sent): not judged here, but they decide
 *                              where each part of the media goes (the video to YouTube, the images to the others)
 */
public record Candidate(String text, List<URI> links, List<URI> mediaUrls, @Nullable String replyTo,
        @Nullable String quoteOf, boolean answersPolicyProposal, boolean emergency, @Nullable Instant publishAt,
        List<Target> targets, @Nullable String proposal, Map<Platform, Set<String>> cityHandles, List<Image> images,
        Set<Platform> alongside) {

    public Candidate {
        Objects.requireNonNull(text, "text");
        links = List.copyOf(links);
        mediaUrls = List.copyOf(mediaUrls);
        targets = List.copyOf(targets);
        proposal = proposal == null || proposal.isBlank() ? null : proposal.strip();
        cityHandles = Map.copyOf(cityHandles);
        images = images == null ? List.of() : List.copyOf(images);
        alongside = Set.copyOf(alongside);
    }

    /** A candidate checked for all the targets it goes to. */
    public Candidate(String text, List<URI> links, List<URI> mediaUrls, @Nullable String replyTo,
            @Nullable String quoteOf, boolean answersPolicyProposal, boolean emergency, @Nullable Instant publishAt,
            List<Target> targets, @Nullable String proposal, Map<Platform, Set<String>> cityHandles,
            @Nullable List<Image> images) {
        this(text, links, mediaUrls, replyTo, quoteOf, answersPolicyProposal, emergency, publishAt, targets, proposal,
                cityHandles, images, Set.of());
    }

    /** A candidate without uploaded images. */
    public Candidate(String text, List<URI> links, List<URI> mediaUrls, String replyTo, String quoteOf,
            boolean answersPolicyProposal, boolean emergency, Instant publishAt, List<Target> targets, String proposal,
            Map<Platform, Set<String>> cityHandles) {
        this(text, links, mediaUrls, replyTo, quoteOf, answersPolicyProposal, emergency, publishAt, targets, proposal,
                cityHandles, List.of());
    }

    /**
     * One uploaded image (or video) as the rules see it.
     *
     * @param altText empty when none was written
     */
    public record Image(String contentType, long bytes, int width, int height, String altText) {

        public Image {
            Objects.requireNonNull(contentType, "contentType");
            altText = altText == null ? "" : altText;
        }

        /** A video rather than an image: the media store keeps both, and tells them by their bytes. */
        public boolean video() {
            return contentType.startsWith("video/");
        }
    }

    /** How many images the post carries, addresses and uploads together; its videos are not images. */
    int imageCount() {
        return mediaUrls.size() + (int) images.stream().filter(i -> !i.video()).count();
    }

    /** How many videos the post carries (uploads only: an address is taken for an image). */
    int videoCount() {
        return (int) images.stream().filter(Image::video).count();
    }

    /** A candidate that names no proposal, for a city whose accounts have no handles (tests, benchmarks). */
    public Candidate(String text, List<URI> links, List<URI> mediaUrls, @Nullable String replyTo,
            @Nullable String quoteOf, boolean answersPolicyProposal, boolean emergency, @Nullable Instant publishAt,
            List<Target> targets) {
        this(text, links, mediaUrls, replyTo, quoteOf, answersPolicyProposal, emergency, publishAt, targets, null,
                Map.of());
    }

    /** @param altTextRequired the account's policy wants every image described (the default) */
    public record Target(long accountId, Platform platform, ReplyPolicy replyPolicy, boolean altTextRequired) {

        public Target(long accountId, Platform platform, ReplyPolicy replyPolicy) {
            this(accountId, platform, replyPolicy, true);
        }
    }

    Candidate withCityHandles(Map<Platform, Set<String>> handles) {
        return new Candidate(text, links, mediaUrls, replyTo, quoteOf, answersPolicyProposal, emergency, publishAt,
                targets, proposal, handles, images, alongside);
    }

    /** The same post checked for its {@code targets} only, knowing that it also goes to these platforms. */
    public Candidate alongside(Set<Platform> platforms) {
        return new Candidate(text, links, mediaUrls, replyTo, quoteOf, answersPolicyProposal, emergency, publishAt,
                targets, proposal, cityHandles, images, platforms);
    }

    /** Whether the post carries a video, so that where its media go depends on its other targets. */
    public boolean carriesVideo() {
        return videoCount() > 0;
    }

    /** Every platform the post goes to: its targets' and those it goes to {@link #alongside}. */
    Set<Platform> platforms() {
        Set<Platform> all = java.util.EnumSet.noneOf(Platform.class);
        targets.forEach(t -> all.add(t.platform()));
        all.addAll(alongside);
        return all;
    }
}
