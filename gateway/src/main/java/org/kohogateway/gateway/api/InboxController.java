package org.kohogateway.gateway.api;

import java.util.List;

import org.kohogateway.gateway.post.PostWorkflow;
import org.kohogateway.gateway.staff.Staff;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "posts")
class InboxController {

    private final PostWorkflow workflow;
    private final PostViews views;
    private final ApiReaders readers;

    InboxController(PostWorkflow workflow, PostViews views, ApiReaders readers) {
        this.workflow = workflow;
        this.views = views;
        this.readers = readers;
    }

    @GetMapping("/api/inbox")
    @Operation(summary = "Posts waiting for the caller's approval; through a token limited to some accounts, only "
            + "the posts all of whose accounts are among them")
    List<PostView> inbox(Staff me) {
        return views.of(workflow.inbox(me.username(), readers.of(me)));
    }
}
