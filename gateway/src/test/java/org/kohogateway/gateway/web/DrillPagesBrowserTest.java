package org.kohogateway.gateway.web;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kohogateway.gateway.account.OfficialAccounts;
import org.kohogateway.gateway.demo.SimulatedPlatforms;
import org.kohogateway.gateway.dispatch.Dispatcher;
import org.kohogateway.gateway.post.DeliveryStatus;
import org.kohogateway.gateway.post.NewPost;
import org.kohogateway.gateway.post.Post;
import org.kohogateway.gateway.post.PostCategory;
import org.kohogateway.gateway.post.PostId;
import org.kohogateway.gateway.post.PostWorkflow;
import org.kohogateway.gateway.staff.StaffDirectory;
import org.kohogateway.gateway.template.Placeholder;
import org.kohogateway.gateway.template.PlaceholderType;
import org.kohogateway.gateway.template.PostTemplates;
import org.kohogateway.gateway.template.TemplateDraft;
import org.kohogateway.gateway.testing.TestData;
import org.kohogateway.gateway.testing.TestData.World;
import org.kohogateway.gateway.testing.XFaults;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * Drills and failing channels in a real browser (issue 22, points 3 and 5): a live template filled as a drill on a
 * phone shows the 訓練 / DRILL banner up to its confirmation and reaches no public account; the channels page names an
 * X account that X refuses and suggests a fallback. Each page passes the axe scan.
 */
class DrillPagesBrowserTest extends BrowserPages {

    @Autowired
    private Dispatcher dispatcher;
    @Autowired
    private PostTemplates templates;
    @Autowired
    private StaffDirectory staff;
    @Autowired
    private PostWorkflow workflow;
    @Autowired
    private OfficialAccounts accounts;

    private final WireMockServer wire = SimulatedPlatforms.shared().server();
    @RegisterExtension
    final XFaults faults = new XFaults();

    @Test
    void aLiveTemplateFilledAsADrillOnAPhoneIsConfirmedUnderTheDrillBannerAndReachesNoPublicAccount() {
        World world = data.world();
        long id = approvedTemplate(world);
        String shelter = "訓練避難所" + TestData.unique();

        login(world.poster());
        driver.manage().window().setSize(PHONE);
        driver.get(url("/templates/" + id + "/fill"));
        ((JavascriptExecutor) driver).executeScript("arguments[0].value = '14:05'", driver.findElement(By.id("value-0")));
        driver.findElement(By.id("value-1")).sendKeys(shelter);
        WebElement drill = driver.findElement(By.id("drill"));
        drill.click();
        assertThat(drill.isSelected()).isTrue();
        assertAccessible();
        assertFitsTheScreen();
        screenshotOf("drill-fill-phone", By.cssSelector(".fill-field"));
        driver.findElement(By.id("fill-submit")).click();
        waitForText(By.tagName("main"), "記入した本人は確認できません");
        assertThat(driver.findElement(By.className("drill-banner")).getText()).contains("訓練 / DRILL");
        String confirmation = driver.getCurrentUrl();

        logout();
        login(world.both());
        driver.manage().window().setSize(PHONE);
        driver.get(confirmation);
        waitForText(By.tagName("h1"), "送信内容の確認");
        assertThat(driver.findElement(By.className("drill-banner")).getText()).contains("訓練 / DRILL")
                .contains("公開アカウントには送信されません");
        assertAccessible();
        assertFitsTheScreen();
        screenshotOf("drill-confirm-phone", By.tagName("h1"));
        driver.findElement(By.id("confirm")).click();
        waitForText(By.tagName("main"), "承認しました");

        dispatcher.drain();
        PostId postId = new PostId(UUID.fromString(confirmation.replaceAll(".*/posts/([^/]+)/confirm$", "$1")));
        Post sent = workflow.get(postId);
        assertThat(sent.drill()).isTrue();
        assertThat(sent.deliveries()).allSatisfy(d -> assertThat(d.status())
                .isIn(DeliveryStatus.DRILL_SENT, DeliveryStatus.DRILL_SKIPPED));
        assertThat(sent.deliveries()).filteredOn(d -> d.accountId() == world.x().id()).singleElement()
                .satisfies(d -> assertThat(d.status()).isEqualTo(DeliveryStatus.DRILL_SKIPPED));
        // the simulated public endpoints got nothing: no LINE broadcast, no X post carries the drill's text
        assertThat(wire.findAll(postRequestedFor(urlPathEqualTo("/v2/bot/message/broadcast"))
                .withRequestBody(containing(shelter)))).isEmpty();
        assertThat(wire.findAll(postRequestedFor(urlPathMatching("/2/tweets.*")).withRequestBody(containing(shelter))))
                .isEmpty();
        driver.get(confirmation.replace("/confirm", ""));
        waitForText(By.tagName("main"), "訓練: 送信せず");
        assertAccessible();
    }

    @Test
    void theChannelsPageShowsAnXAccountThatXRefusesAndSuggestsAFallback() {
        World world = data.world();
        faults.suspend(accounts, world.x().id());
        data.approved(world, NewPost.of("【避難指示】江津地区に避難指示を発令しました。" + TestData.unique(), List.of(),
                PostCategory.EMERGENCY, List.of(world.lineA().id(), world.x().id()), null));
        dispatcher.drain();

        login(world.poster());
        driver.get(url("/channels"));
        assertThat(driver.findElement(By.id("channel-" + world.x().id())).getText()).contains("送信できない")
                .contains("アカウントが凍結された");
        assertThat(driver.findElement(By.id("channel-" + world.lineA().id())).getText()).doesNotContain("送信できない");
        assertThat(driver.findElement(By.cssSelector(".suggestion")).getText())
                .contains("いま送信できないアカウントがあります").contains(world.x().name()).contains("市のホームページ");
        assertAccessible();
        screenshot("channels-failing");
    }

    private long approvedTemplate(World world) {
        long id = templates.create(staff.byUsername(world.poster()), new TemplateDraft("避難所開設 " + TestData.unique(),
                "【避難所開設】{{時刻}}、{{避難所}}を開設しました。",
                List.of(new Placeholder("時刻", PlaceholderType.TIME, null, 0),
                        new Placeholder("避難所", PlaceholderType.TEXT, null, 40)),
                List.of(world.lineA().id(), world.x().id()), null, List.of())).id();
        templates.submit(staff.byUsername(world.poster()), id);
        templates.approve(staff.byUsername(world.approver()), id, "平時に確認");
        return id;
    }
}
