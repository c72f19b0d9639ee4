package org.kohogateway.gateway.audit;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the sealer links committed audit entries into the hash chain ({@link AuditSealer}).
 *
 * @param every       pause between rounds when there was nothing to seal (default 250ms); an entry is sealed within
 *                    about a round after its transaction commits, unless a transaction that took an earlier seq is
 *                    still open
 * @param batch       entries sealed per transaction of the sealer (default 2000); a round seals until none is left
 * @param settleCheck how soon a waiting checkpoint is looked at again (default 25ms): the transactions it waits for
 *                    are mostly a few milliseconds long
 */
@Validated
@ConfigurationProperties("gateway.audit.seal")
record SealProperties(
        @DefaultValue("250ms") @NotNull Duration every,
        @DefaultValue("2000") @Min(1) @Max(100_000) int batch,
        @DefaultValue("25ms") @NotNull Duration settleCheck) {
}
