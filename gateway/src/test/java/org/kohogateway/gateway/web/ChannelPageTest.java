package org.kohogateway.gateway.web;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.kohogateway.connectors.Platform;
import org.kohogateway.connectors.PublishOutcome.AccountTrouble;
import org.kohogateway.gateway.dispatch.ChannelStates;
import org.kohogateway.gateway.dispatch.ChannelStates.ChannelState;
import org.kohogateway.gateway.post.Readers;
import org.kohogateway.gateway.staff.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/** The channels page renders the domain's states in Japanese: why, since when, the limits, and the fallback advice. */
@PageSlice(ChannelPagesController.class)
@MockitoBean(types = ChannelStates.class)
class ChannelPageTest extends SignedInPage {

    @Autowired
    private ChannelStates channels;

    @Test
    void showsAFailingChannelWithWhyAndSinceAndAsksTheDepartmentForAFallback() throws Exception {
        signedInAs(Role.POSTER);
        Instant since = Instant.parse("2026-11-24T05:05:00Z");
        when(channels.overview(any(Readers.class))).thenReturn(new ChannelStates.Overview(List.of(
                new ChannelState(5, "江津市防災 X", Platform.X, HEALTH.id(), ChannelStates.Condition.FAILING,
                        AccountTrouble.SUSPENDED, "the account is suspended; X answered HTTP 403", since, null,
                        List.of(new ChannelStates.LimitUse(Duration.ofHours(24), 300, 12))),
                new ChannelState(6, "江津市防災 LINE", Platform.LINE, HEALTH.id(), ChannelStates.Condition.HEALTHY,
                        null, null, null, since, List.of())),
                List.of(new ChannelStates.Suggestion(HEALTH.id(), HEALTH.name(), ChannelStates.Gap.CHANNEL_DOWN,
                        List.of("江津市防災 X"), List.of(ChannelStates.Fallback.WEBSITE, ChannelStates.Fallback.FACEBOOK)))));

        mvc.perform(get("/channels")).andExpect(status().isOk())
                .andExpect(content().string(containsString("発信経路の状態")))
                .andExpect(content().string(containsString("送信できない")))
                .andExpect(content().string(containsString("アカウントが凍結された")))
                .andExpect(content().string(containsString("2026-11-24 14:05")))
                .andExpect(content().string(containsString("12 / 300 件（直近 1440 分）")))
                .andExpect(content().string(containsString("いま送信できないアカウントがあります: 江津市防災 X")))
                .andExpect(content().string(containsString("市のホームページ")))
                .andExpect(content().string(containsString("正常")));
    }
}
