package org.kohogateway.gateway.demo;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.kohogateway.connectors.Platform;
import org.kohogateway.gateway.account.OfficialAccounts;
import org.kohogateway.gateway.account.OperatingPolicy;
import org.kohogateway.gateway.account.PlatformCredentials;
import org.kohogateway.gateway.account.ReplyPolicy;
import org.kohogateway.gateway.staff.Department;
import org.kohogateway.gateway.staff.Role;
import org.kohogateway.gateway.staff.StaffDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Demo departments, logins (password {@code demo}) and LINE accounts wired to the simulated platform. Deliberately
 * not a {@code @Configuration}: only the demo run adds it, component scanning in tests must not.
 */
class DemoData {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    static final String PASSWORD = "demo";

    @Bean
    ApplicationRunner seedDemo(StaffDirectory staff, OfficialAccounts accounts, Environment environment) {
        return args -> {
            if (staff.findByUsername("poster1").isEmpty()) {
                seed(staff, accounts);
            }
            String port = environment.getProperty("local.server.port", "8080");
            log.info("""

                    ==================================================================
                      Koho Gateway demo is running: http://localhost:{}/
                      (API docs: http://localhost:{}/swagger-ui/index.html)
                      Simulated platforms (WireMock): {}
                      Logins (password "{}"):
                        poster1    投稿者      観光振興課
                        approver1  所属長      観光振興課 (same department as poster1)
                        approver2  所属長      防災安全課 (another department)
                        pr1        広報担当    政策企画課 広報係
                        auditor1   監査        監査委員事務局
                        admin1     管理者      情報政策課
                    ==================================================================
                    """, port, port, SimulatedPlatforms.shared().lineEndpoint(), PASSWORD);
        };
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
        PlatformCredentials token = new PlatformCredentials(
                Map.of(PlatformCredentials.LINE_CHANNEL_ACCESS_TOKEN, "demo-line-channel-token"));
        accounts.registerActive("demo", Platform.LINE, "江津市観光 LINE", "https://lin.ee/gotsu-kanko-demo",
                tourism.id(), "観光・イベント情報の発信", new OperatingPolicy(true, ReplyPolicy.NO_REPLIES), token);
        accounts.registerActive("demo", Platform.LINE, "江津市防災 LINE", "https://lin.ee/gotsu-bosai-demo",
                safety.id(), "防災・緊急情報の発信", new OperatingPolicy(true, ReplyPolicy.NO_REPLIES), token);
        accounts.registerActive("demo", Platform.LINE, "江津市 広報 LINE", "https://lin.ee/gotsu-koho-demo",
                pr.id(), "市政情報・報道発表の発信", new OperatingPolicy(false, ReplyPolicy.NO_REPLIES), token);
    }
}
