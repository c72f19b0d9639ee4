package org.kohogateway.gateway.web;

import java.util.List;
import java.util.Locale;

import org.kohogateway.connectors.Platform;
import org.kohogateway.gateway.account.OfficialAccount;
import org.kohogateway.gateway.account.OfficialAccounts;
import org.kohogateway.gateway.account.PolicyTexts;
import org.kohogateway.gateway.staff.StaffDirectory;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The public list of official accounts (guideline §5 市ホームページに掲載), without login: a page and a JSON feed the
 * city homepage embeds. Only accounts in service, and only what is public about them.
 */
@Controller
class PublicAccountsController {

    private final OfficialAccounts accounts;
    private final PolicyTexts texts;
    private final StaffDirectory staff;

    PublicAccountsController(OfficialAccounts accounts, PolicyTexts texts, StaffDirectory staff) {
        this.accounts = accounts;
        this.texts = texts;
        this.staff = staff;
    }

    /** What the public may know of an account; built field by field so nothing internal slips in. */
    record PublicAccount(String name, Platform platform, String url, String purpose, String department,
            String replyPolicy) {
    }

    @GetMapping("/official-accounts")
    String page(Model model) {
        model.addAttribute("accounts", list(LocaleContextHolder.getLocale()));
        return "official-accounts";
    }

    @GetMapping(path = "/official-accounts.json", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<List<PublicAccount>> json() {
        // the homepage's own script fetches this from another origin; it is public, so any origin may read it
        return ResponseEntity.ok().header("Access-Control-Allow-Origin", "*").body(list(LocaleContextHolder.getLocale()));
    }

    private List<PublicAccount> list(Locale locale) {
        return accounts.inService().stream().map(a -> view(a, locale)).toList();
    }

    private PublicAccount view(OfficialAccount a, Locale locale) {
        return new PublicAccount(a.name(), a.platform(), a.url(), a.purpose(),
                staff.department(a.departmentId()).name(), texts.replyStatement(a, locale));
    }
}
