package org.kohogateway.connectors.threads;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.kohogateway.connectors.PublicationBuilder.aPublication;
import static org.kohogateway.connectors.threads.ThreadsApiStub.CONTAINER_ID;
import static org.kohogateway.connectors.threads.ThreadsApiStub.MEDIA_ID;
import static org.kohogateway.connectors.threads.ThreadsApiStub.PUBLISH;
import static org.kohogateway.connectors.threads.ThreadsApiStub.THREADS;
import static org.kohogateway.connectors.threads.ThreadsApiStub.TOKEN;
import static org.kohogateway.connectors.threads.ThreadsApiStub.USER_ID;
import static org.kohogateway.connectors.threads.ThreadsApiStub.graphError;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.kohogateway.connectors.MediaItem;
import org.kohogateway.connectors.Platform;
import org.kohogateway.connectors.PlatformConnector;
import org.kohogateway.connectors.PlatformConnectorContract;
import org.kohogateway.connectors.ProfileReading;
import org.kohogateway.connectors.Publication;
import org.kohogateway.connectors.PublicationBuilder;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

/**
 * A Threads profile through the Threads API, played by {@link ThreadsApiStub}. Only {@code threads_publish} makes
 * anything public, so that is the request whose answers the contract varies; quota, containers and status answer as
 * on a good day.
 */
class ThreadsConnectorContractTest extends PlatformConnectorContract implements
        PlatformConnectorContract.RefusesAnswersAndQuotes, PlatformConnectorContract.DeletesPosts,
        PlatformConnectorContract.FindsRecentPosts, PlatformConnectorContract.UploadsBeforePosting {

    private final ThreadsApiStub threads = new ThreadsApiStub(api);

    @Override
    protected Platform expectedPlatform() {
        return Platform.THREADS;
    }

    @Override
    protected boolean expectedToDeduplicateRetries() {
        return false;
    }

    @Override
    protected PlatformConnector connector(URI baseUrl, Duration connectTimeout, Duration readTimeout) {
        return new ThreadsConnector(new ThreadsSettings(baseUrl, USER_ID, TOKEN, connectTimeout, readTimeout,
                Duration.ZERO, 3));
    }

    /** Threads takes a text alone. */
    @Override
    public PublicationBuilder publishable() {
        return aPublication().deliveryKey(deliveryKey).text("【江津市】本日17時から江の川河川敷で花火大会を開催します。");
    }

    @Override
    protected Publication nothingToPost() {
        return publishable().text(" ").build();
    }

    @Override
    protected int maxImages() {
        return ThreadsConnector.MAX_IMAGES;
    }

    @Override
    protected String stubPublished() {
        threads.stubAll();
        return MEDIA_ID;
    }

    @Override
    protected void stubPublishingRequest(ResponseDefinitionBuilder answer) {
        threads.stubAll();
        threads.stubPublish(answer);
    }

    @Override
    protected String publishingRequestPath() {
        return PUBLISH;
    }

    @Override
    protected ResponseDefinitionBuilder serverError(int status) {
        return graphError(status, 2, -1, "OAuthException", "Service temporarily unavailable");
    }

    /** Threads' own limit is the rolling publishing quota (250 a day), checked before anything is sent. */
    @Override
    protected Duration stubRateLimited() {
        threads.stubAll();
        threads.stubQuota(250, 250);
        return ThreadsConnector.QUOTA_RETRY_AFTER;
    }

    /** An expired token fails the first request, the quota check, before anything could be public. */
    @Override
    protected String stubCredentialsRejected() {
        threads.stubAll();
        threads.stubQuotaAnswering(graphError(400, 190, 463, "OAuthException",
                "Error validating access token: Session has expired on Friday, 03-Oct-25 01:00:00 PDT."));
        return "code 190";
    }

    /** Threads validates the post when the container is made, before anything can be public. */
    @Override
    protected String stubInvalidRequest() {
        threads.stubAll();
        threads.stubContainersAnswering(graphError(400, 100, 4279009, "THApiException",
                "THREADS_API__LINK_LIMIT_EXCEEDED: the post has more than 5 links"));
        return "THREADS_API__LINK_LIMIT_EXCEEDED";
    }

    /** The Threads API has no link field: the homepage is read from the biography by the gateway. */
    @Override
    protected ProfileReading stubProfile() {
        threads.stubAll();
        return new ProfileReading.Profile("江津市", ThreadsApiStub.BIOGRAPHY, Optional.empty());
    }

    @Override
    protected String stubProfileRefused() {
        api.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo(ThreadsApiStub.USER))
                .atPriority(1).willReturn(graphError(400, 190, -1, "OAuthException", "Invalid OAuth access token.")));
        return "code 190";
    }

    @Override
    public List<String> secrets() {
        return List.of(TOKEN);
    }

    @Override
    public String stubPublishedWithImages(int images) {
        threads.stubAll();
        return MEDIA_ID;
    }

    /**
     * Threads fetched each image from its signed address with its alt text; several became carousel items, in order,
     * without the text, and one {@code CAROUSEL} container carried the children and the text; that one was published.
     */
    @Override
    protected void verifyImagesSent(Publication publication) {
        List<MediaItem> media = publication.media();
        if (media.size() == 1) {
            api.verify(1, postRequestedFor(urlPathEqualTo(THREADS)).withFormParam("media_type", equalTo("IMAGE"))
                    .withFormParam("image_url", equalTo(media.get(0).publicUrl().toString()))
                    .withFormParam("alt_text", equalTo(media.get(0).altText()))
                    .withFormParam("text", equalTo(publication.text())));
        } else {
            List<LoggedRequest> items = api.findAll(postRequestedFor(urlPathEqualTo(THREADS))
                    .withFormParam("is_carousel_item", equalTo("true")));
            assertThat(items).hasSize(media.size());
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < media.size(); i++) {
                assertThat(items.get(i).formParameters().get("image_url").firstValue())
                        .isEqualTo(media.get(i).publicUrl().toString());
                assertThat(items.get(i).formParameters().get("alt_text").firstValue()).isEqualTo(media.get(i).altText());
                assertThat(items.get(i).formParameters()).doesNotContainKeys("text", "reply_control");
                ids.add(ThreadsApiStub.childId(i + 1));
            }
            api.verify(1, postRequestedFor(urlPathEqualTo(THREADS)).withFormParam("media_type", equalTo("CAROUSEL"))
                    .withFormParam("children", equalTo(String.join(",", ids)))
                    .withFormParam("text", equalTo(publication.text())));
        }
        api.verify(1, postRequestedFor(urlPathEqualTo(PUBLISH)).withFormParam("creation_id", equalTo(CONTAINER_ID)));
    }

    @Override
    public void stubFirstUploadAnswering(ResponseDefinitionBuilder answer) {
        threads.stubContainersAnswering(answer);
    }

    @Override
    public void stubPostWithImagesAnswering(ResponseDefinitionBuilder answer) {
        threads.stubPublish(answer);
    }

    @Override
    public String stubDeletable() {
        threads.stubAll();
        return MEDIA_ID;
    }

    /** The post is not this profile's, or no longer exists. */
    @Override
    public String stubDeleteRefused() {
        threads.stubAll();
        return "18039430466618400";
    }

    /** The daily delete limit (100) or a throttled moment can be waited out. */
    @Override
    public String stubDeleteUnavailable() {
        api.stubFor(com.github.tomakehurst.wiremock.client.WireMock.delete(urlPathEqualTo("/v1.0/18039430466618401"))
                .willReturn(graphError(400, 4, -1, "OAuthException", "(#4) Application request limit reached")));
        return "18039430466618401";
    }

    @Override
    public void stubRecentPosts(List<RecentPost> newestFirst) {
        threads.stubRecentThreads(newestFirst);
    }

    @Override
    public void stubRecentPostsAnswer(ResponseDefinitionBuilder answer) {
        threads.stubRecentThreadsAnswering(answer);
    }

    @Override
    public void stubEndlessRecentPosts() {
        stubRecentPostsAnswer(okJson(ThreadsApiStub.page("QVFIUmFmZA",
                List.of(new RecentPost("18039430466618599", "別の投稿", SINCE.plusSeconds(3600))))));
    }

    @Override
    public String stubLookUpRefused() {
        stubRecentPostsAnswer(graphError(400, 190, -1, "OAuthException", "Invalid OAuth access token"));
        return "190";
    }
}
