package org.kohogateway.gateway.web;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.kohogateway.connectors.Platform;
import org.kohogateway.gateway.account.OfficialAccount;
import org.kohogateway.gateway.account.OperatingPolicy;
import org.kohogateway.gateway.account.ReplyPolicy;
import org.kohogateway.gateway.demo.SimulatedPlatforms;
import org.kohogateway.gateway.dispatch.Dispatcher;
import org.kohogateway.gateway.media.TestImages;
import org.kohogateway.gateway.media.TestVideos;
import org.kohogateway.gateway.post.Delivery;
import org.kohogateway.gateway.post.DeliveryStatus;
import org.kohogateway.gateway.post.Post;
import org.kohogateway.gateway.post.PostId;
import org.kohogateway.gateway.post.PostWorkflow;
import org.kohogateway.gateway.testing.TestData;
import org.kohogateway.gateway.testing.TestData.World;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

/**
 * Issue 23, point 6: one post, composed in the browser with a photo and a video, goes to all seven platforms — LINE,
 * X, Facebook, Instagram, Bluesky, Threads and YouTube — through each real connector to the simulated platforms, and
 * every delivery ends SENT: the video on YouTube, the photo with its alt text everywhere else.
 */
class SevenPlatformsBrowserTest extends BrowserPages {

    @Autowired
    private Dispatcher dispatcher;
    @Autowired
    private PostWorkflow workflow;
    @Autowired
    private JdbcClient jdbc;

    @Test
    void onePostWithAPhotoAndAVideoGoesToAllSevenPlatformsAndEachDeliveryIsSent() throws IOException {
        World world = data.world();
        String n = TestData.unique();
        OperatingPolicy strict = new OperatingPolicy(true, ReplyPolicy.NO_REPLIES);
        OfficialAccount bluesky = data.account(world.departmentA(), Platform.BLUESKY, "観光 Bluesky " + n, strict,
                TestData.blueskyCredentials(n));
        OfficialAccount threads = data.account(world.departmentA(), Platform.THREADS, "観光 Threads " + n, strict,
                TestData.threadsCredentials(n));
        OfficialAccount youtube = data.account(world.departmentA(), Platform.YOUTUBE, "観光 YouTube " + n, strict,
                TestData.youtubeCredentials(n));
        List<OfficialAccount> seven = List.of(world.lineA(), world.x(), world.facebook(), world.instagram(), bluesky,
                threads, youtube);
        String text = "江の川の花火大会の様子です。" + n;
        String alt = "夜空に開く大きな花火と、河川敷で見上げる人たち";
        Path photo = Files.createTempFile("koho-photo-", ".jpg");
        Path video = Files.createTempFile("koho-video-", ".mp4");
        try {
            Files.write(photo, TestImages.jpeg(1200, 900));
            Files.write(video, TestVideos.mp4(n));
            login(world.poster());
            driver.get(url("/compose"));
            seven.forEach(a -> tick(a.id()));
            driver.findElement(By.id("text")).sendKeys(text);
            driver.findElement(By.id("mediaFiles")).sendKeys(photo + "\n" + video);
            new WebDriverWait(driver, WAIT).until(ExpectedConditions.numberOfElementsToBe(
                    By.cssSelector("#media-list .media-position"), 2));
            assertThat(driver.findElements(By.cssSelector("#media-list .media-position"))).extracting(WebElement::getText)
                    .containsExactly("写真 1", "動画 2");
            driver.findElements(By.cssSelector("#media-list .media-alt")).getFirst().sendKeys(alt);
            // the split is told before anyone submits: the video to YouTube, the photo to the six others
            waitForText(By.id("findings"), "動画は YouTube にだけ送られます");
            assertThat(driver.findElement(By.id("findings")).getText()).contains("YouTube には動画だけが送られます");
            assertAccessible();
            screenshot("compose-seven-platforms");
            driver.findElement(By.cssSelector("button[value=submit]")).click();
            waitForText(By.tagName("main"), "承認申請しました");

            logout();
            login(world.approver());
            driver.get(url("/inbox"));
            WebElement post = article(text);
            seven.forEach(a -> assertThat(post.getText()).contains(a.name()));
            post.findElement(By.tagName("textarea")).sendKeys("7 媒体とも確認しました");
            post.findElement(By.cssSelector("button.primary")).click();
            waitForText(By.tagName("main"), "承認しました");
        } finally {
            Files.deleteIfExists(photo);
            Files.deleteIfExists(video);
        }

        dispatcher.drain();

        Post sent = workflow.get(postWith(text));
        Map<Long, Delivery> byAccount = sent.deliveries().stream()
                .collect(Collectors.toMap(Delivery::accountId, Function.identity()));
        assertThat(byAccount.keySet()).containsExactlyInAnyOrderElementsOf(seven.stream().map(OfficialAccount::id)
                .toList());
        assertThat(byAccount.values()).allSatisfy(d -> assertThat(d.status()).as("account " + d.accountId())
                .isEqualTo(DeliveryStatus.SENT));
        JsonNode onYouTube = SimulatedPlatforms.shared().youtube().videosContaining(n).getFirst();
        assertThat(onYouTube.path("snippet").path("title").asString()).isEqualTo(text);
        assertThat(SimulatedPlatforms.shared().youtube().videosContaining(n)).as("one video").hasSize(1);
        // the video's bytes went to YouTube alone: no other platform's request carried them
        assertThat(SimulatedPlatforms.shared().server().findAll(anyRequestedFor(anyUrl())
                .withRequestBody(containing("video " + n)))).allSatisfy(r -> assertThat(r.getUrl())
                        .startsWith("/upload/youtube/")).isNotEmpty();

        logout();
        login(world.poster());
        driver.get(url("/posts"));
        assertThat(article(text).findElements(By.cssSelector(".delivery-sent"))).hasSize(7);
        assertAccessible();
        screenshot("seven-platforms-sent");
    }

    private PostId postWith(String text) {
        return new PostId(jdbc.sql("select id from post where text = :text").param("text", text).query(UUID.class)
                .single());
    }
}
