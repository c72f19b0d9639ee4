package org.kohogateway.gateway.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.PageSession;
import org.kohogateway.gateway.testing.TestData;
import org.kohogateway.gateway.testing.TestData.World;

import tools.jackson.databind.JsonNode;

/** Each account states what its platform takes (§6-③ and the platform limits): in the API and on its page. */
class AccountTakesIntegrationTest extends IntegrationTest {

    @Test
    void anXAccountSaysItTakesNoRepliesOrQuotesAndWhyButFourImages() {
        World world = data.world();
        JsonNode takes = api(world.admin()).get("/api/accounts/" + world.x().id() + "?lang=en").json().get("takes");

        assertThat(takes.get("replies").asBoolean()).isFalse();
        assertThat(takes.get("quotes").asBoolean()).isFalse();
        assertThat(takes.get("noReferencesBecause").asString()).contains("self-serve API tiers");
        assertThat(takes.get("maxImages").asInt()).isEqualTo(4);
        assertThat(takes.get("textLimit").asInt()).isEqualTo(280);
    }

    @Test
    void theAccountPageStatesItUnderItsOwnHeading() {
        World world = data.world();
        String page = PageSession.login(port, world.admin(), TestData.PASSWORD).page("/accounts/" + world.instagram().id());

        assertThat(page).contains("id=\"platform-takes-heading\"").contains("Instagram の投稿は単独のメディア")
                .contains("10 枚まで。1 枚以上必須です").contains("2,200 文字");
    }
}
