package org.kohogateway.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.security.MatrixFixtures.Call;
import org.kohogateway.gateway.staff.Role;
import org.kohogateway.gateway.testing.Api;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.PageSession;
import org.kohogateway.gateway.testing.TestData;
import org.kohogateway.gateway.testing.TestData.World;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import tools.jackson.databind.JsonNode;

/**
 * Issue 16 point 13: every API operation of {@code /v3/api-docs} and every page route, called by every
 * {@link MatrixSubject}, answers as {@code docs/authorization-matrix.md} declares; an operation the table does not list,
 * or one it lists that no longer exists, fails the build. On a difference the observed tables are written to
 * {@code target/authorization-matrix.observed.md}, to review and paste in.
 */
class AuthorizationMatrixIntegrationTest extends IntegrationTest {

    private static final Path DOC = Path.of("../docs/authorization-matrix.md");
    private static final Path OBSERVED = Path.of("target/authorization-matrix.observed.md");
    /** Operations walked at once: enough to keep two cores busy while each waits on the database. */
    private static final int PARALLEL = 4;

    @Autowired
    org.kohogateway.gateway.post.PostWorkflow posts;

    @Autowired
    org.kohogateway.gateway.account.AccountWorkflow accounts;

    @Autowired
    org.kohogateway.gateway.staff.StaffDirectory staff;

    @Autowired
    org.kohogateway.gateway.staff.StaffAdministration administration;

    @Autowired
    org.kohogateway.gateway.policy.PolicyLists lists;

    @Autowired
    org.kohogateway.gateway.notification.Webhooks webhooks;

    @Autowired
    org.kohogateway.gateway.incident.Incidents incidents;

    @Autowired
    org.kohogateway.gateway.template.PostTemplates templates;

    @Autowired
    org.kohogateway.gateway.importing.Imports imports;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Autowired
    org.kohogateway.gateway.media.MediaLibrary media;

    @Autowired
    org.kohogateway.gateway.media.PublicMediaLinks mediaLinks;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    ApiTokens apiTokens;

    @Test
    void everyOperationAnswersEverySubjectAsTheDeclaredTableSays() throws Exception {
        World world = data.world();
        Set<String> api = apiOperations(world);
        Set<String> pages = pageRoutes();
        Map<String, Map<MatrixSubject, String>> declared = AuthorizationTable.read(DOC);

        Callers callers = new Callers(world);
        MatrixFixtures fixtures = new MatrixFixtures(new MatrixFixtures.Services(data, posts, accounts,
                staff, administration, lists, webhooks, incidents, imports, apiTokens, templates, jdbc, media,
                mediaLinks), world, clock.instant());
        Map<String, Map<MatrixSubject, String>> observed = new ConcurrentHashMap<>();
        List<String> all = new ArrayList<>(api);
        all.addAll(pages);
        try (ExecutorService pool = Executors.newFixedThreadPool(PARALLEL)) {
            List<Future<?>> walks = new ArrayList<>();
            for (String operation : all) {
                walks.add(pool.submit(() -> observed.put(operation, walk(operation, fixtures, callers))));
            }
            for (Future<?> walk : walks) {
                walk.get();
            }
        }

        List<String> differences = new ArrayList<>();
        new TreeSet<>(all).stream().filter(op -> !declared.containsKey(op))
                .forEach(op -> differences.add(op + ": not in the table"));
        declared.keySet().stream().filter(op -> !observed.containsKey(op))
                .forEach(op -> differences.add(op + ": in the table, but no such operation"));
        new TreeMap<>(observed).forEach((op, answers) -> answers.forEach((subject, answer) -> {
            String expected = declared.getOrDefault(op, Map.of()).get(subject);
            if (expected != null && !expected.equals(answer)) {
                differences.add(op + " / " + subject.column + ": declared " + expected + ", answered " + answer);
            }
        }));
        if (!differences.isEmpty()) {
            writeObserved(observed, api);
        }
        assertThat(differences).as("authorization answers differing from " + DOC + " (observed tables in "
                + OBSERVED.toAbsolutePath() + ")").isEmpty();
    }

    /** One operation called by every subject, each with fixtures of its own. */
    private Map<MatrixSubject, String> walk(String operation, MatrixFixtures fixtures, Callers callers) {
        String method = operation.substring(0, operation.indexOf(' '));
        Map<MatrixSubject, String> answers = new EnumMap<>(MatrixSubject.class);
        for (MatrixSubject subject : MatrixSubject.values()) {
            Call call = fixtures.call(operation);
            answers.put(subject, call.path().startsWith("/api/")
                    ? answer(callers.api(subject).send(method, call.path(), call.body(), call.contentType(), null)
                            .status(), "", operation, subject)
                    : page(callers, subject, method, call, operation));
        }
        return answers;
    }

    private static String page(Callers callers, MatrixSubject subject, String method, Call call, String operation) {
        HttpResponse<String> response = callers.page(subject).sendWithSessionToken(method, call.path(), call.body(),
                call.contentType(), callers.pageHeaders(subject));
        return answer(response.statusCode(), response.headers().firstValue("Location").orElse(""), operation, subject);
    }

    /**
     * The authorization's answer: 401 (also a page's redirect to the sign-in), 403, 404, else ok — whatever came after
     * the authorization (2xx, 3xx, a validation's 400, a state's 409); a server error fails the walk.
     */
    private static String answer(int status, String location, String operation, MatrixSubject subject) {
        assertThat(status).as(operation + " / " + subject.column).isLessThan(500);
        if (status == 401 || (status == 302 && location.matches(".*/login(\\?.*)?$"))) {
            return "401";
        }
        return status == 403 || status == 404 ? Integer.toString(status) : "ok";
    }

    private Set<String> apiOperations(World world) {
        JsonNode paths = basic(world.auditor()).get("/v3/api-docs").json().get("paths");
        Set<String> operations = new TreeSet<>();
        for (Map.Entry<String, JsonNode> path : paths.properties()) {
            path.getValue().properties().forEach(method -> operations.add(method.getKey().toUpperCase() + " "
                    + path.getKey()));
        }
        return operations;
    }

    /** The gateway's own page and form routes (the API is walked from its description); regex variables by name. */
    private Set<String> pageRoutes() {
        Set<String> routes = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            String type = handler.getBeanType().getName();
            if (!type.startsWith("org.kohogateway.gateway.") || type.startsWith("org.kohogateway.gateway.api.")) {
                return;
            }
            Set<String> methods = info.getMethodsCondition().getMethods().isEmpty() ? Set.of("GET")
                    : info.getMethodsCondition().getMethods().stream().map(Enum::name)
                            .collect(java.util.stream.Collectors.toSet());
            for (String pattern : info.getPatternValues()) {
                methods.forEach(m -> routes.add(m + " " + pattern.replaceAll("\\{(\\w+):[^}]*}", "{$1}")));
            }
        });
        return routes;
    }

    private static void writeObserved(Map<String, Map<MatrixSubject, String>> observed, Set<String> api)
            throws IOException {
        Map<String, Map<MatrixSubject, String>> apiRows = new LinkedHashMap<>();
        Map<String, Map<MatrixSubject, String>> pageRows = new LinkedHashMap<>();
        observed.forEach((op, answers) -> (api.contains(op) ? apiRows : pageRows).put(op, answers));
        Files.createDirectories(OBSERVED.getParent());
        Files.writeString(OBSERVED, "## API\n\n" + AuthorizationTable.render(apiRows) + "\n## Pages\n\n"
                + AuthorizationTable.render(pageRows));
    }

    /** Each subject's way in: its API client and its browser session. */
    private final class Callers {

        private final Map<MatrixSubject, Api> apis = new EnumMap<>(MatrixSubject.class);
        private final Map<MatrixSubject, PageSession> sessions = new EnumMap<>(MatrixSubject.class);
        private final Map<MatrixSubject, String> secrets = new EnumMap<>(MatrixSubject.class);

        Callers(World world) {
            Map<MatrixSubject, String> people = Map.of(MatrixSubject.POSTER, world.poster(), MatrixSubject.APPROVER,
                    world.approver(), MatrixSubject.PR_OFFICER, world.pr2(), MatrixSubject.AUDITOR, world.auditor(),
                    MatrixSubject.ADMIN, world.admin());
            secrets.put(MatrixSubject.POSTER_TOKEN, secret(world.poster(), EnumSet.of(Role.POSTER), null, false));
            secrets.put(MatrixSubject.APPROVER_TOKEN, secret(world.approver(), EnumSet.of(Role.APPROVER), null, false));
            secrets.put(MatrixSubject.APPROVER_DECISION_TOKEN,
                    secret(world.approver(), EnumSet.of(Role.APPROVER), null, true));
            secrets.put(MatrixSubject.PR_ACCOUNT_TOKEN, secret(world.pr(), EnumSet.of(Role.PR_OFFICER, Role.POSTER),
                    List.of(world.cityLine().id()), false));
            for (MatrixSubject subject : MatrixSubject.values()) {
                String person = people.get(subject);
                // an admin signs in to the API with a second factor, which a token issued with it stands for
                apis.put(subject, subject == MatrixSubject.ANONYMOUS ? anonymous()
                        : subject.token() ? Api.withToken(port, secrets.get(subject))
                        : AuthorizationMatrixIntegrationTest.this.api(person));
                sessions.put(subject, person == null ? PageSession.anonymous(port)
                        : PageSession.login(port, person, TestData.PASSWORD));
            }
        }

        Api api(MatrixSubject subject) {
            return apis.get(subject);
        }

        PageSession page(MatrixSubject subject) {
            return sessions.get(subject);
        }

        /** Tokens are offered to the pages too, which must not take them. */
        Map<String, String> pageHeaders(MatrixSubject subject) {
            return subject.token() ? Map.of("Authorization", "Bearer " + secrets.get(subject))
                    : Collections.emptyMap();
        }

        private String secret(String person, Set<Role> roles, List<Long> accounts, boolean decides) {
            return apiTokens.issue(person, new ApiTokens.NewToken("権限表", null, roles, accounts,
                    clock.instant().plus(Duration.ofDays(1)), decides), decides).secret();
        }
    }
}
