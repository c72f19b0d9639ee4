package org.kohogateway.gateway.media;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

/**
 * Signed, expiring addresses under {@code /media/public/} for the platforms that fetch images by address (Instagram,
 * LINE): the token names the image, the variant and the expiry, and carries an HMAC-SHA256 of them under
 * {@code gateway.media.signing-key}, so it cannot be guessed or altered. A token that is forged, altered or expired,
 * or names an image no approved or sent post carries, finds nothing.
 */
@Component
public class PublicMediaLinks {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final MediaProperties properties;
    private final MediaLibrary library;
    private final MediaReleases releases;
    private final Clock clock;
    private final SecretKeySpec key;

    PublicMediaLinks(MediaProperties properties, MediaLibrary library, MediaReleases releases, Clock clock) {
        this.properties = properties;
        this.library = library;
        this.releases = releases;
        this.clock = clock;
        byte[] secret;
        if (properties.signingKey() == null || properties.signingKey().isBlank()) {
            secret = new byte[32];
            new SecureRandom().nextBytes(secret);
        } else {
            secret = Base64.getDecoder().decode(properties.signingKey().strip());
            if (secret.length < 32) {
                throw new IllegalStateException("gateway.media.signing-key must be at least 32 bytes (base64)");
            }
        }
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    /** A public address for one variant of the image, valid for {@code gateway.media.url-lifetime} from now. */
    public URI link(Media media, Media.Variant variant) {
        long expires = clock.instant().plus(properties.urlLifetime()).getEpochSecond();
        String payload = media.id() + "-" + (variant == Media.Variant.ORIGINAL ? "o" : "p") + "-" + expires;
        String base = properties.publicBaseUrl().toString().replaceAll("/+$", "");
        // base64url signs with '-' and '_' but never '.', so the last '.' ends the payload
        return URI.create(base + "/media/public/" + payload + "." + sign(payload));
    }

    /** The image and variant a token names, if it is genuine, unexpired and the image was released. */
    public Optional<Resolved> resolve(String token) {
        int cut = token.lastIndexOf('.');
        if (cut <= 0) {
            return Optional.empty();
        }
        String payload = token.substring(0, cut);
        byte[] given = token.substring(cut + 1).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(given, sign(payload).getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        String[] parts = payload.split("-");
        if (parts.length != 3 || !(parts[1].equals("o") || parts[1].equals("p"))) {
            return Optional.empty();
        }
        long id;
        long expires;
        try {
            id = Long.parseLong(parts[0]);
            expires = Long.parseLong(parts[2]);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (!Instant.ofEpochSecond(expires).isAfter(clock.instant()) || !releases.released(id)) {
            return Optional.empty();
        }
        return Optional.of(new Resolved(library.get(id),
                parts[1].equals("o") ? Media.Variant.ORIGINAL : Media.Variant.PREVIEW));
    }

    /** What a genuine token names. */
    public record Resolved(Media media, Media.Variant variant) {
    }

    private String sign(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return ENCODER.encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
