package org.kohogateway.gateway.login;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.kohogateway.gateway.support.GatewayException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The second step of a login ({@code /login/totp}: the code from the authenticator app) and TOTP enrolment
 * ({@code /login/totp/enrol}: forced for an ADMIN without one, optional for everyone else). A wrong code counts
 * towards the login lock like a wrong password; when the lock falls, the half-done login is thrown away.
 */
@Controller
class SecondFactorPages {

    private final SecondFactors secondFactors;
    private final LoginLockout lockout;
    private final LoginSuccess success;
    private final CityLogin cityLogin;

    SecondFactorPages(SecondFactors secondFactors, LoginLockout lockout, LoginSuccess success, CityLogin cityLogin) {
        this.secondFactors = secondFactors;
        this.lockout = lockout;
        this.success = success;
        this.cityLogin = cityLogin;
    }

    @GetMapping("/login/totp")
    String codeForm() {
        if (!(current() instanceof PendingSecondFactor pending)) {
            return "redirect:/";
        }
        return pending.enrolled() ? "login-totp" : "redirect:/login/totp/enrol";
    }

    @PostMapping("/login/totp")
    String code(@RequestParam(defaultValue = "") String code, HttpServletRequest request,
            HttpServletResponse response, Model model) {
        if (!(current() instanceof PendingSecondFactor pending) || !pending.enrolled()) {
            return "redirect:/login/totp";
        }
        switch (secondFactors.check(pending, code)) {
            case SecondFactors.CodeCheck.Passed passed -> {
                success.replace(request, response, passed.login());
                return "redirect:/";
            }
            case SecondFactors.CodeCheck.Locked locked -> {
                new SecurityContextLogoutHandler().logout(request, response, pending);
                return "redirect:/login?locked";
            }
            case SecondFactors.CodeCheck.Wrong wrong -> {
                response.setStatus(HttpStatus.BAD_REQUEST.value());
                model.addAttribute("errorCode", "totp.wrongCode");
                return "login-totp";
            }
        }
    }

    @GetMapping("/login/totp/enrol")
    String enrolForm(Model model) {
        Authentication me = current();
        if (me instanceof PendingSecondFactor pending && pending.enrolled()) {
            return "redirect:/login/totp";
        }
        if (secondFactors.enrolled(me.getName())) {
            model.addAttribute("enrolled", true);
            return "login-totp-enrol";
        }
        model.addAttribute("forced", me instanceof PendingSecondFactor);
        model.addAttribute("enrolment", secondFactors.begin(me.getName()));
        return "login-totp-enrol";
    }

    @PostMapping("/login/totp/enrol")
    String enrol(@RequestParam(defaultValue = "") String code, HttpServletRequest request,
            HttpServletResponse response, Model model) {
        Authentication me = current();
        if (me instanceof PendingSecondFactor pending && pending.enrolled() || secondFactors.enrolled(me.getName())) {
            return "redirect:/login/totp/enrol";
        }
        if (!secondFactors.confirm(me.getName(), code)) {
            // the app already holds the secret on the page: show the same one again, not a new one to scan
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("errorCode", "totp.wrongCode");
            model.addAttribute("forced", me instanceof PendingSecondFactor);
            model.addAttribute("enrolment", secondFactors.enrolling(me.getName()));
            return "login-totp-enrol";
        }
        if (me instanceof PendingSecondFactor pending) {
            complete(pending, request, response);
            return "redirect:/";
        }
        return "redirect:/login/totp/enrol";
    }

    /** A code posted to an enrolment that is not under way (a second tab, an old page): start it again. */
    @ExceptionHandler(GatewayException.class)
    String notUnderWay(GatewayException e) {
        return "redirect:/login/totp/enrol";
    }

    private void complete(PendingSecondFactor pending, HttpServletRequest request, HttpServletResponse response) {
        lockout.reset(pending.getName());
        success.replace(request, response, pending.verified());
        cityLogin.completed(pending.verified());
    }

    private static Authentication current() {
        return SecurityContextHolder.getContext().getAuthentication();
    }
}
