package org.kohogateway.gateway.login;

import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Locale;
import java.util.OptionalLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/**
 * Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP) as authenticator apps compute them: HMAC-SHA-1,
 * 30-second steps counted from the Unix epoch, 6 digits; base32 secrets (RFC 4648) and {@code otpauth://} URIs for
 * enrolling an app. Written out rather than taken from a library: the algorithm is a few lines, the libraries on
 * Maven Central for it are unmaintained, and the tests check it against the RFC's own test vectors.
 */
public final class Totp {

    /** Seconds per time step. */
    public static final int PERIOD = 30;
    /** Digits of a code. */
    public static final int DIGITS = 6;
    /** Steps either side of the current one a code may come from (clock drift, a code typed as it changed). */
    static final int DRIFT = 1;

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private Totp() {
    }

    /** The time step an instant falls in. */
    public static long step(Instant instant) {
        return Math.floorDiv(instant.getEpochSecond(), PERIOD);
    }

    /** The 6-digit code of a step, as an authenticator app shows it. */
    public static String code(byte[] secret, long step) {
        return code("HmacSHA1", secret, step, DIGITS);
    }

    /** The code of the current step at that instant. */
    public static String code(byte[] secret, Instant instant) {
        return code(secret, step(instant));
    }

    /** RFC 6238's general form (the RFC's test vectors use 8 digits and SHA-256/512 too). */
    static String code(String algorithm, byte[] secret, long step, int digits) {
        byte[] hash;
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret, "RAW"));
            hash = mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(step).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is part of every JDK", e);
        }
        int offset = hash[hash.length - 1] & 0x0f;
        int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
        int modulus = 1;
        for (int i = 0; i < digits; i++) {
            modulus *= 10;
        }
        String value = Integer.toString(binary % modulus);
        return "0".repeat(digits - value.length()) + value;
    }

    /**
     * The step, within {@link #DRIFT} steps of {@code now}, whose code this is and which is later than
     * {@code lastUsedStep} (a code already accepted is never accepted again); empty if there is none. Input that is not
     * six digits simply matches nothing.
     */
    public static OptionalLong matchingStep(byte[] secret, @Nullable String presented, Instant now,
            @Nullable Long lastUsedStep) {
        if (presented == null) {
            return OptionalLong.empty();
        }
        String code = presented.replace(" ", "").strip();
        if (code.length() != DIGITS || !code.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalLong.empty();
        }
        long current = step(now);
        long found = Long.MIN_VALUE;
        for (long s = current - DRIFT; s <= current + DRIFT; s++) {
            // every candidate is computed and compared in constant time, so timing tells nothing about which matched
            boolean equal = MessageDigest.isEqual(code(secret, s).getBytes(StandardCharsets.US_ASCII),
                    code.getBytes(StandardCharsets.US_ASCII));
            if (equal && (lastUsedStep == null || s > lastUsedStep)) {
                found = s;
            }
        }
        return found == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(found);
    }

    /** RFC 4648 base32 without padding, as authenticator apps take a secret typed in by hand. */
    public static String base32(byte[] bytes) {
        StringBuilder out = new StringBuilder((bytes.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(ALPHABET.charAt((buffer >> (bits - 5)) & 0x1f));
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(ALPHABET.charAt((buffer << (5 - bits)) & 0x1f));
        }
        return out.toString();
    }

    /** Reads base32 in any case, ignoring spaces and padding. */
    public static byte[] fromBase32(String text) {
        String clean = text.replace(" ", "").replace("=", "").toUpperCase(Locale.ROOT);
        ByteBuffer out = ByteBuffer.allocate(clean.length() * 5 / 8);
        int buffer = 0;
        int bits = 0;
        for (char c : clean.toCharArray()) {
            int value = ALPHABET.indexOf(c);
            if (value < 0) {
                throw new IllegalArgumentException("not base32: " + c);
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8) {
                out.put((byte) (buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        return out.array();
    }

    /** The key URI authenticator apps read (Google Authenticator's format): issuer, account, secret, SHA1/6/30. */
    public static String uri(String issuer, String account, byte[] secret) {
        String label = encode(issuer) + ":" + encode(account);
        return "otpauth://totp/" + label + "?secret=" + base32(secret) + "&issuer=" + encode(issuer)
                + "&algorithm=SHA1&digits=" + DIGITS + "&period=" + PERIOD;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
