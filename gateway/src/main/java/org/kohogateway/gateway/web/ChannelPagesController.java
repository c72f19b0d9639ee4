package org.kohogateway.gateway.web;

import org.kohogateway.gateway.dispatch.ChannelStates;
import org.kohogateway.gateway.post.Readers;
import org.kohogateway.gateway.staff.Staff;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The channels page (issue 22 point 5): each account the person looks after — healthy, failing (why, since when),
 * paused, or at a limit — and, per department, where to add a fallback so that an emergency post never depends on one
 * failing channel. The state is the domain's ({@link ChannelStates}); the page renders it.
 */
@Controller
class ChannelPagesController {

    private final ChannelStates channels;

    ChannelPagesController(ChannelStates channels) {
        this.channels = channels;
    }

    @GetMapping("/channels")
    String channels(Staff me, Model model) {
        model.addAttribute("overview", channels.overview(Readers.of(me)));
        return "channels";
    }
}
