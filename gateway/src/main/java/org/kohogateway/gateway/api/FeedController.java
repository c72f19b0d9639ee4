package org.kohogateway.gateway.api;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.kohogateway.gateway.feed.FeedPoll;
import org.kohogateway.gateway.feed.PressReleaseFeed;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "feed", description = "The press-release feed that becomes PR direct-publish drafts")
class FeedController {

    private final PressReleaseFeed feed;

    FeedController(PressReleaseFeed feed) {
        this.feed = feed;
    }

    @GetMapping("/api/feed/polls")
    @Operation(summary = "Recent polls of the press-release feed, newest first: new items, 304s and failures with the reason")
    List<FeedPoll> polls(@RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
        return feed.polls(limit);
    }
}
