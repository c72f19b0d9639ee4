package org.kohogateway.gateway.weather;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parser on JMA's own samples (src/test/resources/jma, see its README for source and licence). */
class JmaXmlTest {

    static byte[] sample(String name) {
        try (InputStream in = JmaXmlTest.class.getResourceAsStream("/jma/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void readsTheEntriesOfJmasAtomFeed() throws Exception {
        List<JmaXml.Entry> entries = JmaXml.feed(sample("weather-sample.xml"));

        assertThat(entries).containsExactly(
                new JmaXml.Entry("urn:uuid:afeedc52-107a-3d1d-9196-b108234d6e0f", "気象警報・注意報", "福島地方気象台",
                        "http://xml.kishou.go.jp/data/afeedc52-107a-3d1d-9196-b108234d6e0f.xml"),
                new JmaXml.Entry("urn:uuid:2b441518-4e79-342c-a271-7c25597f3a69", "気象特別警報・警報・注意報", "福島地方気象台",
                        "http://xml.kishou.go.jp/data/2b441518-4e79-342c-a271-7c25597f3a69.xml"));
        assertThat(JmaXml.feed(sample("weather-sample2.xml"))).extracting(JmaXml.Entry::title)
                .containsExactly("震度速報");
    }

    @Test
    void readsEachMunicipalitysKindsAndStatusesFromAWarningsReport() throws Exception {
        JmaXml.WarningReport report = JmaXml.warnings(sample("afeedc52-107a-3d1d-9196-b108234d6e0f.xml"));

        assertThat(report.normal()).isTrue();
        assertThat(report.title()).isEqualTo("気象警報・注意報");
        assertThat(report.reportedAt()).isEqualTo(Instant.parse("2016-03-10T09:22:00Z"));
        assertThat(report.eventId()).isEqualTo("20160318182200_984");
        assertThat(report.infoType()).isEqualTo("発表");
        // ten municipalities had two advisories lifted; the others had nothing in force and name no kind
        assertThat(report.kinds()).hasSize(20).allMatch(k -> k.status().equals("解除"));
        assertThat(report.kinds()).contains(new JmaXml.KindStatus("0720400", "いわき市", "15", "強風注意報", "解除"),
                new JmaXml.KindStatus("0756100", "新地町", "16", "波浪注意報", "解除"));
        assertThat(report.kinds()).extracting(JmaXml.KindStatus::areaCode).doesNotContain("0720100", "070000");
    }

    @Test
    void readsGotsuCitysWarningAmongOtherMunicipalities() throws Exception {
        JmaXml.WarningReport report = JmaXml.warnings(sample("gotsu-heavy-rain-warning.xml"));

        assertThat(report.kinds()).filteredOn(k -> k.areaCode().equals("3220700")).containsExactly(
                new JmaXml.KindStatus("3220700", "江津市", "03", "大雨警報", "発表"),
                new JmaXml.KindStatus("3220700", "江津市", "18", "洪水注意報", "発表"),
                new JmaXml.KindStatus("3220700", "江津市", "14", "雷注意報", "継続"));
        assertThat(report.reportedAt()).isEqualTo(Instant.parse("2026-07-01T01:30:00Z"));
    }

    @Test
    void readsTheLiftOfGotsuCitysWarningAsALift() throws Exception {
        JmaXml.WarningReport report = JmaXml.warnings(sample("gotsu-heavy-rain-lifted.xml"));

        assertThat(report.kinds()).filteredOn(k -> k.areaCode().equals("3220700")).containsExactly(
                new JmaXml.KindStatus("3220700", "江津市", "03", "大雨警報", "解除"),
                new JmaXml.KindStatus("3220700", "江津市", "18", "洪水注意報", "継続"),
                new JmaXml.KindStatus("3220700", "江津市", "14", "雷注意報", "継続"));
        assertThat(WarningChange.of("解除")).contains(WarningChange.LIFTED);
        assertThat(report.reportedAt()).isEqualTo(Instant.parse("2026-07-01T07:00:00Z"));
    }

    @Test
    void aDrillReportIsReadButNotNormal() throws Exception {
        String drill = new String(sample("gotsu-heavy-rain-warning.xml"), StandardCharsets.UTF_8)
                .replace("<Status>通常</Status>", "<Status>訓練</Status>");

        assertThat(JmaXml.warnings(drill.getBytes(StandardCharsets.UTF_8)).normal()).isFalse();
    }

    @Test
    void aReportCutOffIsMalformed() {
        assertThatThrownBy(() -> JmaXml.warnings(sample("malformed-report.xml")))
                .isInstanceOf(JmaXml.MalformedException.class).hasMessageContaining("not well-formed");
    }

    @Test
    void aFeedIsNotAWarningsReportNorAReportAFeed() {
        assertThatThrownBy(() -> JmaXml.warnings(sample("weather-sample.xml")))
                .isInstanceOf(JmaXml.MalformedException.class).hasMessageContaining("not a JMA report");
        assertThatThrownBy(() -> JmaXml.feed(sample("gotsu-heavy-rain-warning.xml")))
                .isInstanceOf(JmaXml.MalformedException.class).hasMessageContaining("not an Atom feed");
    }

    @Test
    void aReportOfAnotherKindIsNotReadAsWarnings() {
        String other = new String(sample("gotsu-heavy-rain-warning.xml"), StandardCharsets.UTF_8)
                .replace("<InfoKind>気象警報・注意報</InfoKind>", "<InfoKind>震度速報</InfoKind>");

        assertThatThrownBy(() -> JmaXml.warnings(other.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(JmaXml.MalformedException.class).hasMessageContaining("InfoKind 震度速報");
    }

    @Test
    void neverReadsAnExternalEntity(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "password=hunter2");
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE feed [<!ENTITY x SYSTEM "%s">]>
                <feed xmlns="http://www.w3.org/2005/Atom"><entry><id>&x;</id><title>t</title>
                <link href="https://example.jp/a.xml"/></entry></feed>""".formatted(secret.toUri());

        assertThatThrownBy(() -> JmaXml.feed(xxe.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(JmaXml.MalformedException.class).hasMessageNotContaining("hunter2");
    }
}
