package org.kohogateway.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Cells people wrote must not run as formulas when an auditor opens the export in Excel. */
class CsvExportTest {

    @ParameterizedTest
    @ValueSource(strings = { "=HYPERLINK(\"https://evil.example\",\"確認\")", "+81-855-52-2501", "-2+3", "@SUM(A1)",
            "\t=1", "\r=1" })
    void prefixesCellsExcelWouldReadAsFormulas(String text) {
        assertThat(CsvExport.inert(text)).isEqualTo("'" + text);
    }

    @Test
    void leavesOrdinaryCellsAsTheyAre() {
        assertThat(CsvExport.inert("江津市の秋祭り = 11月30日")).isEqualTo("江津市の秋祭り = 11月30日");
        assertThat(CsvExport.inert("")).isEqualTo("");
        assertThat(CsvExport.inert(3)).isEqualTo(3);
        assertThat(CsvExport.inert(null)).isNull();
    }
}
