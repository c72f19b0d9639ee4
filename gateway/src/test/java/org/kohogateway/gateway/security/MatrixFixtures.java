package org.kohogateway.gateway.security;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.kohogateway.connectors.Platform;
import org.kohogateway.gateway.account.AccountWorkflow;
import org.kohogateway.gateway.account.OfficialAccount;
import org.kohogateway.gateway.account.OperatingPolicy;
import org.kohogateway.gateway.account.PolicyDraft;
import org.kohogateway.gateway.account.ReplyPolicy;
import org.kohogateway.gateway.importing.ImportMode;
import org.kohogateway.gateway.importing.Imports;
import org.kohogateway.gateway.incident.IncidentKind;
import org.kohogateway.gateway.incident.Incidents;
import org.kohogateway.gateway.media.Media;
import org.kohogateway.gateway.media.MediaLibrary;
import org.kohogateway.gateway.media.PublicMediaLinks;
import org.kohogateway.gateway.media.TestImages;
import org.kohogateway.gateway.notification.NotificationKind;
import org.kohogateway.gateway.notification.Webhooks;
import org.kohogateway.gateway.policy.ListName;
import org.kohogateway.gateway.policy.PolicyLists;
import org.kohogateway.gateway.post.MediaChoice;
import org.kohogateway.gateway.post.NewPost;
import org.kohogateway.gateway.post.Post;
import org.kohogateway.gateway.post.PostCategory;
import org.kohogateway.gateway.post.PostWorkflow;
import org.kohogateway.gateway.staff.Role;
import org.kohogateway.gateway.staff.Staff;
import org.kohogateway.gateway.staff.StaffAdministration;
import org.kohogateway.gateway.staff.StaffDirectory;
import org.kohogateway.gateway.template.Placeholder;
import org.kohogateway.gateway.template.PlaceholderType;
import org.kohogateway.gateway.template.PostTemplates;
import org.kohogateway.gateway.template.TemplateDraft;
import org.kohogateway.gateway.testing.TestData;
import org.kohogateway.gateway.testing.TestData.World;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What one cell of the matrix sends: the operation's path with its variables filled from fixtures made for this call
 * (a post in the state the action applies to, an account request at the step being decided, …) and a minimal valid
 * body, so that the answer is the authorization's and not a validation's or another cell's leftover.
 */
final class MatrixFixtures {

    record Call(String path, String body, String contentType) {
    }

    /** The domain services the fixtures are made with. */
    record Services(TestData data, PostWorkflow posts, AccountWorkflow accounts, StaffDirectory staff,
            StaffAdministration administration, PolicyLists lists, Webhooks webhooks, Incidents incidents,
            Imports imports, ApiTokens tokens, PostTemplates templates, JdbcClient jdbc, MediaLibrary media,
            PublicMediaLinks mediaLinks) {
    }

    private static final String JSON = "application/json";
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String BOUNDARY = "matrix-boundary";

    private final Services s;
    private final World world;
    private final Instant now;
    /** A second admin: the first person of the changes the world's admin is asked to confirm. */
    private final String admin2;
    /** A poster the staff administration acts on, so the world's own people keep their roles. */
    private final long member;
    private final String memberName;
    private final long importId;
    /** An image of department A's poster, and a signed link to one an approved post carries. */
    private final long mediaId;
    private final String mediaToken;

    MatrixFixtures(Services services, World world, Instant now) {
        this.s = services;
        this.world = world;
        this.now = now;
        String n = TestData.unique();
        admin2 = person("admin2-" + n, Set.of(Role.ADMIN));
        memberName = person("member-" + n, Set.of(Role.POSTER));
        member = s.staff().byUsername(memberName).id();
        importId = s.imports().upload(world.poster(), "matrix.csv",
                () -> csv().getBytes(java.nio.charset.StandardCharsets.UTF_8), ImportMode.ALL_OR_NOTHING).id();
        mediaId = s.media().upload(world.poster(), new java.io.ByteArrayInputStream(TestImages.jpeg(16, 16)), "権限表")
                .id();
        Media released = s.media().upload(world.poster(),
                new java.io.ByteArrayInputStream(TestImages.jpeg(17, 17)), "権限表");
        s.data().approved(world, new NewPost("権限表 画像 " + n, List.of(), List.of(), PostCategory.NOTICE,
                List.of(world.lineA().id()), now.plus(Duration.ofDays(3)), null, null, null, null, null,
                List.of(new MediaChoice(released.id(), null))));
        String link = s.mediaLinks().link(released, Media.Variant.ORIGINAL).getPath();
        mediaToken = link.substring(link.lastIndexOf('/') + 1);
    }

    /** The request for {@code operation} ("POST /api/posts/{id}/approve"), with fixtures made fresh for it. */
    Call call(String operation) {
        String method = operation.substring(0, operation.indexOf(' '));
        String template = operation.substring(operation.indexOf(' ') + 1);
        String action = template.substring(template.lastIndexOf('/') + 1);
        String path = template;
        String hash = "";
        if (template.contains("{id}")) {
            Object id;
            if (template.matches("/(api/)?posts/.*|/press-release/drafts/.*")) {
                Post post = post(method, action);
                hash = post.contentHash();
                id = post.id().value();
            } else {
                id = idOf(template, action);
            }
            path = path.replace("{id}", String.valueOf(id));
        }
        path = path.replace("{token}", mediaToken);
        path = path.replace("{username}", template.contains("/notifications/") ? world.poster() : memberName)
                .replace("{list}", ListName.PROHIBITED_TERM.name()).replace("{step}",
                        IncidentKind.ResponseStep.RESPOND_CALMLY.name()).replace("{decision}", "confirm");
        return body(method + " " + template, path, hash);
    }

    private Post post(String method, String action) {
        String text = "権限表 " + TestData.unique();
        Instant later = now.plus(Duration.ofDays(3));
        return switch (action) {
            case "submit", "edit" -> s.data().draft(world.poster(), text, later, world.lineA());
            case "approve", "reject", "withdraw" -> s.posts().submit(world.poster(),
                    s.data().draft(world.poster(), text, later, world.lineA()).id());
            // the PR_OFFICER column's own draft: only its author publishes it directly
            case "publish" -> s.posts().create(world.pr2(), new NewPost(text, List.of(), List.of(),
                    PostCategory.PRESS_RELEASE, List.of(world.cityLine().id()), later,
                    URI.create("https://www.city.gotsu.lg.jp/press/" + TestData.unique() + ".html"), null, null, null, null));
            default -> "PUT".equals(method) ? s.data().draft(world.poster(), text, later, world.lineA())
                    : s.data().approvedPost(world, text, later, world.lineA());
        };
    }

    private Object idOf(String template, String action) {
        if (template.matches("/(api/|admin/)?accounts/.*")) {
            return account(action);
        }
        if (template.contains("/deliveries/")) {
            Post post = s.data().approvedPost(world, "権限表 配信 " + TestData.unique(), now.plus(Duration.ofDays(3)),
                    world.lineA());
            String delivery = s.jdbc().sql("select id from delivery where post_id = :post")
                    .param("post", post.id().value()).query(String.class).single();
            if (action.equals("resolve")) {
                // only a delivery whose outcome was lost is settled by hand
                s.jdbc().sql("update delivery set status = 'UNCERTAIN' where id = :id::uuid").param("id", delivery)
                        .update();
            }
            return delivery;
        }
        if (template.matches("/(api/)?records/posts/.*")) {
            return MatrixRecords.sentRecord(s.data(), s.jdbc(), world, now);
        }
        if (template.matches("/(api/records/disposal-lists|records/disposal)/.*")) {
            return MatrixRecords.disposalList(s.data(), s.jdbc(), world, now, admin2);
        }
        if (template.contains("/imports/")) {
            return importId;
        }
        if (template.startsWith("/media/")) {
            return mediaId;
        }
        if (template.contains("/incidents/")) {
            return s.incidents().report(world.approver(), IncidentKind.FLAME_WAR, world.lineA().id(), "権限表").id();
        }
        if (template.matches("/(api/)?templates/.*")) {
            return postTemplate(action);
        }
        if (template.contains("/webhooks/")) {
            return s.webhooks().register(world.admin(), new Webhooks.Registration("権限表 " + TestData.unique(),
                    "http://localhost:9/hook", "0123456789abcdef0123456789abcdef",
                    Set.of(NotificationKind.DELIVERY_FAILED), null, true)).id();
        }
        if (template.contains("/policy/changes/")) {
            return s.lists().add(admin2, ListName.OFFICIAL_DOMAIN, "matrix-" + TestData.unique() + ".example.jp",
                    "権限表").pending().id();
        }
        if (template.contains("/grants/")) {
            long grantee = s.staff().byUsername(person("grantee-" + TestData.unique(), Set.of(Role.POSTER))).id();
            s.administration().changeRoles(admin2, grantee, EnumSet.of(Role.POSTER, Role.APPROVER));
            return s.jdbc().sql("select max(id) from role_grant where staff_id = :staff").param("staff", grantee)
                    .query(Long.class).single();
        }
        if (template.startsWith("/api/tokens/")) {
            return s.tokens().issue(world.poster(), new ApiTokens.NewToken("権限表", null, Set.of(Role.POSTER), null,
                    now.plus(Duration.ofDays(1)), false), false).token().id();
        }
        if (template.matches("/(api|admin)/staff/.*")) {
            return member;
        }
        throw new IllegalStateException("no fixture for " + template);
    }

    /** A template of department A by its poster, at the step {@code action} applies to. */
    private long postTemplate(String action) {
        Staff poster = s.staff().byUsername(world.poster());
        long id = s.templates().create(poster, new TemplateDraft("権限表 " + TestData.unique(), "{{時刻}}に避難所を開設しました。",
                List.of(new Placeholder("時刻", PlaceholderType.TIME, null, 0)), List.of(world.lineA().id()), null,
                null)).id();
        if (Set.of("approve", "reject", "fill").contains(action)) {
            s.templates().submit(poster, id);
        }
        if (action.equals("fill")) {
            s.templates().approve(s.staff().byUsername(world.approver()), id, "権限表");
        }
        return id;
    }

    /** An account of department A at the step {@code action} applies to. */
    private long account(String action) {
        Supplier<OfficialAccount> draft = () -> s.accounts().draft(world.poster(), Platform.LINE,
                world.departmentA().id(), policy());
        return switch (action) {
            case "policy", "submit" -> draft.get().id();
            case "department-approve", "department-reject", "approve", "reject" ->
                    s.accounts().submit(world.poster(), draft.get().id()).id();
            case "pr-approve", "pr-reject" -> s.accounts().approveAsDepartment(world.approver(),
                    s.accounts().submit(world.poster(), draft.get().id()).id(), "ok").id();
            // an account in service, each its own: one policy proposal at a time
            case "closing", "credentials", "policy-change" -> s.data().account(world.departmentA(), Platform.LINE,
                    "権限表 LINE " + TestData.unique(), new OperatingPolicy(true, ReplyPolicy.NO_REPLIES),
                    TestData.xCredentials(TestData.unique())).id();
            default -> world.lineA().id();
        };
    }

    private PolicyDraft policy() {
        String name = "権限表 LINE " + TestData.unique();
        return new PolicyDraft(name, "https://line.me/R/ti/p/@" + Math.abs(name.hashCode()), "観光情報の発信",
                world.approver(), List.of(world.poster()), true, ReplyPolicy.NO_REPLIES, "正確な情報", "丁寧", "返信しない");
    }

    private Call body(String operation, String path, String hash) {
        String n = TestData.unique();
        String future = now.plus(Duration.ofDays(5)).toString();
        Map<String, String> json = Map.ofEntries(
                Map.entry("POST /api/posts", postJson(n)), Map.entry("POST /api/posts/check", postJson(n)),
                Map.entry("PUT /api/posts/{id}", "{\"text\":\"権限表 編集 " + n + "\",\"category\":\"NOTICE\"}"),
                Map.entry("POST /api/posts/{id}/approve", "{\"comment\":\"ok\",\"contentHash\":\"" + hash + "\"}"),
                Map.entry("POST /api/posts/{id}/reject", "{\"comment\":\"差し戻し\"}"),
                Map.entry("POST /api/posts/{id}/cancel", "{\"comment\":\"取り消し\"}"),
                Map.entry("POST /api/posts/{id}/reschedule", "{\"scheduledAt\":\"" + future + "\"}"),
                Map.entry("POST /api/posts/{id}/emergency-override", "{\"reason\":\"緊急\"}"),
                Map.entry("POST /api/posts/{id}/preview", "{\"recipientUserId\":\"U0123456789abcdef0123456789abcdef\"}"),
                Map.entry("POST /api/accounts", "{\"platform\":\"LINE\",\"departmentId\":" + world.departmentA().id()
                        + ",\"policy\":" + policyJson(n) + "}"),
                Map.entry("PUT /api/accounts/{id}/policy", policyJson(n)),
                Map.entry("POST /api/accounts/{id}/policy-change", policyJson(n)),
                Map.entry("PUT /api/accounts/{id}/profile-hold", "{\"hold\":false}"),
                Map.entry("POST /api/accounts/{id}/profile-check", "{\"description\":\"江津市の公式アカウント\"}"),
                Map.entry("PUT /api/accounts/{id}/credentials", "{\"values\":{\"channelAccessToken\":\"t-" + n + "\"}}"),
                Map.entry("POST /api/accounts/{id}/closing", "{\"reason\":\"統合\",\"closingDate\":\""
                        + now.plus(Duration.ofDays(60)).toString().substring(0, 10) + "\"}"),
                Map.entry("POST /api/crisis/pause", "{\"accountId\":" + world.lineA2().id() + ",\"reason\":\"炎上\"}"),
                Map.entry("POST /api/crisis/resume", "{\"accountId\":" + world.lineA2().id() + "}"),
                Map.entry("POST /api/deliveries/{id}/delete", "{\"reason\":\"誤り\"}"),
                Map.entry("POST /api/deliveries/{id}/resolve", "{\"foundOnPlatform\":false,\"reason\":\"確認済み\"}"),
                Map.entry("POST /api/incidents", "{\"kind\":\"FLAME_WAR\",\"accountId\":" + world.lineA().id()
                        + ",\"summary\":\"権限表\"}"),
                Map.entry("POST /api/incidents/{id}/steps/{step}", "{\"note\":\"対応済み\"}"),
                Map.entry("POST /api/templates", templateJson(n)), Map.entry("PUT /api/templates/{id}", templateJson(n)),
                Map.entry("POST /api/templates/{id}/approve", "{\"comment\":\"ok\"}"),
                Map.entry("POST /api/templates/{id}/reject", "{\"comment\":\"差し戻し\"}"),
                Map.entry("POST /api/templates/{id}/fill", "{\"values\":{\"時刻\":\"14:05\"}}"),
                Map.entry("PUT /api/me/notifications", "{\"email\":{\"DELIVERY_FAILED\":true}}"),
                Map.entry("PUT /api/notifications/addresses/{username}", "{\"email\":\"m" + n + "@example.jp\"}"),
                Map.entry("POST /api/notifications/webhooks", webhookJson(n)),
                Map.entry("PUT /api/notifications/webhooks/{id}", webhookJson(n)),
                Map.entry("POST /api/policy/lists/{list}", "{\"value\":\"権限表" + n + "\",\"reason\":\"不適切\"}"),
                Map.entry("POST /api/staff", "{\"username\":\"new-" + n + "\",\"displayName\":\"新任\",\"departmentId\":"
                        + world.departmentA().id() + ",\"roles\":[\"POSTER\"],\"password\":\"Matrix-pass-" + n + "\"}"),
                Map.entry("PUT /api/staff/{id}/roles", "{\"roles\":[\"POSTER\"]}"),
                Map.entry("PUT /api/staff/{id}/enabled", "{\"enabled\":true}"),
                Map.entry("POST /api/staff/{id}/password", "{\"password\":\"Matrix-pass-" + n + "\"}"),
                Map.entry("POST /api/departments", "{\"code\":\"d-" + n + "\",\"name\":\"新設課 " + n + "\"}"),
                Map.entry("POST /api/records/posts/{id}/hold", "{\"reason\":\"権限表 開示請求\"}"),
                Map.entry("POST /api/records/posts/{id}/release", "{\"reason\":\"権限表 対応済み\"}"),
                Map.entry("POST /api/records/disposal-lists/{id}/approve", "{\"comment\":\"権限表\"}"),
                Map.entry("POST /api/records/disposal-lists/{id}/refuse", "{\"comment\":\"権限表\"}"),
                Map.entry("POST /api/tokens", "{\"name\":\"権限表\",\"roles\":[\"POSTER\"],\"expiresAt\":\""
                        + now.plus(Duration.ofDays(1)) + "\"}"));
        if (operation.equals("DELETE /api/policy/lists/{list}")) {
            return new Call(path + "?value=matrix", null, null);
        }
        if (operation.equals("POST /api/media") || operation.equals("POST /compose/media")) {
            // a text file: the call passes authorization and is then refused as no image (415), storing nothing
            return new Call(path, "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; "
                    + "filename=\"x.jpg\"\r\nContent-Type: image/jpeg\r\n\r\nnot an image\r\n--" + BOUNDARY + "--\r\n",
                    "multipart/form-data; boundary=" + BOUNDARY);
        }
        if (operation.equals("POST /api/imports") || operation.equals("POST /imports")) {
            return new Call(path, "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; "
                    + "filename=\"posts.csv\"\r\nContent-Type: text/csv\r\n\r\n" + csv() + "\r\n--" + BOUNDARY + "--\r\n",
                    "multipart/form-data; boundary=" + BOUNDARY);
        }
        if (json.containsKey(operation)) {
            return new Call(path, json.get(operation), JSON);
        }
        if (!path.startsWith("/api/") && operation.startsWith("POST ")) {
            return new Call(path, form(hash, future, n), FORM);
        }
        return new Call(path, null, null);
    }

    /** Form fields the pages' forms send; fields a form does not know are ignored. */
    private String form(String hash, String future, String n) {
        return "text=" + enc("権限表 " + n) + "&category=NOTICE&accountIds=" + world.lineA().id() + "&contentHash="
                + hash + "&comment=ok&reason=" + enc("理由") + "&scheduledAt=" + enc(future.substring(0, 16))
                + "&note=ok&value=matrix" + n + "&outcome=found&summary=x&kind=FLAME_WAR&accountId="
                + world.lineA().id() + "&roles=POSTER&enabled=true&password=Matrix-pass-" + n + "&code=d" + n
                + "&name=" + enc("権限表 " + n) + "&username=new-" + n + "&departmentId=" + world.departmentA().id()
                + "&displayName=x&email=m" + n + "@example.jp&url=" + enc("http://localhost:9/hook")
                + "&secret=0123456789abcdef0123456789abcdef&kinds=DELIVERY_FAILED&platform=LINE&purpose=x"
                + "&administrator=" + world.approver() + "&closingDate=" + future.substring(0, 10);
    }

    /** A CSV of one draft to the world's LINE account of department A. */
    private String csv() {
        return "text,links,category,account_ids,scheduled_at,submit\n権限表 取り込み " + TestData.unique() + ",,NOTICE,"
                + world.lineA().id() + ",,false\n";
    }

    /** A complete policy: one the rules accept, so that a refusal is the person's and not the body's. */
    private String policyJson(String n) {
        return "{\"name\":\"権限表 " + n + "\",\"url\":\"https://line.me/R/ti/p/@m" + n + "\",\"purpose\":\"発信\","
                + "\"administrator\":\"" + world.approver() + "\",\"operators\":[\"" + world.poster() + "\"],"
                + "\"departmentApprovalRequired\":true,\"replyPolicy\":\"NO_REPLIES\"}";
    }

    private String postJson(String n) {
        return "{\"text\":\"権限表 " + n + "\",\"category\":\"NOTICE\",\"accountIds\":[" + world.lineA().id() + "]}";
    }

    private String templateJson(String n) {
        return "{\"name\":\"権限表 " + n + "\",\"text\":\"{{時刻}}に避難所を開設しました。\",\"placeholders\":"
                + "[{\"name\":\"時刻\",\"type\":\"TIME\"}],\"accountIds\":[" + world.lineA().id() + "]}";
    }

    private static String webhookJson(String n) {
        return "{\"name\":\"権限表 " + n + "\",\"url\":\"http://localhost:9/hook\",\"secret\":"
                + "\"0123456789abcdef0123456789abcdef\",\"kinds\":[\"DELIVERY_FAILED\"]}";
    }

    private String person(String username, Set<Role> roles) {
        s.staff().addStaff(username, username, TestData.PASSWORD, world.departmentA().id(), roles);
        return username;
    }

    private static String enc(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }
}
