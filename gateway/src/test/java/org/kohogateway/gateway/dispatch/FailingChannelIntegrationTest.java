package org.kohogateway.gateway.dispatch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kohogateway.connectors.PublishOutcome.AccountTrouble;
import org.kohogateway.gateway.account.OfficialAccounts;
import org.kohogateway.gateway.account.PlatformCredentials;
import org.kohogateway.gateway.demo.SimulatedPlatforms;
import org.kohogateway.gateway.post.Delivery;
import org.kohogateway.gateway.post.DeliveryStatus;
import org.kohogateway.gateway.post.NewPost;
import org.kohogateway.gateway.post.Post;
import org.kohogateway.gateway.post.PostCategory;
import org.kohogateway.gateway.post.PostWorkflow;
import org.kohogateway.gateway.post.Readers;
import org.kohogateway.gateway.staff.StaffDirectory;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.TestData;
import org.kohogateway.gateway.testing.TestData.World;
import org.kohogateway.gateway.testing.XFaults;
import org.springframework.beans.factory.annotation.Autowired;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * No frozen account (issue 22 point 5): when X refuses an account — suspended, or its 24-hour cap used up — the same
 * emergency post still goes out on LINE and Facebook, judged from what the simulated platforms received; and the
 * channels' state says which account fails, why and since when, and asks the department for a fallback.
 */
class FailingChannelIntegrationTest extends IntegrationTest {

    @Autowired
    Dispatcher dispatcher;

    @Autowired
    PostWorkflow workflow;

    @Autowired
    OfficialAccounts accounts;

    @Autowired
    ChannelStates channels;

    @Autowired
    StaffDirectory staff;

    private final WireMockServer wire = SimulatedPlatforms.shared().server();
    @RegisterExtension
    final XFaults faults = new XFaults();

    @Test
    void anEmergencyStillGoesToLineAndFacebookWhileXSaysTheAccountIsSuspended() {
        World world = data.world();
        faults.suspend(accounts, world.x().id());
        String marker = "凍結" + TestData.unique();

        Post post = emergency(world, "【避難指示】江津地区に避難指示を発令しました。" + marker);
        dispatcher.drain();

        Post after = workflow.get(post.id());
        assertThat(delivery(after, world.lineA().id()).status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(SimulatedPlatforms.shared().lineBroadcastsOf(delivery(after, world.lineA().id()).id())).isEqualTo(1);
        assertThat(delivery(after, world.facebook().id()).status()).isEqualTo(DeliveryStatus.SENT);
        String page = accounts.credentials(world.facebook().id()).get(PlatformCredentials.FACEBOOK_PAGE_ID).orElseThrow();
        assertThat(wire.findAll(postRequestedFor(urlPathEqualTo("/v22.0/" + page + "/feed")))).hasSize(1);
        assertThat(delivery(after, world.x().id()).status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(wire.findAll(postRequestedFor(urlPathEqualTo("/2/tweets")).withRequestBody(containing(marker))))
                .as("X was asked once and refused").hasSize(1);

        ChannelStates.Overview overview = channels.overview(Readers.of(staff.byUsername(world.poster())));
        ChannelStates.ChannelState x = state(overview, world.x().id());
        assertThat(x.condition()).isEqualTo(ChannelStates.Condition.FAILING);
        assertThat(x.trouble()).isEqualTo(AccountTrouble.SUSPENDED);
        assertThat(x.reason()).contains("suspended");
        assertThat(x.since()).isNotNull();
        assertThat(state(overview, world.lineA().id()).condition()).isEqualTo(ChannelStates.Condition.HEALTHY);
        assertThat(overview.suggestions()).filteredOn(s -> s.departmentId() == world.departmentA().id())
                .singleElement().satisfies(s -> {
                    assertThat(s.gap()).isEqualTo(ChannelStates.Gap.CHANNEL_DOWN);
                    assertThat(s.down()).containsExactly(world.x().name());
                    assertThat(s.add()).contains(ChannelStates.Fallback.WEBSITE);
                });
    }

    @Test
    void anEmergencyStillGoesToLineAndFacebookWhileXsDailyCapIsUsedUp() {
        World world = data.world();
        long reset = clock.instant().plusSeconds(7200).getEpochSecond();
        faults.answer(accounts, world.x().id(), aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                .withHeader("x-user-limit-24hour-limit", "17").withHeader("x-user-limit-24hour-remaining", "0")
                .withHeader("x-user-limit-24hour-reset", Long.toString(reset))
                .withBody("{\"title\":\"Too Many Requests\",\"detail\":\"Too Many Requests\",\"type\":\"about:blank\","
                        + "\"status\":429}"));

        Post post = emergency(world, "【避難所開設】江津地区の避難所を開設しました。" + TestData.unique());
        dispatcher.drain();

        Post after = workflow.get(post.id());
        assertThat(delivery(after, world.lineA().id()).status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(delivery(after, world.facebook().id()).status()).isEqualTo(DeliveryStatus.SENT);
        Delivery x = delivery(after, world.x().id());
        assertThat(x.status()).as("waits for the cap's reset, not failed").isEqualTo(DeliveryStatus.SCHEDULED);
        ChannelStates.ChannelState state = state(channels.overview(Readers.of(staff.byUsername(world.poster()))),
                world.x().id());
        assertThat(state.condition()).isEqualTo(ChannelStates.Condition.QUOTA);
        assertThat(state.trouble()).isEqualTo(AccountTrouble.QUOTA_EXHAUSTED);
    }

    @Test
    void theChannelsOfADepartmentOnOnePlatformAskForAFallback() {
        World world = data.world();

        ChannelStates.Overview overview = channels.overview(Readers.of(staff.byUsername(world.approverB())));

        assertThat(overview.channels()).extracting(ChannelStates.ChannelState::accountId)
                .containsExactly(world.lineB().id());
        assertThat(overview.suggestions()).singleElement().satisfies(s -> {
            assertThat(s.gap()).isEqualTo(ChannelStates.Gap.ONE_PLATFORM);
            assertThat(s.add()).containsExactly(ChannelStates.Fallback.WEBSITE, ChannelStates.Fallback.FACEBOOK);
        });
    }

    private Post emergency(World world, String text) {
        return data.approved(world, NewPost.of(text, List.of(), PostCategory.EMERGENCY,
                List.of(world.lineA().id(), world.x().id(), world.facebook().id()), null));
    }

    private static Delivery delivery(Post post, long accountId) {
        return post.deliveries().stream().filter(d -> d.accountId() == accountId).findFirst().orElseThrow();
    }

    private static ChannelStates.ChannelState state(ChannelStates.Overview overview, long accountId) {
        return overview.channels().stream().filter(c -> c.accountId() == accountId).findFirst().orElseThrow();
    }
}
