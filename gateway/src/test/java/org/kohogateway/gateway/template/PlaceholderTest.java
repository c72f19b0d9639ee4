package org.kohogateway.gateway.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.support.InvalidRequestException;

import tools.jackson.databind.json.JsonMapper;

class PlaceholderTest {

    @Test
    void aTimePlaceholderReadsFromJsonWithoutALengthOrChoices() {
        Placeholder time = JsonMapper.builder().build().readValue("{\"name\":\"時刻\",\"type\":\"TIME\"}",
                Placeholder.class);

        assertThat(time.fill("9:05")).isEqualTo("09時05分");
        assertThat(time.fill("14時05分")).isEqualTo("14時05分");
    }

    @Test
    void aValueIsCheckedByItsType() {
        Placeholder area = new Placeholder("地区", PlaceholderType.AREA, List.of("江津地区"), null);
        Placeholder text = new Placeholder("避難所", PlaceholderType.TEXT, null, 5);

        assertThatThrownBy(() -> area.fill("桜江地区")).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> text.fill("123456")).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> text.fill("  ")).isInstanceOf(InvalidRequestException.class);
        assertThat(text.fill(" 公民館 ")).isEqualTo("公民館");
    }

    @Test
    void aTextPlaceholderNeedsALimitAndAnAreaItsChoices() {
        assertThatThrownBy(() -> new Placeholder("避難所", PlaceholderType.TEXT, null, null))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> new Placeholder("地区", PlaceholderType.AREA, List.of(), null))
                .isInstanceOf(InvalidRequestException.class);
    }
}
