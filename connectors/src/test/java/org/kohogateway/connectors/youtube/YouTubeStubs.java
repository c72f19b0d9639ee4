package org.kohogateway.connectors.youtube;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.kohogateway.connectors.MediaItem;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;

/**
 * The Data API v3 and Google's token endpoint as WireMock plays them, written from the reference: the resumable
 * upload's start ({@code POST ...?uploadType=resumable}, answered with the session's {@code Location}), its chunks
 * ({@code PUT} with {@code Content-Range}, answered {@code 308} with the {@code Range} received until the last, which is
 * answered with the video resource), the status question ({@code PUT} with {@code Content-Range: bytes *}{@code /size}),
 * and Google's error body.
 */
final class YouTubeStubs {

    static final String CLIENT_ID = "1062957823194-koho.apps.googleusercontent.com";
    static final String CLIENT_SECRET = "GOCSPX-gotsu-city-client-secret";
    static final String REFRESH = "1//0eGotsuCityRefreshTokenQ8";
    static final String ACCESS = "ya29.a0AfB_byGotsuCityAccessToken";
    static final String CHANNEL = "UCq3Ci-h945sbEYXpVlw7rJg";
    static final String UPLOADS = "UUq3Ci-h945sbEYXpVlw7rJg";
    static final String VIDEO_ID = "Ks-_Mh1QhMc";
    static final String TOKEN = "/token";
    static final String UPLOAD = "/upload/youtube/v3/videos";
    static final String UPLOAD_ID = "AEnB2UrGotsuSessionA1";
    static final String SESSION = UPLOAD + "?uploadType=resumable&part=snippet,status&upload_id=" + UPLOAD_ID;
    static final String VIDEOS = "/youtube/v3/videos";
    static final String CHANNELS = "/youtube/v3/channels";
    static final String PLAYLIST_ITEMS = "/youtube/v3/playlistItems";

    private YouTubeStubs() {
    }

    static YouTubeSettings settings(URI baseUrl, Optional<String> playlist, Duration connectTimeout,
            Duration readTimeout) {
        String base = baseUrl.toString().endsWith("/") ? baseUrl.toString() : baseUrl + "/";
        return new YouTubeSettings(URI.create(base), URI.create(base + "token"), CLIENT_ID, CLIENT_SECRET, REFRESH,
                "25", playlist, YouTubeSettings.CHUNK_UNIT, 2, Duration.ofMillis(1), connectTimeout, readTimeout);
    }

    /** A video of {@code size} recognisable bytes: byte i is i modulo 251. */
    static MediaItem video(int size) {
        byte[] bytes = bytes(size);
        URI address = URI.create("https://koho.city.gotsu.lg.jp/media/hanabi.mp4?expires=1767225600&signature=c2ln");
        return new MediaItem("0".repeat(64), "video/mp4", size, 1920, 1080, "", address, address,
                () -> new ByteArrayInputStream(bytes));
    }

    static byte[] bytes(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i % 251);
        }
        return bytes;
    }

    /** The refresh token is exchanged for {@link #ACCESS}, valid {@code expiresIn} seconds. */
    static void token(WireMockExtension api, int expiresIn) {
        api.stubFor(post(TOKEN).withRequestBody(containing("grant_type=refresh_token"))
                .willReturn(okJson("{\"access_token\":\"" + ACCESS + "\",\"expires_in\":" + expiresIn
                        + ",\"scope\":\"https://www.googleapis.com/auth/youtube\",\"token_type\":\"Bearer\"}")));
    }

    /** The upload's start, with the video's metadata, correctly authenticated. */
    static MappingBuilder start() {
        return post(urlPathEqualTo(UPLOAD)).withQueryParam("uploadType", equalTo("resumable"))
                .withHeader("Authorization", equalTo("Bearer " + ACCESS));
    }

    static ResponseDefinitionBuilder started(WireMockExtension api) {
        return aResponse().withStatus(200).withHeader("Location", api.baseUrl() + SESSION)
                .withHeader("X-GUploader-UploadID", UPLOAD_ID);
    }

    /** The chunk of bytes {@code from} to {@code to} (inclusive) of a video of {@code size} bytes. */
    static MappingBuilder chunk(long from, long to, long size) {
        return put(urlPathEqualTo(UPLOAD)).withQueryParam("upload_id", equalTo(UPLOAD_ID))
                .withHeader("Content-Range", equalTo("bytes " + from + "-" + to + "/" + size));
    }

    static RequestPatternBuilder chunkSent(long from, long to, long size) {
        return putRequestedFor(urlPathEqualTo(UPLOAD)).withQueryParam("upload_id", equalTo(UPLOAD_ID))
                .withHeader("Content-Range", equalTo("bytes " + from + "-" + to + "/" + size));
    }

    /** The question how much of a video of {@code size} bytes has arrived. */
    static MappingBuilder statusQuery(long size) {
        return put(urlPathEqualTo(UPLOAD)).withQueryParam("upload_id", equalTo(UPLOAD_ID))
                .withHeader("Content-Range", equalTo("bytes */" + size));
    }

    /** Resume Incomplete: the bytes up to {@code lastByte} have arrived (none when negative). */
    static ResponseDefinitionBuilder received(long lastByte) {
        ResponseDefinitionBuilder answer = aResponse().withStatus(308);
        return lastByte < 0 ? answer : answer.withHeader("Range", "bytes=0-" + lastByte);
    }

    /** The video resource that answers the last chunk. */
    static ResponseDefinitionBuilder uploaded(String videoId, String privacy, Instant publishAt) {
        return okJson("""
                {"kind":"youtube#video","etag":"Dn5xIderbhAnUk5TAW0qkFFir0M","id":"%s",
                 "snippet":{"publishedAt":"2025-10-01T08:10:04Z","channelId":"%s","title":"花火大会のお知らせ",
                  "description":"本日17時から","categoryId":"25","liveBroadcastContent":"none"},
                 "status":{"uploadStatus":"uploaded","privacyStatus":"%s","publishAt":"%s","license":"youtube",
                  "embeddable":true,"publicStatsViewable":true,"selfDeclaredMadeForKids":false}}
                """.formatted(videoId, CHANNEL, privacy, publishAt));
    }

    /** Google's error body: {@code {"error":{"code","message","errors":[{"message","domain","reason"}]}}}. */
    static ResponseDefinitionBuilder error(int status, String domain, String reason, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=UTF-8")
                .withBody("""
                        {"error":{"code":%d,"message":"%s","errors":[{"message":"%s","domain":"%s","reason":"%s"}]}}
                        """.formatted(status, message, message, domain, reason));
    }

    static MappingBuilder channels(String part) {
        return get(urlPathEqualTo(CHANNELS)).withQueryParam("part", equalTo(part))
                .withQueryParam("mine", equalTo("true")).withHeader("Authorization", equalTo("Bearer " + ACCESS));
    }
}
