package org.kohogateway.gateway.demo;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.imageio.ImageIO;

import org.kohogateway.connectors.Platform;
import org.kohogateway.gateway.account.OfficialAccounts;
import org.kohogateway.gateway.account.OperatingPolicy;
import org.kohogateway.gateway.account.PlatformCredentials;
import org.kohogateway.gateway.account.ReplyPolicy;
import org.kohogateway.gateway.login.SecondFactors;
import org.kohogateway.gateway.login.Totp;
import org.kohogateway.gateway.media.MediaLibrary;
import org.kohogateway.gateway.post.MediaChoice;
import org.kohogateway.gateway.post.NewPost;
import org.kohogateway.gateway.post.Post;
import org.kohogateway.gateway.post.PostCategory;
import org.kohogateway.gateway.post.PostWorkflow;
import org.kohogateway.gateway.staff.Department;
import org.kohogateway.gateway.staff.Role;
import org.kohogateway.gateway.staff.StaffDirectory;
import org.kohogateway.gateway.template.Placeholder;
import org.kohogateway.gateway.template.PlaceholderType;
import org.kohogateway.gateway.template.PostTemplates;
import org.kohogateway.gateway.template.TemplateDraft;
import org.kohogateway.gateway.weather.WeatherWarnings;
import org.kohogateway.gateway.support.OutboundProperties;
import org.kohogateway.gateway.support.SafeFetch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;

/**
 * Demo departments, logins (password {@code demo}; admin1 also has a TOTP second factor whose secret is printed) and
 * accounts wired to the simulated platforms: accounts 1–3 on LINE, 4 on X and 6 on Instagram (観光振興課), 5 a Facebook
 * Page, 7 the city's Bluesky, 8 its Threads account and 9 its YouTube channel (広報係); then poster1's post with a photo,
 * waiting for approver1; then 防災安全課's poster2 and its X account 10, and its 避難所開設 template approved by
 * approver2, which the simulated JMA feed's heavy-rain warning drafts a post from as soon as the demo starts. Every
 * account posts through its real connector to {@link SimulatedPlatforms}. Deliberately not a {@code @Configuration}:
 * only the demo run adds it, component scanning in tests must not.
 */
class DemoData {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    static final String PASSWORD = "demo";

    /**
     * The outbound client, with the city's press pages of the demo served by the simulator: a PR officer can try a
     * direct publish offline, citing the page the banner names.
     */
    @Bean
    @Primary
    SafeFetch cityPagesOnTheSimulator(OutboundProperties properties) {
        return SimulatedPlatforms.cityPagesOnLoopback(properties);
    }

    @Bean
    ApplicationRunner seedDemo(StaffDirectory staff, OfficialAccounts accounts, SecondFactors secondFactors,
            MediaLibrary media, PostWorkflow posts, PostTemplates templates, WeatherWarnings warnings, Clock clock,
            Environment environment) {
        return args -> {
            String adminSecret = "(set up in an earlier run)";
            if (staff.findByUsername("poster1").isEmpty()) {
                seed(staff, accounts);
                adminSecret = enrolAdmin(secondFactors, clock);
                postWithPhoto(media, posts, accounts);
                disasterTemplate(staff, accounts, templates);
                // read the simulated feed now rather than at the first scheduled poll: its heavy-rain warning for
                // 江津市 drafts a post from the template at once
                warnings.poll();
            }
            String port = environment.getProperty("local.server.port", "8080");
            URI pressRelease = SimulatedPlatforms.shared().cityPage("【報道発表】江津市 秋の観光キャンペーンを開始します");
            log.info("""

                    ==================================================================
                      Koho Gateway demo is running: http://localhost:{}/
                      (API docs: http://localhost:{}/swagger-ui/index.html)
                      Simulated platforms (WireMock: LINE, X, Facebook, Instagram): {}
                      A city press release to cite on /press-release (pr1): {}
                      Logins (password "{}"):
                        poster1    投稿者      観光振興課
                        approver1  所属長      観光振興課 (same department as poster1)
                        approver2  所属長      防災安全課 (another department)
                        poster2    投稿者      防災安全課 (templates: /templates)
                        pr1        広報担当    政策企画課 広報係
                        auditor1   監査        監査委員事務局
                        admin1     管理者      情報政策課 (+ a code, see below)
                      admin1 has a TOTP second factor, as every ADMIN must: add the secret
                        {}
                      to an authenticator app, or run  oathtool --totp -b {}
                      and type the 6-digit code after the password (a code counts once:
                      wait for the next one if it was refused). On the API admin1 adds
                      the code in an X-TOTP header to HTTP Basic, or uses an API token.
                    ==================================================================
                    """, port, port, SimulatedPlatforms.shared().server().baseUrl(), pressRelease, PASSWORD, adminSecret,
                    adminSecret);
        };
    }

    /** admin1's second factor, enrolled the way a person would (a first code confirms it); its secret in base32. */
    private static String enrolAdmin(SecondFactors secondFactors, Clock clock) {
        SecondFactors.Enrolment enrolment = secondFactors.begin("admin1");
        if (!secondFactors.confirm("admin1", Totp.code(Totp.fromBase32(enrolment.secret()), clock.instant()))) {
            throw new IllegalStateException("admin1's second factor could not be confirmed");
        }
        return enrolment.secret();
    }

    /**
     * poster1's post with a photo, uploaded as a person would (cleaned, kept by its SHA-256) and submitted: approver1
     * sees the picture and its alt text in the inbox. Made after the logins and accounts, so their ids stay 1-9.
     */
    private static void postWithPhoto(MediaLibrary media, PostWorkflow posts, OfficialAccounts accounts) {
        String alt = "夕日に染まる江の川の河口と、手前に並ぶ秋祭りの提灯";
        long photo = media.upload("poster1", new ByteArrayInputStream(sunsetJpeg()), alt).id();
        long line = accounts.all().stream().filter(a -> a.name().equals("江津市観光 LINE")).findFirst().orElseThrow()
                .id();
        Post post = posts.create("poster1", new NewPost("江の川河口で秋の夕日まつりを開きます。提灯の灯りと夕日をお楽しみください。",
                List.of(), List.of(), PostCategory.EVENT, List.of(line), null, null, null, null, null, null,
                List.of(new MediaChoice(photo, alt))));
        posts.submit("poster1", post.id());
    }

    /**
     * 防災安全課's second poster and X account (after everything above, so the first logins and accounts keep their
     * ids), and its 避難所開設 template, written by poster2 and approved by approver2 in peacetime: filled on a phone in
     * an emergency, and drafted by a heavy-rain warning (JMA kind 03) for 江津市.
     */
    private static void disasterTemplate(StaffDirectory staff, OfficialAccounts accounts, PostTemplates templates) {
        Department safety = staff.departmentByCode("bosai").orElseThrow();
        staff.addStaff("poster2", "防災 桜", PASSWORD, safety.id(), Set.of(Role.POSTER));
        staff.changeEmail("poster2", "poster2@city.example.jp");
        long x = accounts.registerActive("demo", Platform.X, "江津市防災 X", "https://x.com/gotsu_bosai_demo",
                safety.id(), "防災・緊急情報の発信", new OperatingPolicy(true, ReplyPolicy.NO_REPLIES),
                new PlatformCredentials(Map.of(
                        PlatformCredentials.X_CONSUMER_KEY, "demo-x-consumer-key",
                        PlatformCredentials.X_CONSUMER_SECRET, "demo-x-consumer-secret",
                        PlatformCredentials.X_ACCESS_TOKEN, "1234567891-demo-x-bosai-token",
                        PlatformCredentials.X_ACCESS_TOKEN_SECRET, "demo-x-bosai-token-secret"))).id();
        long line = accounts.all().stream().filter(a -> a.name().equals("江津市防災 LINE")).findFirst().orElseThrow()
                .id();
        long id = templates.create(staff.byUsername("poster2"), new TemplateDraft("避難所開設",
                "【避難所開設】{{時刻}}、{{地区}}に避難所「{{避難所}}」を開設しました。避難が必要な方は、安全を確保して避難してください。",
                List.of(new Placeholder("時刻", PlaceholderType.TIME, null, 0),
                        new Placeholder("地区", PlaceholderType.AREA,
                                List.of("江津市", "江津地区", "桜江地区", "跡市地区", "二宮地区"), 0),
                        new Placeholder("避難所", PlaceholderType.TEXT, null, 30)),
                List.of(line, x), PostCategory.EMERGENCY, List.of("03"))).id();
        templates.submit(staff.byUsername("poster2"), id);
        templates.approve(staff.byUsername("approver2"), id, "平時の確認済み");
    }

    /** A small picture drawn here (a sunset over the river and a row of lanterns), so the demo needs no image file. */
    private static byte[] sunsetJpeg() {
        BufferedImage image = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setPaint(new GradientPaint(0, 0, new Color(0x2B3A67), 0, 300, new Color(0xF28C38)));
            g.fillRect(0, 0, 640, 300);
            g.setColor(new Color(0xFFD166));
            g.fillOval(270, 220, 100, 100);
            g.setPaint(new GradientPaint(0, 300, new Color(0x8C4A2F), 0, 480, new Color(0x1B2640)));
            g.fillRect(0, 300, 640, 180);
            g.setColor(new Color(0xE63946));
            for (int x = 40; x < 640; x += 80) {
                g.drawLine(x + 20, 380, x + 20, 400);
                g.fillOval(x, 400, 40, 50);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "jpg", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            g.dispose();
        }
    }

    private static void seed(StaffDirectory staff, OfficialAccounts accounts) {
        Department tourism = staff.addDepartment("kanko", "観光振興課", false);
        Department safety = staff.addDepartment("bosai", "防災安全課", false);
        Department pr = staff.addDepartment("koho", "政策企画課 広報係", true);
        Department audit = staff.addDepartment("kansa", "監査委員事務局", false);
        Department it = staff.addDepartment("joho", "情報政策課", false);
        staff.addStaff("poster1", "江津 花子", PASSWORD, tourism.id(), Set.of(Role.POSTER));
        staff.addStaff("approver1", "観光 一郎（課長）", PASSWORD, tourism.id(), Set.of(Role.APPROVER));
        staff.addStaff("approver2", "防災 次郎（課長）", PASSWORD, safety.id(), Set.of(Role.APPROVER));
        staff.addStaff("pr1", "広報 三奈", PASSWORD, pr.id(), EnumSet.of(Role.PR_OFFICER, Role.POSTER));
        staff.addStaff("auditor1", "監査 四郎", PASSWORD, audit.id(), Set.of(Role.AUDITOR));
        staff.addStaff("admin1", "情報 五月", PASSWORD, it.id(), Set.of(Role.ADMIN));
        // example addresses: the demo sends e-mail only when started with spring.mail.host set
        for (String login : new String[] { "poster1", "approver1", "approver2", "pr1", "auditor1", "admin1" }) {
            staff.changeEmail(login, login + "@city.example.jp");
        }
        PlatformCredentials token = new PlatformCredentials(
                Map.of(PlatformCredentials.LINE_CHANNEL_ACCESS_TOKEN, "demo-line-channel-token"));
        accounts.registerActive("demo", Platform.LINE, "江津市観光 LINE", "https://lin.ee/gotsu-kanko-demo",
                tourism.id(), "観光・イベント情報の発信", new OperatingPolicy(true, ReplyPolicy.NO_REPLIES), token);
        accounts.registerActive("demo", Platform.LINE, "江津市防災 LINE", "https://lin.ee/gotsu-bosai-demo",
                safety.id(), "防災・緊急情報の発信", new OperatingPolicy(true, ReplyPolicy.NO_REPLIES), token);
        accounts.registerActive("demo", Platform.LINE, "江津市 広報 LINE", "https://lin.ee/gotsu-koho-demo",
                pr.id(), "市政情報・報道発表の発信", new OperatingPolicy(false, ReplyPolicy.NO_REPLIES), token);
        // Added after the LINE accounts so that their ids (1-3) stay as docs/user-guide.md shows them.
        accounts.registerActive("demo", Platform.X, "江津市観光 X", "https://x.com/gotsu_kanko_demo",
                tourism.id(), "観光・イベント情報の発信", new OperatingPolicy(true, ReplyPolicy.NO_REPLIES),
                new PlatformCredentials(Map.of(
                        PlatformCredentials.X_CONSUMER_KEY, "demo-x-consumer-key",
                        PlatformCredentials.X_CONSUMER_SECRET, "demo-x-consumer-secret",
                        PlatformCredentials.X_ACCESS_TOKEN, "1234567890-demo-x-access-token",
                        PlatformCredentials.X_ACCESS_TOKEN_SECRET, "demo-x-access-token-secret")));
        accounts.registerActive("demo", Platform.FACEBOOK, "江津市 公式 Facebook", "https://www.facebook.com/gotsu.city.demo",
                pr.id(), "市政情報・報道発表の発信", new OperatingPolicy(false, ReplyPolicy.NO_REPLIES),
                new PlatformCredentials(Map.of(
                        PlatformCredentials.FACEBOOK_PAGE_ID, "104955401234567",
                        PlatformCredentials.FACEBOOK_PAGE_ACCESS_TOKEN, "demo-facebook-page-token")));
        accounts.registerActive("demo", Platform.INSTAGRAM, "江津市観光 Instagram", "https://www.instagram.com/gotsu_kanko_demo",
                tourism.id(), "観光写真の発信", new OperatingPolicy(true, ReplyPolicy.NO_REPLIES),
                new PlatformCredentials(Map.of(
                        PlatformCredentials.INSTAGRAM_IG_USER_ID, "17841400123456789",
                        PlatformCredentials.INSTAGRAM_ACCESS_TOKEN, "demo-instagram-token")));
        accounts.registerActive("demo", Platform.BLUESKY, "江津市 公式 Bluesky",
                "https://bsky.app/profile/" + SimulatedBluesky.HANDLE, pr.id(), "市政情報・報道発表の発信",
                new OperatingPolicy(false, ReplyPolicy.NO_REPLIES), new PlatformCredentials(Map.of(
                        PlatformCredentials.BLUESKY_HANDLE, SimulatedBluesky.HANDLE,
                        PlatformCredentials.BLUESKY_APP_PASSWORD, "demo-bsky-app-password")));
        accounts.registerActive("demo", Platform.THREADS, "江津市 公式 Threads", "https://www.threads.net/@gotsu_city_demo",
                pr.id(), "市政情報・報道発表の発信", new OperatingPolicy(false, ReplyPolicy.NO_REPLIES),
                new PlatformCredentials(Map.of(
                        PlatformCredentials.THREADS_USER_ID, "25814713414831520",
                        PlatformCredentials.THREADS_ACCESS_TOKEN, "demo-threads-token")));
        // comments are set in YouTube Studio (the API has no per-video switch); the channel's videos are 広報係's
        accounts.registerActive("demo", Platform.YOUTUBE, "江津市 公式 YouTube", "https://www.youtube.com/@gotsu_city_demo",
                pr.id(), "市政情報・観光の動画の発信", new OperatingPolicy(false, ReplyPolicy.NO_REPLIES),
                new PlatformCredentials(Map.of(
                        PlatformCredentials.YOUTUBE_CLIENT_ID, "1062957823194-demo.apps.googleusercontent.com",
                        PlatformCredentials.YOUTUBE_CLIENT_SECRET, "GOCSPX-demo-client-secret",
                        PlatformCredentials.YOUTUBE_REFRESH_TOKEN, "1//0eDemoRefreshToken",
                        PlatformCredentials.YOUTUBE_CATEGORY_ID, "25")));
    }
}
