package org.kohogateway.gateway.records;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.kohogateway.gateway.audit.AuditEntry;
import org.kohogateway.gateway.policy.Finding;
import org.kohogateway.gateway.policy.PolicyRules;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Lists the personal data the rules find in what people wrote into a record (guideline §8-⑤: My Number, phone numbers,
 * e-mail and postal addresses; the city's own public contacts are not listed), so that staff can redact it before a
 * disclosure. Only text people wrote is read — the post, its alt texts, the comments and reasons of its audit entries
 * — not hashes and ids, whose digits would read as phone numbers.
 */
@Component
class PersonalData {

    /** The free-text fields of an audit entry's detail. */
    private static final Set<String> WRITTEN = Set.of("comment", "reason", "note", "summary", "hold", "heldFor");

    /**
     * One finding.
     *
     * @param field where it is: {@code text}, {@code media[1].altText}, {@code audit[seq 42].comment}, …
     * @param start UTF-16 offset of the span in that field, inclusive
     * @param end   exclusive
     */
    record Datum(String field, String rule, String section, String value, int start, int end) {
    }

    private final PolicyRules rules;
    private final JsonMapper json;

    PersonalData(PolicyRules rules, JsonMapper json) {
        this.rules = rules;
        this.json = json;
    }

    List<Datum> in(RecordView record) {
        List<Datum> found = new ArrayList<>();
        scan("text", record.text(), found);
        record.media().forEach(m -> scan("media[" + m.position() + "].altText", m.altText(), found));
        if (record.hold() instanceof PostRecord.Hold hold) {
            scan("hold.reason", hold.reason(), found);
        }
        for (AuditEntry entry : record.audit()) {
            JsonNode detail = json.readTree(entry.detail());
            for (String field : WRITTEN) {
                JsonNode value = detail.get(field);
                if (value != null && value.isString()) {
                    scan("audit[seq " + entry.seq() + "]." + field, value.asString(), found);
                }
            }
        }
        return found;
    }

    private void scan(String field, String text, List<Datum> found) {
        for (Finding f : rules.personalData(text)) {
            found.add(new Datum(field, f.rule().name(), f.rule().section(),
                    f.arguments().isEmpty() ? text.substring(f.start(), f.end()) : f.arguments().getFirst(),
                    f.start(), f.end()));
        }
    }
}
