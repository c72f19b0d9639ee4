package org.kohogateway.gateway.api;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.Principal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.jspecify.annotations.Nullable;
import org.kohogateway.gateway.media.MediaLibrary;
import org.kohogateway.gateway.post.MediaChoice;
import org.kohogateway.gateway.post.NewPost;
import org.kohogateway.gateway.post.Post;
import org.kohogateway.gateway.post.PostEdit;
import org.kohogateway.gateway.post.PostFilter;
import org.kohogateway.gateway.post.PostId;
import org.kohogateway.gateway.post.PostStatus;
import org.kohogateway.gateway.post.PostWorkflow;
import org.kohogateway.gateway.security.TokenScope;
import org.kohogateway.gateway.staff.Staff;
import org.kohogateway.gateway.support.InvalidRequestException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

// No class-level @Validated: Spring MVC's own method validation checks @Min/@Max on parameters and answers
// 400 (HandlerMethodValidationException); the @Validated AOP proxy threw ConstraintViolationException → 500.
@RestController
@RequestMapping("/api/posts")
@Tag(name = "posts", description = "Draft, submit, approve and follow posts")
class PostController {

    private final PostWorkflow workflow;
    private final PostViews views;
    private final FindingViews findings;
    private final ApiReaders readers;
    private final MediaLibrary library;

    PostController(PostWorkflow workflow, PostViews views, FindingViews findings, ApiReaders readers,
            MediaLibrary library) {
        this.readers = readers;
        this.library = library;
        this.workflow = workflow;
        this.views = views;
        this.findings = findings;
    }

    @GetMapping
    @Operation(summary = "List the posts you may read (your department's, yours, those to your department's accounts; "
            + "all for PR, admins and auditors; within a token's accounts), newest first")
    List<PostView> list(Staff me, @RequestParam(defaultValue = "false") boolean mine,
            @RequestParam(required = false) PostStatus status,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        Long author = mine ? me.id() : null;
        return views.of(workflow.list(new PostFilter(readers.of(me), author, status, limit)));
    }

    @PostMapping
    @Operation(summary = "Create a draft post (one delivery per target account)")
    ResponseEntity<PostView> create(Principal me, @Valid @RequestBody PostRequest request) {
        TokenScope.requireAccounts(request.accountIds());
        Post post = workflow.create(me.getName(), newPost(request, media(me, request.media(), request.mediaUrls())));
        return ResponseEntity.created(URI.create("/api/posts/" + post.id())).body(views.of(post));
    }

    @PostMapping("/check")
    @Operation(summary = "Dry run: the rules' findings for a post that is not saved (call it as the author types)")
    List<FindingView> check(Principal me, @Valid @RequestBody PostRequest request) {
        // a dry run fetches nothing: pasted addresses are checked as addresses until the post is saved
        return findings.of(workflow.check(me.getName(), newPost(request, choices(request.media()))));
    }

    private static NewPost newPost(PostRequest request, List<MediaChoice> media) {
        return new NewPost(request.text(), uris(request.links()), List.of(), request.category(),
                request.accountIds(), instant(request.scheduledAt()), optionalUri(request.sourceUrl()),
                optionalUri(request.replyTo()), optionalUri(request.quoteOf()),
                request.correctionOf() == null ? null : new PostId(request.correctionOf()), request.proposal(), media,
                Boolean.TRUE.equals(request.drill()));
    }

    /**
     * The chosen uploads, then each pasted address fetched once and kept as an upload (before any transaction: a
     * fetch may take seconds), so the approval binds bytes rather than an address someone could change.
     */
    private List<MediaChoice> media(Principal me, List<MediaChoiceRequest> chosen, List<String> pasted) {
        List<MediaChoice> all = new java.util.ArrayList<>(choices(chosen));
        for (URI url : uris(pasted)) {
            all.add(new MediaChoice(library.fetch(me.getName(), url, null).id(), null));
        }
        return all;
    }

    private static List<MediaChoice> choices(List<MediaChoiceRequest> chosen) {
        return chosen == null ? List.of() : chosen.stream().map(c -> new MediaChoice(c.id(), c.altText())).toList();
    }

    @GetMapping("/{id}")
    @Operation(summary = "One post, if you may read it (else 404, as for one that does not exist); while it waits for "
            + "a decision, its findings include the links that do not answer (fetched now, remembered for a while)")
    PostView get(Staff me, @PathVariable UUID id) {
        return views.reviewed(workflow.get(new PostId(id), readers.of(me)));
    }

    @PutMapping("/{id}")
    @Operation(summary = "Edit a post; editing an approved post voids the approval")
    PostView edit(Principal me, @PathVariable UUID id, @Valid @RequestBody PostEditRequest request) {
        List<MediaChoice> media = media(me, request.media(), request.mediaUrls());
        return views.of(workflow.edit(me.getName(), scoped(id), new PostEdit(request.text(),
                uris(request.links()), List.of(), request.category(), instant(request.scheduledAt()),
                optionalUri(request.replyTo()), optionalUri(request.quoteOf()), request.proposal(), media,
                request.drill())));
    }

    @PostMapping("/{id}/submit")
    @Operation(summary = "Submit a draft for approval")
    PostView submit(Principal me, @PathVariable UUID id) {
        return views.of(workflow.submit(me.getName(), scoped(id)));
    }

    @PostMapping("/{id}/approve")
    @Operation(summary = "Approve a submitted post (department head, or PR for no-approval accounts); "
            + "list the keys of the findings you acknowledge")
    PostView approve(Principal me, @PathVariable UUID id, @Valid @RequestBody(required = false) DecisionRequest request) {
        return views.of(workflow.approve(me.getName(), scoped(id), comment(request), acknowledged(request),
                request == null ? null : request.contentHash()));
    }

    @PostMapping("/{id}/reject")
    @Operation(summary = "Reject a submitted post with a comment")
    PostView reject(Principal me, @PathVariable UUID id, @Valid @RequestBody(required = false) DecisionRequest request) {
        return views.of(workflow.reject(me.getName(), scoped(id), comment(request)));
    }

    @PostMapping("/{id}/publish")
    @Operation(summary = "PR direct publish of already-published city content: the cited source is fetched and "
            + "recorded; a finding that needs acknowledgement sends the post to another PR officer (PR_REVIEW)")
    PostView publish(Principal me, @PathVariable UUID id) {
        return views.of(workflow.publishDirect(me.getName(), scoped(id)));
    }

    @PostMapping("/{id}/withdraw")
    @Operation(summary = "Withdraw a draft or submitted post")
    PostView withdraw(Principal me, @PathVariable UUID id) {
        return views.of(workflow.withdraw(me.getName(), scoped(id)));
    }

    @PostMapping("/{id}/cancel")
    @Operation(summary = "Cancel an approved post before it goes out")
    PostView cancel(Principal me, @PathVariable UUID id, @Valid @RequestBody(required = false) DecisionRequest request) {
        return views.of(workflow.cancel(me.getName(), scoped(id), comment(request)));
    }

    @PostMapping("/{id}/reschedule")
    @Operation(summary = "Give held deliveries (approved after their time, or held by changed rules) a new time")
    PostView reschedule(Principal me, @PathVariable UUID id, @Valid @RequestBody RescheduleRequest request) {
        return views.of(workflow.reschedule(me.getName(), scoped(id), request.scheduledAt().toInstant(),
                request.acknowledge() == null ? Set.of() : Set.copyOf(request.acknowledge())));
    }

    /** The post, if the request's token (when it came with one) may act on all of its accounts. */
    private PostId scoped(UUID id) {
        PostId post = new PostId(id);
        TokenScope.requireAccounts(() -> workflow.get(post).accountIds());
        return post;
    }

    private static String comment(@Nullable DecisionRequest request) {
        return request == null ? null : request.comment();
    }

    private static Set<String> acknowledged(@Nullable DecisionRequest request) {
        return request == null || request.acknowledge() == null ? Set.of() : Set.copyOf(request.acknowledge());
    }

    private static URI optionalUri(@Nullable String value) {
        return value == null ? null : uri(value);
    }

    private static Instant instant(@Nullable OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    private static List<URI> uris(@Nullable List<String> links) {
        return links == null ? List.of() : links.stream().map(PostController::uri).toList();
    }

    private static URI uri(String value) {
        try {
            return new URI(value.strip());
        } catch (URISyntaxException e) {
            throw new InvalidRequestException("post.badLink", "not a web link: " + value, value);
        }
    }
}
