package org.kohogateway.gateway.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.testing.Api;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.PageSession;
import org.kohogateway.gateway.testing.TestData;
import org.kohogateway.gateway.testing.TestData.World;
import org.springframework.beans.factory.annotation.Autowired;

import com.drew.metadata.exif.GpsDirectory;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/media}, the pages' thumbnails and the signed public links, over real HTTP: what a phone photo
 * carries is gone once stored, the type is told by the bytes, and only an approved post's image leaves by a link.
 */
class MediaApiIntegrationTest extends IntegrationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MediaLibrary library;

    @Autowired
    PublicMediaLinks links;

    @Test
    void anUploadedPhoneJpegIsStoredWithoutItsGpsPositionUnderTheSha256ItAnswers() throws Exception {
        World world = data.world();
        byte[] photo = TestImages.withPhoneMetadata(TestImages.jpeg(640, 480), 6);

        HttpResponse<String> answer = upload(world.poster(), photo, "photo.jpg", "image/jpeg", "秋祭りの山車");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.get("contentType").asString()).isEqualTo("image/jpeg");
        assertThat(body.get("width").asInt()).as("orientation applied").isEqualTo(480);
        assertThat(body.get("height").asInt()).isEqualTo(640);
        assertThat(body.get("altText").asString()).isEqualTo("秋祭りの山車");
        Media media = library.get(body.get("id").asLong());
        byte[] stored = stored(media, Media.Variant.ORIGINAL);
        assertThat(stored).hasSize(body.get("bytes").asInt());
        assertThat(MediaLibrary.sha256(new java.io.ByteArrayInputStream(stored)))
                .isEqualTo(body.get("sha256").asString());
        assertThat(TestImages.metadata(stored).getFirstDirectoryOfType(GpsDirectory.class)).isNull();
        assertThat(TestImages.metadata(stored(media, Media.Variant.PREVIEW)).getFirstDirectoryOfType(GpsDirectory.class))
                .isNull();
    }

    @Test
    void aFileThatIsNotAJpegOrPngIs415WhateverItsNameAndTypeClaim() throws Exception {
        World world = data.world();
        byte[] gif = "GIF89a\u0001\u0000\u0001\u0000".getBytes(StandardCharsets.ISO_8859_1);

        HttpResponse<String> answer = upload(world.poster(), gif, "photo.jpg", "image/jpeg", null);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(415);
        assertThat(JSON.readTree(answer.body()).get("code").asString()).isEqualTo("media.unsupportedType");
    }

    @Test
    void aFileOverTheUploadLimitIs413() throws Exception {
        World world = data.world();
        byte[] large = new byte[15 * 1024 * 1024 + 1];
        System.arraycopy(TestImages.jpeg(8, 8), 0, large, 0, 100);

        HttpResponse<String> answer = upload(world.poster(), large, "big.jpg", "image/jpeg", null);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(413);
        assertThat(JSON.readTree(answer.body()).get("code").asString()).isEqualTo("media.tooLarge");
    }

    @Test
    void aVideoIsToldByItsBytesAndKeptAsItCameUnderItsSha256WithAPlaceholderThumbnail() throws Exception {
        World world = data.world();
        byte[] mp4 = video("isom", 600_000);
        byte[] mov = video("qt  ", 1000);

        HttpResponse<String> answer = upload(world.poster(), mp4, "clip.jpg", "image/jpeg", "");
        HttpResponse<String> quickTime = upload(world.poster(), mov, "clip.bin", "application/octet-stream", null);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.get("contentType").asString()).as("the bytes, not the client's header").isEqualTo("video/mp4");
        Media media = library.get(body.get("id").asLong());
        assertThat(stored(media, Media.Variant.ORIGINAL)).as("not cleaned: the very bytes uploaded").isEqualTo(mp4);
        assertThat(media.sha256()).isEqualTo(MediaLibrary.sha256(new java.io.ByteArrayInputStream(mp4)));
        assertThat(JSON.readTree(quickTime.body()).get("contentType").asString()).isEqualTo("video/quicktime");
        HttpResponse<String> thumbnail = PageSession.login(port, world.poster(), TestData.PASSWORD)
                .get("/media/" + media.id() + "/thumbnail");
        assertThat(thumbnail.statusCode()).as("the placeholder").isEqualTo(200);
    }

    @Test
    void aPhoneVideoIsKeptWithoutWhereItWasShotAndItsHashIsThatOfTheBytesKept() throws Exception {
        World world = data.world();
        byte[] fromThePhone = VideoLocationsTest.phoneVideo();

        HttpResponse<String> answer = upload(world.poster(), fromThePhone, "IMG_0042.MOV", "video/quicktime", "");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        Media media = library.get(JSON.readTree(answer.body()).get("id").asLong());
        byte[] kept = stored(media, Media.Variant.ORIGINAL);
        assertThat(kept).hasSameSizeAs(fromThePhone);
        assertThat(new String(kept, StandardCharsets.ISO_8859_1)).doesNotContain("+35.0113").doesNotContain("GPS");
        assertThat(media.sha256()).isEqualTo(MediaLibrary.sha256(new java.io.ByteArrayInputStream(kept)));
    }

    @Test
    void aTruncatedJpegIsABadRequestNotAServerError() throws Exception {
        World world = data.world();
        byte[] whole = TestImages.jpeg(64, 64);

        HttpResponse<String> answer = upload(world.poster(), java.util.Arrays.copyOf(whole, 40), "cut.jpg",
                "image/jpeg", null);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
    }

    @Test
    void onlyThoseWhoWritePostsBringImages() throws Exception {
        World world = data.world();

        assertThat(upload(world.approver(), TestImages.jpeg(16, 16), "a.jpg", "image/jpeg", null).statusCode())
                .isEqualTo(403);
        assertThat(upload(world.auditor(), TestImages.jpeg(16, 16), "a.jpg", "image/jpeg", null).statusCode())
                .isEqualTo(403);
        assertThat(upload(world.pr(), TestImages.jpeg(16, 16), "a.jpg", "image/jpeg", null).statusCode())
                .isEqualTo(201);
    }

    @Test
    void theSignedInPagesGetTheThumbnailAsAJpeg() throws Exception {
        World world = data.world();
        long id = uploaded(world.poster(), TestImages.png(300, 200));

        HttpResponse<String> thumbnail = PageSession.login(port, world.poster(), TestData.PASSWORD)
                .get("/media/" + id + "/thumbnail");
        HttpResponse<String> anonymous = PageSession.anonymous(port).get("/media/" + id + "/thumbnail");

        assertThat(thumbnail.statusCode()).isEqualTo(200);
        assertThat(thumbnail.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(anonymous.statusCode()).as("sent to sign in").isIn(302, 401);
    }

    @Test
    void aThumbnailShowsToItsUploaderAndThenToThoseWhoMayReadAPostCarryingItOthersFindNothing() throws Exception {
        World world = data.world();
        long id = uploaded(world.poster(), TestImages.jpeg(64, 48));
        String path = "/media/" + id + "/thumbnail";

        assertThat(status(world.poster(), path)).as("the uploader").isEqualTo(200);
        assertThat(status(world.approver(), path)).as("in no post yet").isEqualTo(404);

        Api poster = api(world.poster());
        var created = poster.post("/api/posts", Api.json(Map.of("text", "秋祭りの写真です。", "category", "EVENT",
                "accountIds", List.of(world.lineA().id()), "media", List.of(Map.of("id", id, "altText", "山車")))));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(poster.post("/api/posts/" + created.json().get("id").asString() + "/submit", null).status())
                .isEqualTo(200);

        assertThat(status(world.approver(), path)).as("the approver of the post's department").isEqualTo(200);
        assertThat(status(world.auditor(), path)).as("reads every post").isEqualTo(200);
        assertThat(status(world.approverB(), path)).as("another department's post").isEqualTo(404);
        assertThat(status(world.poster(), "/media/99999999/thumbnail")).as("no such image").isEqualTo(404);
    }

    private int status(String username, String path) throws Exception {
        return PageSession.login(port, username, TestData.PASSWORD).get(path).statusCode();
    }

    @Test
    void aSignedLinkServesTheApprovedBytesWithTheirTypeAndLength() throws Exception {
        World world = data.world();
        long id = uploaded(world.poster(), TestImages.jpeg(320, 240));
        approvedPostWith(world, id);
        Media media = library.get(id);

        HttpResponse<byte[]> original = fetch(links.link(media, Media.Variant.ORIGINAL));
        HttpResponse<byte[]> preview = fetch(links.link(media, Media.Variant.PREVIEW));

        assertThat(original.statusCode()).isEqualTo(200);
        assertThat(original.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(original.headers().firstValueAsLong("Content-Length")).hasValue(media.bytes());
        assertThat(MediaLibrary.sha256(new java.io.ByteArrayInputStream(original.body()))).isEqualTo(media.sha256());
        assertThat(preview.statusCode()).isEqualTo(200);
        assertThat(preview.body()).hasSize((int) media.previewBytes());
    }

    @Test
    void aForgedAlteredOrExpiredLinkOrOneToAnUnapprovedImageFindsNothing() throws Exception {
        World world = data.world();
        long approvedId = uploaded(world.poster(), TestImages.jpeg(32, 32));
        approvedPostWith(world, approvedId);
        long draftOnly = uploaded(world.poster(), TestImages.jpeg(33, 33));
        URI good = links.link(library.get(approvedId), Media.Variant.ORIGINAL);
        String token = good.getPath().substring("/media/public/".length());

        assertThat(fetch(URI.create("http://x/media/public/" + draftOnly + token.substring(token.indexOf('-'))))
                .statusCode()).as("another id under the same signature").isEqualTo(404);
        assertThat(fetch(URI.create("http://x/media/public/" + approvedId + "-o-99999999999.AAAA")).statusCode())
                .as("forged").isEqualTo(404);
        assertThat(fetch(URI.create("http://x/media/public/not-a-token")).statusCode()).isEqualTo(404);
        assertThat(fetch(links.link(library.get(draftOnly), Media.Variant.ORIGINAL)).statusCode())
                .as("signed, but no approved post carries it").isEqualTo(404);

        java.time.Instant now = clock.instant();
        clock.set(now.plus(Duration.ofDays(31)));
        try {
            assertThat(fetch(good).statusCode()).as("expired").isEqualTo(404);
        } finally {
            clock.set(now);
        }
    }

    @Test
    void changingAnImagesAltTextOrOrderAfterApprovalVoidsTheApproval() throws Exception {
        World world = data.world();
        long first = uploaded(world.poster(), TestImages.jpeg(40, 30));
        long second = uploaded(world.poster(), TestImages.jpeg(30, 40));
        Api poster = api(world.poster());
        String id = approvedPostWith(world, first, second);
        JsonNode approved = poster.get("/api/posts/" + id).json();
        assertThat(approved.get("approvalValid").asBoolean()).isTrue();
        assertThat(approved.get("media").get(0).get("sha256").asString()).isEqualTo(library.get(first).sha256());

        JsonNode altChanged = poster.put("/api/posts/" + id, edit(world, List.of(
                Map.of("id", first, "altText", "山車の写真（説明を直した）"), Map.of("id", second, "altText", "境内")))).json();
        assertThat(altChanged.get("approvalValid").asBoolean()).as(altChanged.toString()).isFalse();
        assertThat(altChanged.get("contentHash").asString()).isNotEqualTo(approved.get("contentHash").asString());

        String reordered = poster.put("/api/posts/" + id, edit(world, List.of(
                Map.of("id", second, "altText", "境内"), Map.of("id", first, "altText", "山車の写真（説明を直した）"))))
                .json().get("contentHash").asString();
        assertThat(reordered).isNotEqualTo(altChanged.get("contentHash").asString());
    }

    @Test
    void aPostCarriesOnlyImagesItsAuthorMaySeeAnotherDepartmentsImageIdIsNoImage() throws Exception {
        World world = data.world();
        World other = data.world();
        long id = uploaded(world.poster(), TestImages.jpeg(64, 48));

        var refused = api(other.poster()).post("/api/posts", Api.json(Map.of("text", "よその写真です。",
                "category", "EVENT", "accountIds", List.of(other.lineA().id()),
                "media", List.of(Map.of("id", id, "altText", "山車")))));

        assertThat(refused.status()).as(refused.toString()).isEqualTo(404);
        assertThat(refused.json().get("code").asString()).isEqualTo("media.notFound");
        assertThat(status(other.poster(), "/media/" + id + "/thumbnail")).isEqualTo(404);
    }

    private String edit(World world, List<Map<String, Object>> media) {
        return Api.json(Map.of("text", "秋祭りの写真です。", "category", "EVENT", "media", media));
    }

    /** A post by the world's poster carrying these images (alt text given), approved by the department head. */
    private String approvedPostWith(World world, long... mediaIds) {
        Api poster = api(world.poster());
        List<Map<String, Object>> media = java.util.Arrays.stream(mediaIds)
                .mapToObj(m -> Map.<String, Object>of("id", m, "altText", "山車の写真"))
                .toList();
        var created = poster.post("/api/posts", Api.json(Map.of("text", "秋祭りの写真です。", "category", "EVENT",
                "accountIds", List.of(world.lineA().id()), "media", media)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("id").asString();
        assertThat(poster.post("/api/posts/" + id + "/submit", null).status()).isEqualTo(200);
        var approved = api(world.approver()).approve(id, Map.of("comment", "ok"));
        assertThat(approved.json().get("status").asString()).as(approved.toString()).isEqualTo("APPROVED");
        return id;
    }

    private long uploaded(String username, byte[] image) throws Exception {
        HttpResponse<String> answer = upload(username, image, "x", "application/octet-stream", null);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        return JSON.readTree(answer.body()).get("id").asLong();
    }

    private byte[] stored(Media media, Media.Variant variant) throws IOException {
        try (InputStream in = library.open(media, variant)) {
            return in.readAllBytes();
        }
    }

    private HttpResponse<byte[]> fetch(URI link) throws Exception {
        URI local = URI.create("http://localhost:" + port + link.getRawPath());
        return HTTP.send(HttpRequest.newBuilder(local).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** An ISO base media file's {@code ftyp} box with this major brand, then filler: what the media store sniffs. */
    private static byte[] video(String brand, int size) {
        byte[] bytes = new byte[size];
        byte[] head = ("\u0000\u0000\u0000\u0018ftyp" + brand + "\u0000\u0000\u0002\u0000isomiso2")
                .getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(head, 0, bytes, 0, head.length);
        for (int i = head.length; i < size; i++) {
            bytes[i] = (byte) (i * 31);
        }
        return bytes;
    }

    private HttpResponse<String> upload(String username, byte[] file, String fileName, String type, String altText)
            throws Exception {
        String boundary = "----koho-media-" + TestData.unique();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(file);
        if (altText != null) {
            body.writeBytes(("\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"altText\"\r\n"
                    + "Content-Type: text/plain; charset=UTF-8\r\n\r\n" + altText).getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        String basic = Base64.getEncoder()
                .encodeToString((username + ":" + TestData.PASSWORD).getBytes(StandardCharsets.UTF_8));
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/media"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
