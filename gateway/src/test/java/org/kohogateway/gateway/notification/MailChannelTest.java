package org.kohogateway.gateway.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import tools.jackson.databind.json.JsonMapper;

/** E-mail text from the real bundles, and the channel staying off without a mail server. */
class MailChannelTest {

    private static final String DELIVERY = """
            {"id":"e1","type":"X","occurredAt":"2026-12-01T00:00:00Z","departmentId":1,"data":{"deliveryId":"d1",
            "postId":"p1","accountId":4,"accountName":"江津市観光 X","platform":"X","status":"FAILED",
            "reason":"X 403: duplicate content","author":"poster1","excerpt":"秋祭りのお知らせ"}}""";
    private static final String APPROVAL = """
            {"id":"e2","data":{"postId":"p1","route":"DEPARTMENT","author":"poster1","excerpt":"秋祭りのお知らせ",
            "scheduledAt":"2026-12-01T00:30:00Z"}}""";
    private static final String PAUSE = """
            {"id":"e3","data":{"accountId":null,"accountName":null,"by":"pr1","reason":"災害対応",
            "heldForNewTime":3}}""";

    private static final String GRANT = """
            {"id":"e4","data":{"username":"poster1","role":"APPROVER","status":"PENDING","by":"admin1"}}""";
    private static final String PROFILE = """
            {"id":"e5","data":{"accountId":4,"accountName":"江津市観光 X","platform":"X",
             "gaps":["MISSING_HOMEPAGE_URL","MISSING_NO_REPLY_NOTICE"]}}""";
    private static final String WEATHER = """
            {"id":"e6","data":{"warningEventId":1,"kindCode":"03","kindName":"大雨警報","areaCode":"3220700",
             "areaName":"江津市","status":"発表","change":"ISSUED","reportedAt":"2026-07-01T01:30:00Z"}}""";
    private static final String ANCHOR = """
            {"id":"e6","data":{"number":3,"chainPos":120,"seq":125,"hash":"ab12","anchoredAt":"2026-12-03T06:00:00Z",
             "keyId":"1","signature":"cd34"}}""";

    @ParameterizedTest
    @EnumSource(NotificationKind.class)
    void writesEveryKindInJapaneseWithEveryPlaceholderFilled(NotificationKind kind) {
        MailChannel.Mail mail = channel(null).render(kind, body(kind));

        assertThat(mail.subject()).startsWith("【投稿ゲートウェイ】").doesNotContain("{").doesNotContain("\n");
        assertThat(mail.text()).doesNotContain("{").doesNotContain("}").contains("「通知の設定」（/notifications）");
    }

    @Test
    void saysTheFactsOfTheEventInCityTime() {
        MailChannel channel = channel(URI.create("https://koho.city.example.jp/"));

        MailChannel.Mail failed = channel.render(NotificationKind.DELIVERY_FAILED, DELIVERY);
        MailChannel.Mail approval = channel.render(NotificationKind.APPROVAL_WAITING, APPROVAL);
        MailChannel.Mail resumed = channel.render(NotificationKind.SENDING_RESUMED, PAUSE);

        assertThat(failed.subject()).isEqualTo("【投稿ゲートウェイ】送信に失敗しました: 江津市観光 X");
        assertThat(failed.text()).contains("秋祭りのお知らせ").contains("X 403: duplicate content").contains("poster1")
                .contains("確認はこちら: https://koho.city.example.jp/");
        assertThat(approval.text()).contains("所属長の決裁（§6-①）").contains("2026-12-01 09:30（日本時間）");
        assertThat(resumed.subject()).endsWith("すべてのアカウント");
        MailChannel.Mail weather = channel.render(NotificationKind.WEATHER_WARNING, WEATHER);
        assertThat(weather.subject()).isEqualTo("【投稿ゲートウェイ】江津市に大雨警報: 発表");
        assertThat(weather.text()).contains("2026-07-01 10:30（日本時間）").contains("出典：気象庁");
        assertThat(resumed.text()).contains("3 件");
    }

    @Test
    void isOffWithoutAMailServer() {
        MailChannel off = channel(null);

        assertThat(off.available()).isFalse();
        assertThat(off.send(new Notification(UUID.randomUUID(), UUID.randomUUID(), NotificationKind.DELIVERY_FAILED,
                Notification.Channel.EMAIL, "poster1", "poster1@city.example.jp", null, DELIVERY, 1)))
                .isInstanceOf(SendOutcome.Permanent.class);
    }

    @Test
    void needsAFromAddressWhenThereIsAMailServer() {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("mailSender", new JavaMailSenderImpl());

        assertThatThrownBy(() -> new MailChannel(beans.getBeanProvider(JavaMailSender.class), properties(null, ""),
                messages(), JsonMapper.builder().build())).hasMessageContaining("mail-from");
    }

    private static String body(NotificationKind kind) {
        return switch (kind) {
            case DELIVERY_FAILED, DELIVERY_UNCERTAIN, DELIVERY_HELD -> DELIVERY;
            case APPROVAL_WAITING -> APPROVAL;
            case SENDING_PAUSED, SENDING_RESUMED -> PAUSE;
            case ROLE_GRANT -> GRANT;
            case PROFILE_NONCOMPLIANT -> PROFILE;
            case WEATHER_WARNING -> WEATHER;
            case AUDIT_ANCHORED -> ANCHOR;
        };
    }

    private static MailChannel channel(URI baseUrl) {
        return new MailChannel(new StaticListableBeanFactory().getBeanProvider(JavaMailSender.class),
                properties(baseUrl, "koho-gateway@city.example.jp"), messages(), JsonMapper.builder().build());
    }

    private static NotificationProperties properties(URI baseUrl, String from) {
        return new NotificationProperties(true, Duration.ofSeconds(5), 20, 8, Duration.ofSeconds(30),
                Duration.ofHours(1), Duration.ofSeconds(10), Duration.ofMinutes(5), from, baseUrl, false);
    }

    /** As application.yaml configures Spring Boot's: Japanese as the fallback, MessageFormat always. */
    private static ResourceBundleMessageSource messages() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        messages.setAlwaysUseMessageFormat(true);
        return messages;
    }
}
