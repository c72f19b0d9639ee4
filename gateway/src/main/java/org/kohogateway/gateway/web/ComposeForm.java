package org.kohogateway.gateway.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kohogateway.gateway.post.MediaChoice;
import org.kohogateway.gateway.post.NewPost;
import org.kohogateway.gateway.post.Post;
import org.kohogateway.gateway.post.PostCategory;
import org.kohogateway.gateway.post.PostEdit;
import org.kohogateway.gateway.post.PostId;
import org.kohogateway.gateway.post.PostMedia;
import org.kohogateway.gateway.support.InvalidRequestException;

/**
 * The compose form as typed. Every field is a string so that nothing the browser sends can fail binding; parsing
 * happens here and a bad value becomes a form error from the message bundles.
 * <p>
 * Over 350 lines by its getters and setters, one pair per field the page binds; the parsing stays beside the fields.
 */
public class ComposeForm {

    /** "asap": as soon as approved; "at": at {@link #scheduledAt}. */
    public static final String ASAP = "asap";
    public static final String AT = "at";

    private String text = "";
    private String links = "";
    /** An image address pasted instead of an upload: the page fetches it once and adds it to {@link #mediaIds}. */
    private String mediaUrl = "";
    /**
     * The uploaded images chosen, in the order they are to be sent, with {@link #mediaAlts} at the same positions.
     * The page names them by index ({@code mediaAlts[0]}): a single unindexed value would be split at its commas.
     */
    private List<String> mediaIds = new ArrayList<>();
    private List<String> mediaAlts = new ArrayList<>();
    private String category = PostCategory.NOTICE.name();
    private List<String> accountIds = new ArrayList<>();
    private String timing = ASAP;
    private String scheduledAt = "";
    private String sourceUrl = "";
    private String replyTo = "";
    private String quoteOf = "";
    /** The policy proposal a POLICY_PROPOSAL_REPLY answers (§6-③ ア). */
    private String proposal = "";
    /** The id of the sent post this one corrects (guideline §7-①), or empty. */
    private String correctionOf = "";
    /** "true" for a drill (訓練): read only for a new post, since the mark is fixed when the post is made. */
    private String drill = "";

    static ComposeForm of(Post post) {
        ComposeForm form = new ComposeForm();
        form.text = post.content().text();
        form.links = String.join("\n", post.content().links().stream().map(URI::toString).toList());
        form.mediaUrl = post.content().mediaUrls().isEmpty() ? "" : post.content().mediaUrls().getFirst().toString();
        form.mediaIds = new ArrayList<>(post.content().media().stream().map(m -> String.valueOf(m.mediaId())).toList());
        form.mediaAlts = new ArrayList<>(post.content().media().stream().map(PostMedia::altText).toList());
        form.category = post.content().category().name();
        form.accountIds = post.accountIds().stream().map(String::valueOf).toList();
        form.timing = post.scheduledAt() == null ? ASAP : AT;
        form.scheduledAt = post.scheduledAt() == null ? ""
                : LocalDateTime.ofInstant(post.scheduledAt(), PagesController.CITY_TIME).withSecond(0).withNano(0)
                        .toString();
        form.sourceUrl = post.sourceUrl() == null ? "" : post.sourceUrl();
        form.replyTo = post.content().replyTo() == null ? "" : post.content().replyTo();
        form.quoteOf = post.content().quoteOf() == null ? "" : post.content().quoteOf();
        form.proposal = post.content().proposal() == null ? "" : post.content().proposal();
        form.correctionOf = post.correctionOf() == null ? "" : post.correctionOf().toString();
        form.drill = String.valueOf(post.drill());
        return form;
    }

    /**
     * A correction of a sent post: its links, image, references and category, the text to be corrected after the
     * given prefix, to these of its accounts (those the writer may post to), as soon as approved.
     */
    static ComposeForm correcting(Post original, String text, List<Long> accountIds) {
        ComposeForm form = of(original);
        form.text = text;
        form.accountIds = accountIds.stream().map(String::valueOf).toList();
        form.timing = ASAP;
        form.scheduledAt = "";
        form.sourceUrl = "";
        form.correctionOf = original.id().toString();
        return form;
    }

    NewPost toNewPost() {
        NewPost post = new NewPost(text, parsedLinks(), List.of(), parsedCategory(), parsedAccountIds(), parsedTime(),
                optionalUri(sourceUrl), optionalUri(replyTo), optionalUri(quoteOf), parsedCorrectionOf(), proposal,
                parsedMediaChoices());
        return isDrill() ? post.asDrill() : post;
    }

    /** Whether the drill box is ticked; public for the page's expression language. */
    public boolean isDrill() {
        return "true".equals(drill);
    }

    public void setDrill(String drill) {
        this.drill = FormValues.orEmpty(drill);
    }

    @Nullable PostId parsedCorrectionOf() {
        if (correctionOf == null || correctionOf.isBlank()) {
            return null;
        }
        try {
            return new PostId(UUID.fromString(correctionOf.strip()));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("post.correctionUnknown", "not a post id: " + correctionOf,
                    correctionOf);
        }
    }

    PostEdit toEdit() {
        return new PostEdit(text, parsedLinks(), List.of(), parsedCategory(), parsedTime(), optionalUri(replyTo),
                optionalUri(quoteOf), proposal, parsedMediaChoices());
    }

    private static URI optionalUri(@Nullable String value) {
        return value == null || value.isBlank() ? null : uri(value.strip());
    }

    List<URI> parsedLinks() {
        if (links == null || links.isBlank()) {
            return List.of();
        }
        return Arrays.stream(links.split("\\s+")).filter(s -> !s.isBlank()).map(ComposeForm::uri).toList();
    }

    /** The links as far as they parse: the as-you-type counters must not fail on a half-typed link. */
    List<URI> linksSoFar() {
        try {
            return parsedLinks();
        } catch (InvalidRequestException e) {
            return List.of();
        }
    }

    /** The pasted image address, if one was given and not fetched yet. */
    @Nullable URI pastedMedia() {
        return optionalUri(mediaUrl);
    }

    /** A fetched (or uploaded) image joins the end of the list and the pasted address is done with. */
    void addFetched(long mediaId) {
        mediaIds = new ArrayList<>(chosenIds());
        mediaAlts = new ArrayList<>(chosenAlts());
        mediaIds.add(String.valueOf(mediaId));
        mediaAlts.add("");
        mediaUrl = "";
    }

    /** The chosen images in order, each with the alt text typed beside it. */
    List<MediaChoice> parsedMediaChoices() {
        List<String> ids = chosenIds();
        List<String> alts = chosenAlts();
        List<MediaChoice> choices = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            if (ids.get(i) == null || ids.get(i).isBlank()) {
                continue;
            }
            String alt = i < alts.size() && alts.get(i) != null ? alts.get(i) : "";
            try {
                choices.add(new MediaChoice(Long.parseLong(ids.get(i).strip()), alt));
            } catch (NumberFormatException e) {
                throw new InvalidRequestException("media.notFound", "not an image id: " + ids.get(i), ids.get(i));
            }
        }
        return choices;
    }

    /** The chosen images as the form shows them again: id and alt text by position. */
    public List<MediaChoice> getChosenMedia() {
        try {
            return parsedMediaChoices();
        } catch (InvalidRequestException e) {
            return List.of();
        }
    }

    /** Whether the post will carry an image: one chosen, or an address still to be fetched. */
    boolean hasMedia() {
        return !chosenIds().isEmpty() || pastedMedia() != null;
    }

    private List<String> chosenIds() {
        return mediaIds == null ? List.of() : mediaIds;
    }

    private List<String> chosenAlts() {
        return mediaAlts == null ? List.of() : mediaAlts;
    }

    PostCategory parsedCategory() {
        try {
            return PostCategory.valueOf(category);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidRequestException("post.categoryRequired", "no such category: " + category);
        }
    }

    List<Long> parsedAccountIds() {
        List<Long> ids = new ArrayList<>();
        for (String id : accountIds == null ? List.<String>of() : accountIds) {
            try {
                ids.add(Long.parseLong(id.strip()));
            } catch (NumberFormatException e) {
                throw new InvalidRequestException("post.unknownAccount", "not an account id: " + id, id);
            }
        }
        return ids;
    }

    @Nullable Instant parsedTime() {
        if (!AT.equals(timing)) {
            return null;
        }
        if (scheduledAt == null || scheduledAt.isBlank()) {
            throw new InvalidRequestException("page.scheduledAtRequired", "choose a time or 'as soon as approved'");
        }
        try {
            return LocalDateTime.parse(scheduledAt.strip()).atZone(PagesController.CITY_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException("page.badDateTime", "not a date and time: " + scheduledAt, scheduledAt);
        }
    }

    private static URI uri(String s) {
        try {
            return new URI(s);
        } catch (URISyntaxException e) {
            throw new InvalidRequestException("post.badLink", "not a web link: " + s, s);
        }
    }

    public boolean targets(long accountId) {
        return accountIds != null && accountIds.contains(String.valueOf(accountId));
    }

    public String getText() {
        return text;
    }

    public void setText(@Nullable String text) {
        this.text = text == null ? "" : text;
    }

    public String getLinks() {
        return links;
    }

    public void setLinks(String links) {
        this.links = links;
    }

    public String getMediaUrl() {
        return mediaUrl;
    }

    public void setMediaUrl(String mediaUrl) {
        this.mediaUrl = mediaUrl;
    }

    public List<String> getMediaIds() {
        return mediaIds;
    }

    public void setMediaIds(@Nullable List<String> mediaIds) {
        this.mediaIds = mediaIds == null ? new ArrayList<>() : mediaIds;
    }

    public List<String> getMediaAlts() {
        return mediaAlts;
    }

    public void setMediaAlts(@Nullable List<String> mediaAlts) {
        this.mediaAlts = mediaAlts == null ? new ArrayList<>() : mediaAlts;
    }

    public String getCategory() {
        return category;
    }

    public void setCategory(String category) {
        this.category = category;
    }

    public List<String> getAccountIds() {
        return accountIds;
    }

    public void setAccountIds(@Nullable List<String> accountIds) {
        this.accountIds = accountIds == null ? new ArrayList<>() : accountIds;
    }

    public String getTiming() {
        return timing;
    }

    public void setTiming(String timing) {
        this.timing = timing;
    }

    public String getScheduledAt() {
        return scheduledAt;
    }

    public void setScheduledAt(String scheduledAt) {
        this.scheduledAt = scheduledAt;
    }

    public String getSourceUrl() {
        return sourceUrl;
    }

    public void setSourceUrl(String sourceUrl) {
        this.sourceUrl = sourceUrl;
    }

    public String getReplyTo() {
        return replyTo;
    }

    public void setReplyTo(String replyTo) {
        this.replyTo = replyTo;
    }

    public String getQuoteOf() {
        return quoteOf;
    }

    public void setQuoteOf(String quoteOf) {
        this.quoteOf = quoteOf;
    }

    public String getProposal() {
        return proposal;
    }

    public void setProposal(String proposal) {
        this.proposal = proposal;
    }

    public String getCorrectionOf() {
        return correctionOf;
    }

    public void setCorrectionOf(String correctionOf) {
        this.correctionOf = correctionOf;
    }
}
