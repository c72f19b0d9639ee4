package org.kohogateway.gateway.notification;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * E-mail through Spring's {@link JavaMailSender}, which Spring Boot configures only when {@code spring.mail.host} is
 * set: without it this channel is off and no e-mail is queued. Subject and text come from the message bundles, in
 * Japanese (staff have no language setting yet; the bundle's default is Japanese).
 */
@Component
class MailChannel {

    private static final Locale LOCALE = Locale.JAPAN;
    private static final ZoneId CITY = ZoneId.of("Asia/Tokyo");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final @Nullable JavaMailSender sender;
    private final NotificationProperties properties;
    private final MessageSource messages;
    private final JsonMapper json;

    MailChannel(ObjectProvider<JavaMailSender> senders, NotificationProperties properties, MessageSource messages,
            JsonMapper json) {
        this.sender = senders.getIfAvailable();
        this.properties = properties;
        this.messages = messages;
        this.json = json;
        if (sender != null && properties.mailFrom().isBlank()) {
            throw new IllegalStateException(
                    "spring.mail.host is set, so gateway.notifications.mail-from is required (the From address)");
        }
    }

    boolean available() {
        return sender != null;
    }

    SendOutcome send(Notification n) {
        if (sender == null) {
            return new SendOutcome.Permanent("e-mail is not configured on this instance (spring.mail.host)");
        }
        Mail mail = render(n.kind(), n.body());
        try {
            MimeMessage message = sender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
            helper.setFrom(properties.mailFrom());
            helper.setTo(n.email());
            helper.setSubject(mail.subject());
            helper.setText(mail.text(), false);
            sender.send(message);
            return new SendOutcome.Sent();
        } catch (MessagingException | MailParseException | MailPreparationException e) {
            return new SendOutcome.Permanent("cannot be addressed or written: " + e.getMessage());
        } catch (MailAuthenticationException e) {
            // the server's credentials are wrong: worth retrying once an admin fixed them
            return new SendOutcome.Transient("the mail server refused the login: " + e.getMessage());
        } catch (MailException e) {
            return new SendOutcome.Transient("the mail server did not take it: " + e.getMessage());
        }
    }

    record Mail(String subject, String text) {
    }

    Mail render(NotificationKind kind, String body) {
        Map<String, Object> document = json.readValue(body, new TypeReference<Map<String, Object>>() {
        });
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) document.get("data");
        Object[] args = switch (kind) {
            case DELIVERY_FAILED, DELIVERY_UNCERTAIN, DELIVERY_HELD -> new Object[] { text(data, "accountName"),
                    text(data, "platform"), text(data, "excerpt"), text(data, "reason"), text(data, "author") };
            case APPROVAL_WAITING -> new Object[] { text(data, "author"), text(data, "excerpt"),
                    message("route." + text(data, "route")), when(data.get("scheduledAt")) };
            case SENDING_PAUSED -> new Object[] { target(data), text(data, "reason"), text(data, "by"),
                    data.get("exceptDepartment") == null && data.get("exceptCategory") == null
                            ? message("notification.pause.noException")
                            : (data.get("exceptDepartment") == null ? "" : text(data, "exceptDepartment") + " ")
                                    + (data.get("exceptCategory") == null ? ""
                                            : message("category." + text(data, "exceptCategory"))),
                    data.get("endsAt") == null ? message("notification.pause.noEnd") : when(data.get("endsAt")) };
            case SENDING_RESUMED -> new Object[] { target(data), text(data, "by"), text(data, "heldForNewTime") };
            case ROLE_GRANT -> new Object[] { message("role." + text(data, "role")),
                    message("notification.grantStatus." + text(data, "status")), text(data, "by"),
                    text(data, "username") };
            case PROFILE_NONCOMPLIANT -> new Object[] { text(data, "accountName"), text(data, "platform"),
                    String.join("、", ((List<?>) data.get("gaps")).stream().map(g -> message("profileGap." + g))
                            .toList()) };
            case WEATHER_WARNING -> new Object[] { text(data, "areaName"), text(data, "kindName"),
                    message("weather.change." + text(data, "change")), text(data, "status"),
                    when(data.get("reportedAt")) };
            case AUDIT_ANCHORED -> new Object[] { text(data, "number"), text(data, "chainPos"), text(data, "seq"),
                    text(data, "hash"), text(data, "anchoredAt"), text(data, "keyId"), text(data, "signature") };
        };
        String subject = message("notification.mail.subject." + kind.name(), args).replaceAll("[\\r\\n]+", " ");
        StringBuilder text = new StringBuilder(message("notification.mail.body." + kind.name(), args));
        if (properties.baseUrl() != null) {
            text.append("\n\n").append(message("notification.mail.link", properties.baseUrl().toString()));
        }
        text.append("\n\n-- \n").append(message("notification.mail.footer"));
        return new Mail(subject, text.toString());
    }

    private String target(Map<String, Object> data) {
        return data.get("accountName") == null ? message("notification.mail.everything") : text(data, "accountName");
    }

    private String when(@Nullable Object instant) {
        return instant == null ? message("notification.mail.asap")
                : WHEN.format(Instant.parse(instant.toString()).atZone(CITY));
    }

    private static String text(Map<String, Object> data, String key) {
        Object value = data.get(key);
        return value == null ? "" : value.toString();
    }

    private String message(String code, Object... args) {
        return messages.getMessage(code, args, LOCALE);
    }
}
