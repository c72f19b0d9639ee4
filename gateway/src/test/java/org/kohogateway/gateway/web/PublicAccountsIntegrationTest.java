package org.kohogateway.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kohogateway.connectors.Platform;
import org.kohogateway.gateway.account.AccountClosings;
import org.kohogateway.gateway.account.AccountWorkflow;
import org.kohogateway.gateway.account.OfficialAccount;
import org.kohogateway.gateway.account.PolicyDraft;
import org.kohogateway.gateway.account.ReplyPolicy;
import org.kohogateway.gateway.testing.Api;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.TestData.World;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

/** The public list of official accounts (guideline §5 市ホームページに掲載): open to all, and only what is public. */
class PublicAccountsIntegrationTest extends IntegrationTest {

    @Autowired
    AccountWorkflow accounts;

    @Autowired
    AccountClosings closings;

    private OfficialAccount drafted(World world, String name) {
        return accounts.draft(world.poster(), Platform.FACEBOOK, world.departmentA().id(), new PolicyDraft(name,
                "https://www.facebook.com/" + name.hashCode(), "下書きの目的", world.approver(),
                List.of(world.poster(), world.both()), true, ReplyPolicy.NO_REPLIES, "", "", ""));
    }

    private OfficialAccount closed(World world, String name) {
        OfficialAccount account = drafted(world, name);
        accounts.submit(world.poster(), account.id());
        accounts.approveAsDepartment(world.approver(), account.id(), null);
        accounts.approveAsPr(world.pr(), account.id(), null);
        accounts.requestClosing(world.poster(), account.id(), "廃止理由",
                LocalDate.ofInstant(clock.instant(), AccountWorkflow.CITY_TIME));
        accounts.approveAsDepartment(world.approver(), account.id(), null);
        accounts.approveAsPr(world.pr(), account.id(), null);
        closings.closeDue();
        return account;
    }

    @Test
    void jsonListsAccountsInServiceWithTheirPublicFieldsOnly() {
        World world = data.world();
        String draftName = "下書きアカウント " + world.poster();
        String closedName = "廃止アカウント " + world.poster();
        drafted(world, draftName);
        closed(world, closedName);

        var response = anonymous().get("/official-accounts.json");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        JsonNode list = response.json();
        assertThat(Api.each(list, "name"))
                .contains(world.lineA().name(), world.lineB().name(), world.lineAFree().name())
                .doesNotContain(draftName, closedName);
        JsonNode lineA = find(list, world.lineA().name());
        assertThat(lineA.get("platform").asString()).isEqualTo("LINE");
        assertThat(lineA.get("url").asString()).isEqualTo(world.lineA().url());
        assertThat(lineA.get("purpose").asString()).isEqualTo(world.lineA().purpose());
        assertThat(lineA.get("department").asString()).isEqualTo(world.departmentA().name());
        assertThat(lineA.get("replyPolicy").asString()).contains("返信は行いません");
        assertThat(find(list, world.lineAFree().name()).get("replyPolicy").asString()).contains("必要に応じて返信します");
        List<String> fields = new ArrayList<>();
        lineA.propertyNames().forEach(fields::add);
        assertThat(fields).containsExactlyInAnyOrder("name", "platform", "url", "purpose", "department", "replyPolicy");
    }

    /**
     * A Bluesky, Threads or YouTube account goes through the same workflow, at its bsky.app, threads.net or
     * youtube.com address, and is listed like any other.
     */
    @ParameterizedTest
    @CsvSource({ "BLUESKY, Bluesky, https://bsky.app/profile/gotsu-HANDLE.bsky.social",
            "THREADS, Threads, https://www.threads.net/@gotsu_HANDLE",
            "YOUTUBE, YouTube, https://www.youtube.com/@gotsu_HANDLE" })
    void listsTheCitysAccountAtItsAddressOnTheNewerPlatforms(Platform platform, String shown, String address) {
        World world = data.world();
        String name = "江津市 " + shown + " " + world.poster();
        String url = address.replace("HANDLE", Integer.toHexString(name.hashCode()));
        OfficialAccount account = accounts.draft(world.poster(), platform, world.departmentA().id(),
                new PolicyDraft(name, url, "市政情報の発信", world.approver(), List.of(world.poster(), world.both()), true,
                        ReplyPolicy.NO_REPLIES, "", "", ""));
        accounts.submit(world.poster(), account.id());
        accounts.approveAsDepartment(world.approver(), account.id(), null);
        accounts.approveAsPr(world.pr(), account.id(), null);

        JsonNode listed = find(anonymous().get("/official-accounts.json").json(), name);
        String page = anonymous().get("/official-accounts").body();

        assertThat(listed.get("platform").asString()).isEqualTo(platform.name());
        assertThat(listed.get("url").asString()).isEqualTo(url);
        assertThat(page).contains(name, shown);
    }

    @Test
    void jsonLeaksNoCredentialsNoStaffAndNoDrafts() {
        World world = data.world();
        drafted(world, "下書き " + world.poster());

        String body = anonymous().get("/official-accounts.json").body();

        assertThat(body).doesNotContain("test-token").doesNotContain("credentials").doesNotContain("channelAccessToken")
                .doesNotContain(world.poster()).doesNotContain(world.approver()).doesNotContain(world.both())
                .doesNotContain("DRAFT").doesNotContain("下書きの目的");
    }

    @Test
    void jsonMayBeReadFromTheCityHomepageButTheAdminApiMayNot() throws Exception {
        HttpResponse<String> json = get("/official-accounts.json", Map.of("Origin", "https://www.city.gotsu.lg.jp"));
        assertThat(json.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");

        HttpResponse<String> page = get("/official-accounts", Map.of());
        assertThat(page.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        HttpResponse<String> api = get("/api/accounts", Map.of("Origin", "https://www.city.gotsu.lg.jp"));
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void pageIsPublicJapaneseMobileReadyAndFreeOfInlineScriptOrStyle() throws Exception {
        World world = data.world();
        String draftName = "下書きページ " + world.poster();
        drafted(world, draftName);

        HttpResponse<String> page = get("/official-accounts", Map.of());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("lang=\"ja\"").contains("公式ソーシャルメディアアカウント一覧")
                .contains("name=\"viewport\"").contains("/css/app.css")
                .contains(world.lineA().name()).contains(world.departmentA().name()).contains("返信は行いません")
                .doesNotContain(draftName).doesNotContain(world.poster()).doesNotContain("<script")
                .doesNotContain("style=").doesNotContain("<style");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("script-src 'self'");
    }

    @Test
    void pageSpeaksEnglishWhenAsked() throws Exception {
        HttpResponse<String> page = get("/official-accounts?lang=en", Map.of());

        assertThat(page.body()).contains("Gotsu City official social media accounts");
    }

    private HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        headers.forEach(request::header);
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode find(JsonNode list, String name) {
        for (JsonNode a : list) {
            if (a.get("name").asString().equals(name)) {
                return a;
            }
        }
        throw new AssertionError("not listed: " + name);
    }
}
