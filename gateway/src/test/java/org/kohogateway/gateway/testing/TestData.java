package org.kohogateway.gateway.testing;

import java.net.URI;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.kohogateway.connectors.Platform;
import org.kohogateway.gateway.account.OfficialAccount;
import org.kohogateway.gateway.account.OfficialAccounts;
import org.kohogateway.gateway.account.OperatingPolicy;
import org.kohogateway.gateway.account.PlatformCredentials;
import org.kohogateway.gateway.account.ReplyPolicy;
import org.kohogateway.gateway.post.Delivery;
import org.kohogateway.gateway.post.DeliveryView;
import org.kohogateway.gateway.post.NewPost;
import org.kohogateway.gateway.post.Post;
import org.kohogateway.gateway.post.PostCategory;
import org.kohogateway.gateway.post.PostWorkflow;
import org.kohogateway.gateway.post.SendLog;
import org.kohogateway.gateway.staff.Department;
import org.kohogateway.gateway.staff.Role;
import org.kohogateway.gateway.staff.StaffDirectory;
import org.springframework.boot.test.context.TestComponent;

/**
 * Builds a fresh, uniquely named world per test (departments, staff, accounts) so tests sharing one database
 * never see each other's data, and posts that reach a state by walking the real workflow.
 */
@TestComponent
public class TestData {

    public static final String PASSWORD = "pw";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final StaffDirectory staff;
    private final OfficialAccounts accounts;
    private final PostWorkflow workflow;
    private final SendLog sendLog;

    TestData(StaffDirectory staff, OfficialAccounts accounts, PostWorkflow workflow, SendLog sendLog) {
        this.staff = staff;
        this.accounts = accounts;
        this.workflow = workflow;
        this.sendLog = sendLog;
    }

    /** The delivery as the send log shows it now. */
    public DeliveryView view(Delivery delivery) {
        return sendLog.list(null, delivery.accountId(), 1000).stream().filter(d -> d.id().equals(delivery.id()))
                .findFirst().orElseThrow();
    }

    /** The one delivery of a post made for one account. */
    public static Delivery only(Post post) {
        if (post.deliveries().size() != 1) {
            throw new IllegalStateException("post " + post.id() + " has " + post.deliveries().size() + " deliveries");
        }
        return post.deliveries().getFirst();
    }

    /**
     * @param poster     POSTER of department A
     * @param approver   APPROVER of department A
     * @param approverB  APPROVER of department B
     * @param pr         PR officer (and poster) of the PR department
     * @param pr2        a second PR officer
     * @param both       POSTER and APPROVER of department A: the separation-of-duties case
     * @param lineA      LINE account of A, department approval required, no replies
     * @param lineA2     second LINE account of A, department approval required
     * @param lineB      LINE account of B, department approval required
     * @param lineAFree  LINE account of A whose policy waives department approval (PR approves)
     * @param x          X account of A, department approval required, no replies; credentials valid for the
     *                   simulator (OAuth 1.0a, all four fields, unique to this world)
     * @param facebook   Facebook Page of A, department approval required, no replies; a numeric page id and a
     *                   page token unique to this world
     * @param instagram  Instagram account of A, department approval required, replies allowed; a numeric IG user id
     *                   and a token unique to this world
     * @param cityLine   LINE account of the PR department (the city's own): where PR publishes directly
     * @param cityLine2  second LINE account of the PR department
     */
    public record World(String poster, String approver, String approverB, String pr, String pr2, String both,
            String auditor, String admin, Department departmentA, Department departmentB, OfficialAccount lineA,
            OfficialAccount lineA2, OfficialAccount lineB, OfficialAccount lineAFree, OfficialAccount x,
            OfficialAccount facebook, OfficialAccount instagram, OfficialAccount cityLine, OfficialAccount cityLine2) {
    }

    /** A suffix no other test has used: the sequence and the time in base 36, {@code "12-1a2b3c"}. */
    public static String unique() {
        return Integer.toString(SEQUENCE.incrementAndGet()) + "-" + Long.toString(System.nanoTime(), 36);
    }

    public World world() {
        String n = unique();
        Department a = staff.addDepartment("a-" + n, "観光振興課 " + n, false);
        Department b = staff.addDepartment("b-" + n, "防災安全課 " + n, false);
        Department prDepartment = staff.addDepartment("pr-" + n, "広報係 " + n, true);
        String poster = user("poster-" + n, a, Set.of(Role.POSTER));
        String approver = user("approver-" + n, a, Set.of(Role.APPROVER));
        String approverB = user("approverb-" + n, b, Set.of(Role.APPROVER));
        String pr = user("pr-" + n, prDepartment, EnumSet.of(Role.PR_OFFICER, Role.POSTER));
        String pr2 = user("pr2-" + n, prDepartment, Set.of(Role.PR_OFFICER));
        String both = user("both-" + n, a, EnumSet.of(Role.POSTER, Role.APPROVER));
        String auditor = user("auditor-" + n, a, Set.of(Role.AUDITOR));
        String admin = user("admin-" + n, a, Set.of(Role.ADMIN));
        OperatingPolicy strict = new OperatingPolicy(true, ReplyPolicy.NO_REPLIES);
        return new World(poster, approver, approverB, pr, pr2, both, auditor, admin, a, b,
                line("観光 LINE " + n, a, strict), line("観光 LINE 2 " + n, a, strict), line("防災 LINE " + n, b, strict),
                line("観光 LINE 承認不要 " + n, a, new OperatingPolicy(false, ReplyPolicy.REPLIES_ALLOWED)),
                account(a, Platform.X, "観光 X " + n, strict, xCredentials(n)),
                account(a, Platform.FACEBOOK, "観光 Facebook " + n, strict, facebookCredentials(n)),
                account(a, Platform.INSTAGRAM, "観光 Instagram " + n, new OperatingPolicy(true, ReplyPolicy.REPLIES_ALLOWED),
                        instagramCredentials(n)),
                line("江津市 LINE " + n, prDepartment, strict), line("江津市 LINE 2 " + n, prDepartment, strict));
    }

    /** X credentials the simulator accepts, unique to {@code n} (from {@link #unique()}). */
    public static PlatformCredentials xCredentials(String n) {
        return new PlatformCredentials(Map.of(
                PlatformCredentials.X_CONSUMER_KEY, "test-x-consumer-key-" + n,
                PlatformCredentials.X_CONSUMER_SECRET, "test-x-consumer-secret-" + n,
                PlatformCredentials.X_ACCESS_TOKEN, "1234567890-test-x-access-token-" + n,
                PlatformCredentials.X_ACCESS_TOKEN_SECRET, "test-x-access-token-secret-" + n));
    }

    /** Facebook Page credentials the simulator accepts, unique to {@code n} (from {@link #unique()}). */
    public static PlatformCredentials facebookCredentials(String n) {
        return new PlatformCredentials(Map.of(
                PlatformCredentials.FACEBOOK_PAGE_ID, numericId("1049", n),
                PlatformCredentials.FACEBOOK_PAGE_ACCESS_TOKEN, "EAAGtestFacebookPageToken" + n.replace("-", "")));
    }

    /** Instagram credentials the simulator accepts, unique to {@code n} (from {@link #unique()}). */
    public static PlatformCredentials instagramCredentials(String n) {
        return new PlatformCredentials(Map.of(
                PlatformCredentials.INSTAGRAM_IG_USER_ID, numericId("178414", n),
                PlatformCredentials.INSTAGRAM_ACCESS_TOKEN, "EAAGtestInstagramToken" + n.replace("-", "")));
    }

    /** A YouTube channel's OAuth client and refresh token; category and playlist left to their defaults. */
    public static PlatformCredentials youtubeCredentials(String n) {
        return new PlatformCredentials(Map.of(
                PlatformCredentials.YOUTUBE_CLIENT_ID, "1062957823194-test-" + n + ".apps.googleusercontent.com",
                PlatformCredentials.YOUTUBE_CLIENT_SECRET, "GOCSPX-test-" + n,
                PlatformCredentials.YOUTUBE_REFRESH_TOKEN, "1//0eTestRefresh-" + n));
    }

    /** Bluesky credentials the simulator accepts, unique to {@code n} (from {@link #unique()}). */
    public static PlatformCredentials blueskyCredentials(String n) {
        return new PlatformCredentials(Map.of(
                PlatformCredentials.BLUESKY_HANDLE, "gotsu-test-" + n + ".bsky.social",
                PlatformCredentials.BLUESKY_APP_PASSWORD, "test-app-password-" + n));
    }

    /** Threads credentials the simulator accepts, unique to {@code n} (from {@link #unique()}). */
    public static PlatformCredentials threadsCredentials(String n) {
        return new PlatformCredentials(Map.of(
                PlatformCredentials.THREADS_USER_ID, numericId("258147", n),
                PlatformCredentials.THREADS_ACCESS_TOKEN, "THAAGtestThreadsToken" + n.replace("-", "")));
    }

    /**
     * An active account of the given platform in the given department, with exactly these credentials (tests of
     * missing or wrong credentials).
     */
    public OfficialAccount account(Department department, Platform platform, String name, OperatingPolicy policy,
            PlatformCredentials credentials) {
        return accounts.registerActive("test", platform, name, "https://example.jp/" + Integer.toHexString(name.hashCode()),
                department.id(), "テスト", policy, credentials);
    }

    /** A post by the world's poster to the given accounts, approved by the department head. */
    public Post approvedPost(World world, String text, Instant scheduledAt, OfficialAccount... targets) {
        Post post = draft(world.poster(), text, scheduledAt, targets);
        workflow.submit(world.poster(), post.id());
        return workflow.approve(world.approver(), post.id(), "ok", java.util.Set.of(), workflow.get(post.id()).contentHash());
    }

    /** A post with one image (Instagram needs one), by the world's poster, approved by the department head. */
    public Post approvedPostWithImage(World world, String text, URI image, Instant scheduledAt,
            OfficialAccount... targets) {
        return approved(world, new NewPost(text, List.of(), List.of(image), PostCategory.NOTICE,
                java.util.Arrays.stream(targets).map(OfficialAccount::id).toList(), scheduledAt, null, null, null, null, null));
    }

    /** Any post by the world's poster, submitted and approved by the department head. */
    public Post approved(World world, NewPost request) {
        Post post = workflow.create(world.poster(), request);
        workflow.submit(world.poster(), post.id());
        return workflow.approve(world.approver(), post.id(), "ok", java.util.Set.of(), workflow.get(post.id()).contentHash());
    }

    public Post draft(String author, String text, Instant scheduledAt, OfficialAccount... targets) {
        return workflow.create(author, NewPost.of(text, List.of(), PostCategory.NOTICE,
                java.util.Arrays.stream(targets).map(OfficialAccount::id).toList(), scheduledAt));
    }

    /**
     * A Graph node id: digits only, unique to {@code n} ("sequence-time in base 36", as {@link #unique()} makes it):
     * the prefix, the sequence in six digits, the time in decimal.
     */
    private static String numericId(String prefix, String n) {
        String[] parts = n.split("-", 2);
        return prefix + String.format("%06d", Integer.parseInt(parts[0])) + Long.parseLong(parts[1], 36);
    }

    private String user(String username, Department department, Set<Role> roles) {
        staff.addStaff(username, username, PASSWORD, department.id(), roles);
        return username;
    }

    private OfficialAccount line(String name, Department department, OperatingPolicy policy) {
        return accounts.registerActive("test", Platform.LINE, name, "https://lin.ee/" + name.hashCode(), department.id(),
                "テスト", policy, new PlatformCredentials(Map.of(PlatformCredentials.LINE_CHANNEL_ACCESS_TOKEN,
                        "test-token-" + name.hashCode())));
    }
}
