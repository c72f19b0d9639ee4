package org.kohogateway.gateway.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.OptionalLong;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TotpTest {

    private static final byte[] SHA1_SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SHA256_SEED = "12345678901234567890123456789012".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SHA512_SEED = ("1234567890123456789012345678901234567890123456789012345678901234")
            .getBytes(StandardCharsets.US_ASCII);

    /** RFC 6238 Appendix B: every time and mode of the table. */
    @ParameterizedTest
    @CsvSource({
            "59, 94287082, 46119246, 90693936",
            "1111111109, 07081804, 68084774, 25091201",
            "1111111111, 14050471, 67062674, 99943326",
            "1234567890, 89005924, 91819424, 93441116",
            "2000000000, 69279037, 90698825, 38618901",
            "20000000000, 65353130, 77737706, 47863826"})
    void matchesTheRfc6238TestVectors(long seconds, String sha1, String sha256, String sha512) {
        long step = Totp.step(Instant.ofEpochSecond(seconds));
        assertThat(Totp.code("HmacSHA1", SHA1_SEED, step, 8)).isEqualTo(sha1);
        assertThat(Totp.code("HmacSHA256", SHA256_SEED, step, 8)).isEqualTo(sha256);
        assertThat(Totp.code("HmacSHA512", SHA512_SEED, step, 8)).isEqualTo(sha512);
        // the six digits an authenticator app shows are the same number modulo 10^6
        assertThat(Totp.code(SHA1_SEED, Instant.ofEpochSecond(seconds))).isEqualTo(sha1.substring(2));
    }

    /** RFC 4226 Appendix D: HOTP, which TOTP runs on the time step. */
    @Test
    void matchesTheRfc4226HotpValues() {
        String[] expected = {"755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871",
                "520489"};
        for (int counter = 0; counter < expected.length; counter++) {
            assertThat(Totp.code(SHA1_SEED, counter)).as("counter " + counter).isEqualTo(expected[counter]);
        }
    }

    @Test
    void acceptsACodeOfTheStepBeforeOrAfterButNotFurther() {
        Instant now = Instant.ofEpochSecond(1_111_111_111L);
        long step = Totp.step(now);
        assertThat(Totp.matchingStep(SHA1_SEED, Totp.code(SHA1_SEED, step), now, null)).hasValue(step);
        assertThat(Totp.matchingStep(SHA1_SEED, Totp.code(SHA1_SEED, step - 1), now, null)).hasValue(step - 1);
        assertThat(Totp.matchingStep(SHA1_SEED, Totp.code(SHA1_SEED, step + 1), now, null)).hasValue(step + 1);
        assertThat(Totp.matchingStep(SHA1_SEED, Totp.code(SHA1_SEED, step - 2), now, null)).isEmpty();
        assertThat(Totp.matchingStep(SHA1_SEED, Totp.code(SHA1_SEED, step + 2), now, null)).isEmpty();
    }

    @Test
    void refusesACodeOfAStepAlreadyUsedOrEarlier() {
        Instant now = Instant.ofEpochSecond(1_234_567_890L);
        long step = Totp.step(now);
        String code = Totp.code(SHA1_SEED, step);
        assertThat(Totp.matchingStep(SHA1_SEED, code, now, step)).as("the same code again").isEmpty();
        assertThat(Totp.matchingStep(SHA1_SEED, Totp.code(SHA1_SEED, step - 1), now, step)).isEmpty();
        assertThat(Totp.matchingStep(SHA1_SEED, Totp.code(SHA1_SEED, step + 1), now, step)).hasValue(step + 1);
    }

    @Test
    void refusesWrongAndMalformedCodes() {
        Instant now = Instant.ofEpochSecond(59);
        String right = Totp.code(SHA1_SEED, now);
        String wrong = String.format("%06d", (Integer.parseInt(right) + 1) % 1_000_000);
        assertThat(Totp.matchingStep(SHA1_SEED, wrong, now, null)).isEmpty();
        for (String bad : new String[] {null, "", "12345", "1234567", "abcdef", "２８７０８２", "-28708"}) {
            assertThat(Totp.matchingStep(SHA1_SEED, bad, now, null)).as(String.valueOf(bad)).isEqualTo(OptionalLong.empty());
        }
        assertThat(Totp.matchingStep(SHA1_SEED, right.substring(0, 3) + " " + right.substring(3), now, null))
                .as("grouped as apps show it").isPresent();
    }

    @Test
    void encodesBase32AsRfc4648Says() {
        String[][] vectors = {{"", ""}, {"f", "MY"}, {"fo", "MZXQ"}, {"foo", "MZXW6"}, {"foob", "MZXW6YQ"},
                {"fooba", "MZXW6YTB"}, {"foobar", "MZXW6YTBOI"}};
        for (String[] v : vectors) {
            assertThat(Totp.base32(v[0].getBytes(StandardCharsets.US_ASCII))).isEqualTo(v[1]);
            assertThat(new String(Totp.fromBase32(v[1]), StandardCharsets.US_ASCII)).isEqualTo(v[0]);
        }
        assertThat(Totp.fromBase32("mzxw 6ytb oi==")).isEqualTo("foobar".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> Totp.fromBase32("MZ1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theKeyUriNamesIssuerAccountAndParameters() {
        assertThat(Totp.uri("Koho Gateway", "admin1", SHA1_SEED)).isEqualTo("otpauth://totp/Koho%20Gateway:admin1"
                + "?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Koho%20Gateway&algorithm=SHA1&digits=6&period=30");
    }
}
