package org.kohogateway.gateway.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.testing.Api;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.TestData.World;

import tools.jackson.databind.JsonNode;

class IncidentsIntegrationTest extends IntegrationTest {

    @Test
    void anImpersonationIsWorkedThroughTheGuidelinesStepsBeforeItCloses() {
        World world = data.world();
        Api pr = api(world.pr());

        var reported = pr.post("/api/incidents", Api.json(Map.of("kind", "IMPERSONATION",
                "summary", "「江津市公式」を名乗る偽アカウントを確認")));
        assertThat(reported.status()).as(reported.toString()).isEqualTo(201);
        long id = reported.json().get("id").asLong();
        assertThat(steps(reported.json())).containsExactly("REPORT_TO_PLATFORM", "WARN_ON_HOMEPAGE");

        pr.post("/api/incidents/" + id + "/steps/REPORT_TO_PLATFORM", Api.json(Map.of("note", "X社に削除依頼を送付")));
        var early = pr.post("/api/incidents/" + id + "/close", null);
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.json().get("detail").asString()).contains("WARN_ON_HOMEPAGE");

        assertThat(pr.post("/api/incidents/" + id + "/steps/POST_CORRECT_INFORMATION", Api.json(Map.of("note", "x")))
                .status()).as("not a step of impersonation").isEqualTo(400);
        pr.post("/api/incidents/" + id + "/steps/WARN_ON_HOMEPAGE", Api.json(Map.of("note", "市HPに注意喚起を掲載")));
        var closed = pr.post("/api/incidents/" + id + "/close", null);

        assertThat(closed.json().get("status").asString()).isEqualTo("CLOSED");
        assertThat(api(world.auditor()).get("/api/audit?subjectType=INCIDENT&subjectId=" + id).body())
                .contains("INCIDENT_REPORTED").contains("INCIDENT_STEP_DONE").contains("INCIDENT_CLOSED");
    }

    @Test
    void flameWarsAndHoaxesCarryTheirOwnSteps() {
        World world = data.world();

        var flame = api(world.admin()).post("/api/incidents", Api.json(Map.of("kind", "FLAME_WAR",
                "accountId", world.lineA().id(), "summary", "投稿への批判が急増")));
        var hoax = api(world.approver()).post("/api/incidents", Api.json(Map.of("kind", "HOAX",
                "summary", "断水というデマの返信")));

        assertThat(steps(flame.json())).containsExactly("RESPOND_CALMLY", "CORRECT_AND_APOLOGISE", "EXPLAIN_IF_DELAYED");
        assertThat(steps(hoax.json())).containsExactly("POST_CORRECT_INFORMATION", "LINK_HOMEPAGE");
        assertThat(api(world.poster()).post("/api/incidents", Api.json(Map.of("kind", "HOAX", "summary", "x")))
                .status()).isEqualTo(403);
        assertThat(api(world.admin()).post("/api/incidents", Api.json(Map.of("kind", "RUMOUR", "summary", "x")))
                .status()).isEqualTo(400);
    }

    private static List<String> steps(JsonNode incident) {
        return Api.each(incident.get("steps"), "step");
    }
}
