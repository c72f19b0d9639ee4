package org.kohogateway.gateway.dispatch;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import org.kohogateway.connectors.Platform;
import org.kohogateway.connectors.Publication;
import org.kohogateway.connectors.PublishOutcome;
import org.kohogateway.connectors.line.LineConnector;
import org.kohogateway.gateway.post.ClaimedDelivery;
import org.springframework.stereotype.Component;

/**
 * Where a drill's delivery goes at its time (issue 22 point 3): never to the public account. A LINE delivery is pushed
 * to each of the staff's test recipients (the preview devices, {@code gateway.platforms.line.preview-recipients}),
 * its text led by 【訓練】 so that nobody takes a screenshot of it for the real thing; every other platform has no
 * test recipients, so nothing is sent there, and LINE without a listed recipient likewise.
 *
 * <p>A push is a request from the official account, so it passes the pause gate like a broadcast. Each push carries
 * a retry key derived from the delivery and the recipient, distinct from the broadcast's key and from a preview's:
 * a retry is de-duplicated by LINE, and an earlier preview of the same post does not swallow the drill's push.
 */
@Component
class DrillSends {

    /** What leads the text on the test devices. */
    static final String MARK = "【訓練】";

    private final ConnectorRegistry connectors;
    private final List<String> recipients;

    DrillSends(ConnectorRegistry connectors, PlatformProperties platforms) {
        this.connectors = connectors;
        this.recipients = List.copyOf(platforms.line().previewRecipients());
    }

    /** What became of a drill's delivery. */
    sealed interface Result {
    }

    /** Not sent anywhere, and why. */
    record Skipped(String reason) implements Result {
    }

    /** A pause stopped it at the gate, which held it. */
    record Paused() implements Result {
    }

    /** Pushed to the test recipients (or tried): the combined outcome, to be recorded like a broadcast's. */
    record Pushed(PublishOutcome outcome) implements Result {
    }

    /** @param gate passes the pause gate just before the first request; false when a pause holds the delivery */
    Result send(ClaimedDelivery d, BooleanSupplier gate) {
        if (d.platform() != Platform.LINE) {
            return new Skipped("drill: not sent — " + d.platform() + " has no test recipients, and a drill never goes "
                    + "to the public account");
        }
        if (recipients.isEmpty()) {
            return new Skipped("drill: not sent — no LINE test recipients are listed "
                    + "(gateway.platforms.line.preview-recipients), and a drill never goes to the public account");
        }
        LineConnector line;
        try {
            line = (LineConnector) connectors.forAccount(d.accountId(), Platform.LINE, d.credentialsVersion());
        } catch (ConnectorRegistry.ConnectorUnavailableException e) {
            return new Pushed(new PublishOutcome.Permanent(e.getMessage()));
        }
        if (!gate.getAsBoolean()) {
            return new Paused();
        }
        Publication publication = new Publication(key(d.id()), MARK + "\n" + d.text(), d.links(),
                UrlOnlyMedia.asMediaItems(d.content().mediaUrls()), d.noReplies());
        List<PublishOutcome> outcomes = new ArrayList<>();
        for (String recipient : recipients) {
            outcomes.add(line.pushPreview(recipient, publication));
        }
        return new Pushed(combined(outcomes));
    }

    /**
     * One outcome for the pushes: published when every one was; otherwise the worst — refused, then lost, then
     * worth another try. A retry pushes to every recipient again, and LINE drops the repeats by their keys.
     */
    private static PublishOutcome combined(List<PublishOutcome> outcomes) {
        List<String> ids = new ArrayList<>();
        PublishOutcome worst = null;
        for (PublishOutcome o : outcomes) {
            switch (o) {
                case PublishOutcome.Published p -> ids.add(p.platformPostId());
                case PublishOutcome.Permanent p -> worst = p;
                case PublishOutcome.Unknown u -> worst = worst instanceof PublishOutcome.Permanent ? worst : u;
                case PublishOutcome.Transient t -> worst = worst == null ? t : worst;
            }
        }
        return worst != null ? worst : new PublishOutcome.Published(String.join(",", ids));
    }

    /** The drill's own key: never the broadcast's (the delivery id) nor a preview's. */
    static UUID key(UUID deliveryId) {
        return UUID.nameUUIDFromBytes(("koho-gateway:drill:" + deliveryId).getBytes(StandardCharsets.UTF_8));
    }
}
