package org.kohogateway.gateway.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.kohogateway.gateway.testing.PageSession.formError;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.PageSession;
import org.kohogateway.gateway.testing.TestData;
import org.kohogateway.gateway.testing.TestData.World;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Imports at once are bounded per person (2) and per instance (8): one more is a 429 problem on the API and a form
 * error on the page, and a slot comes back when its import's job ends. Slots stand for imports being checked or run.
 */
class ImportSlotsIntegrationTest extends IntegrationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    ImportSlots slots;

    private final List<ImportSlots.Slot> taken = new ArrayList<>();

    @AfterEach
    void giveBackTheSlotsThisTestTook() {
        taken.forEach(ImportSlots.Slot::giveBack);
    }

    @Test
    void aPersonWithTwoImportsRunningGets429OnTheApiAndAFormErrorOnThePage() {
        World world = data.world();
        taken.add(slots.take(world.poster()));
        taken.add(slots.take(world.poster()));

        HttpResponse<String> third = upload(world.poster(), csv(world));
        assertThat(third.statusCode()).as(third.body()).isEqualTo(429);
        assertThat(third.headers().firstValue("Content-Type").orElse("")).contains("problem+json");
        assertThat(JSON.readTree(third.body()).get("code").asString()).isEqualTo("import.tooManyOfYours");
        HttpResponse<String> page = PageSession.login(port, world.poster(), TestData.PASSWORD).upload("/imports",
                "/imports", Map.of("mode", "VALID_ROWS"), "x.csv", csv(world));
        assertThat(page.statusCode()).isEqualTo(429);
        assertThat(formError(page.body(), "import")).contains("同時に 2 件まで");
        assertThat(upload(world.pr(), csv(world)).statusCode()).as("someone else still imports").isEqualTo(202);

        taken.removeFirst().giveBack();
        assertThat(upload(world.poster(), csv(world)).statusCode()).isEqualTo(202);
    }

    @Test
    void theInstanceTakesEightImportsAtOnceFromEveryoneTogether() {
        World world = data.world();
        for (int i = 0; i < 8; i++) {
            taken.add(slots.take("someone-" + i + "-" + TestData.unique()));
        }

        HttpResponse<String> ninth = upload(world.poster(), csv(world));

        assertThat(ninth.statusCode()).isEqualTo(429);
        assertThat(JSON.readTree(ninth.body()).get("code").asString()).isEqualTo("import.tooManyAtOnce");
    }

    @Test
    void aSlotComesBackWhenTheImportsJobEnds() {
        World world = data.world();
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> accepted = upload(world.poster(), csv(world));
            assertThat(accepted.statusCode()).as("import " + (i + 1)).isEqualTo(202);
            awaitFinished(world.poster(), JSON.readTree(accepted.body()).get("id").asLong());
        }
    }

    private static byte[] csv(World world) {
        return (ImportIntegrationTest.HEADER + "図書館は年末年始に休館します。,,NOTICE," + world.lineA().id()
                + ",,false\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private void awaitFinished(String username, long id) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> List
                .of("COMPLETED", "REJECTED", "FAILED")
                .contains(api(username).get("/api/imports/" + id).json().get("status").asString()));
    }

    private HttpResponse<String> upload(String username, byte[] file) {
        String boundary = "----koho" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; "
                + "filename=\"posts.csv\"\r\nContent-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(file);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/api/imports?mode=VALID_ROWS"))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((username + ":" + TestData.PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Accept", "application/json, application/problem+json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
