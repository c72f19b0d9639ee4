package org.kohogateway.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.media.MediaLibrary;
import org.kohogateway.gateway.media.TestImages;
import org.kohogateway.gateway.post.MediaChoice;
import org.kohogateway.gateway.post.NewPost;
import org.kohogateway.gateway.post.Post;
import org.kohogateway.gateway.post.PostCategory;
import org.kohogateway.gateway.post.PostWorkflow;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.PageSession;
import org.kohogateway.gateway.testing.TestData;
import org.kohogateway.gateway.testing.TestData.World;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The pictures as the people who decide and follow a post see them (issue 19 point 5): the inbox, the post's page and
 * the calendar show each image's thumbnail with its alt text, and say so where the alt text is missing; editing the
 * draft shows the photos again with their alt texts, in order.
 */
class PostImagesPagesIntegrationTest extends IntegrationTest {

    @Autowired
    MediaLibrary library;

    @Autowired
    PostWorkflow workflow;

    @Test
    void theApproverSeesEachPhotoWithItsAltTextInTheInboxAndOnThePostsPage() {
        World world = data.world();
        long festival = upload(world.poster());
        long shrine = upload(world.poster());
        String text = "秋祭りの写真です。" + TestData.unique();
        Post post = workflow.create(world.poster(), post(world, text, null,
                new MediaChoice(festival, "提灯で飾られた山車"), new MediaChoice(shrine, "境内の屋台")));
        workflow.submit(world.poster(), post.id());

        PageSession approver = PageSession.login(port, world.approver(), TestData.PASSWORD);
        String inbox = approver.page("/inbox");
        String page = approver.page("/posts/" + post.id().value());

        for (String shown : List.of(inbox, page)) {
            assertThat(shown).contains("src=\"/media/" + festival + "/thumbnail\" alt=\"提灯で飾られた山車\"")
                    .contains("src=\"/media/" + shrine + "/thumbnail\" alt=\"境内の屋台\"");
            assertThat(shown.indexOf("/media/" + festival + "/")).isLessThan(shown.indexOf("/media/" + shrine + "/"));
        }
        assertThat(approver.get("/media/" + festival + "/thumbnail").statusCode()).isEqualTo(200);
    }

    @Test
    void aPhotoWithoutAltTextIsMarkedAndTheDraftShowsItsPhotosAgainInOrder() {
        World world = data.world();
        long first = upload(world.poster());
        long second = upload(world.poster());
        Post draft = workflow.create(world.poster(), post(world, "写真の下書き " + TestData.unique(), null,
                new MediaChoice(second, "二枚目を先に"), new MediaChoice(first, "")));

        PageSession poster = PageSession.login(port, world.poster(), TestData.PASSWORD);
        String page = poster.page("/posts/" + draft.id().value());
        String edit = poster.page("/posts/" + draft.id().value() + "/edit");

        assertThat(page).contains("代替テキストがありません");
        assertThat(edit).contains("name=\"mediaIds[0]\" value=\"" + second + "\"")
                .contains("name=\"mediaIds[1]\" value=\"" + first + "\"")
                .containsPattern("name=\"mediaAlts\\[0\\]\"[^>]*>二枚目を先に</textarea>")
                .contains("name=\"mediaAlts[1]\"");
    }

    @Test
    void theCalendarShowsAScheduledPostsFirstPhotoWithItsAltText() {
        World world = data.world();
        long photo = upload(world.poster());
        LocalDate day = YearMonth.now(ZoneOffset.UTC).plusMonths(2).atDay(14);
        Post post = data.approved(world, post(world, "写真付きの予約 " + TestData.unique(),
                day.atTime(3, 0).toInstant(ZoneOffset.UTC), new MediaChoice(photo, "夕日の江の川")));

        String calendar = PageSession.login(port, world.poster(), TestData.PASSWORD)
                .page("/calendar?month=" + YearMonth.from(day));

        assertThat(calendar).contains("/posts/" + post.id().value())
                .contains("src=\"/media/" + photo + "/thumbnail\" alt=\"夕日の江の川\"");
    }

    private long upload(String username) {
        return library.upload(username, new ByteArrayInputStream(TestImages.jpeg(64, 48)), "").id();
    }

    private static NewPost post(World world, String text, java.time.Instant at, MediaChoice... media) {
        return new NewPost(text, List.of(), List.of(), PostCategory.EVENT, List.of(world.lineA().id()), at, null, null,
                null, null, null, List.of(media));
    }
}
