package org.kohogateway.gateway.web;

import java.util.LinkedHashMap;
import java.util.Map;

import org.kohogateway.gateway.account.OfficialAccount;
import org.kohogateway.gateway.account.OfficialAccounts;
import org.kohogateway.gateway.crisis.Pauses;
import org.kohogateway.gateway.staff.Staff;
import org.kohogateway.gateway.staff.StaffDirectory;
import org.kohogateway.gateway.support.BusyException;
import org.kohogateway.gateway.support.TooManyAtOnceException;
import org.kohogateway.gateway.support.UnacceptableContentException;
import org.kohogateway.gateway.support.GatewayException;
import org.kohogateway.gateway.support.IllegalTransitionException;
import org.kohogateway.gateway.support.NotFoundException;
import org.kohogateway.gateway.support.NotPermittedException;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

/**
 * What every signed-in page shows (who is signed in, which roles they have, the pause banner) and how the pages
 * answer input they cannot use: a page with the reason in the person's language and a 4xx status, never a 500.
 */
@ControllerAdvice(assignableTypes = {PagesController.class, PostPagesController.class, InboxPagesController.class,
        PressReleasePagesController.class, AuditPagesController.class, AdminPagesController.class,
        AccountReviewPagesController.class, DeliveryPagesController.class, CalendarPagesController.class,
        StaffPagesController.class, CancelPagesController.class, ImportPagesController.class,
        PolicyListPagesController.class, IncidentPagesController.class, AccountRequestPagesController.class,
        NotificationPagesController.class, RoleGrantPagesController.class, ComposeMediaPagesController.class,
        RecordPagesController.class, DisposalPagesController.class, ConfirmPagesController.class,
        TemplatePagesController.class, TemplateFillPagesController.class, ChannelPagesController.class})
class PageModel {

    private final StaffDirectory staff;
    private final Pauses pauses;
    private final OfficialAccounts accounts;

    PageModel(StaffDirectory staff, Pauses pauses, OfficialAccounts accounts) {
        this.staff = staff;
        this.pauses = pauses;
        this.accounts = accounts;
    }

    @ModelAttribute
    void common(Staff me, Model model) {
        model.addAttribute("zone", PagesController.CITY_TIME);
        model.addAttribute("me", me);
        model.addAttribute("department", staff.department(me.departmentId()));
        // the menu shows what the person may use; each flag is the domain's question, which the use case enforces
        model.addAttribute("isPoster", me.mayWritePosts());
        model.addAttribute("isApprover", me.mayDecidePosts());
        model.addAttribute("isPr", me.publishesDirectly());
        model.addAttribute("isAuditor", me.audits());
        model.addAttribute("isAdmin", me.handlesEveryAccount());
        model.addAttribute("isSystemAdmin", me.administers());
        model.addAttribute("isAccountRequester", me.mayRequestAccounts());
        model.addAttribute("isIncidentViewer", me.readsIncidents());
        model.addAttribute("pauses", pauses.active());
        model.addAttribute("accountNames", accountNames());
    }

    Map<Long, String> accountNames() {
        Map<Long, String> names = new LinkedHashMap<>();
        for (OfficialAccount a : accounts.all()) {
            names.put(a.id(), a.name());
        }
        return names;
    }

    /** A parameter of the wrong type or missing (a hand-made request, an old bookmark): say so, as a 400 page. */
    @ExceptionHandler({MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class})
    ModelAndView badRequest(Exception e) {
        return errorPage(HttpStatus.BAD_REQUEST, "page.badRequest", new Object[0]);
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ModelAndView wrongMethod(Exception e) {
        return errorPage(HttpStatus.METHOD_NOT_ALLOWED, "page.badRequest", new Object[0]);
    }

    /** The database gave up waiting for a lock or on a statement: nothing was changed, so the person may try again. */
    @ExceptionHandler({PessimisticLockingFailureException.class, QueryTimeoutException.class})
    ModelAndView busy(Exception e) {
        return errorPage(HttpStatus.SERVICE_UNAVAILABLE, "problem.busy", new Object[0]);
    }

    /**
     * A refusal that escaped a page's own form handling: a post id that does not exist, or a refusal of the person,
     * which no form shows (see {@link FormErrors#passOnRefusalOfThePerson}).
     */
    @ExceptionHandler(GatewayException.class)
    ModelAndView refused(GatewayException e) {
        HttpStatus status = switch (e) {
            case NotFoundException n -> HttpStatus.NOT_FOUND;
            case NotPermittedException n -> HttpStatus.FORBIDDEN;
            case IllegalTransitionException n -> HttpStatus.CONFLICT;
            case BusyException n -> HttpStatus.SERVICE_UNAVAILABLE;
            case TooManyAtOnceException n -> HttpStatus.TOO_MANY_REQUESTS;
            case UnacceptableContentException u -> u.reason() == UnacceptableContentException.Reason.TOO_LARGE
                    ? HttpStatus.CONTENT_TOO_LARGE : HttpStatus.UNSUPPORTED_MEDIA_TYPE;
            default -> HttpStatus.BAD_REQUEST;
        };
        return errorPage(status, e.code(), e.arguments());
    }

    private static ModelAndView errorPage(HttpStatus status, String code, Object[] arguments) {
        ModelAndView page = new ModelAndView("page-error");
        page.setStatus(status);
        page.addObject("status", status.value());
        page.addObject("errorCode", code);
        page.addObject("errorArgs", arguments);
        return page;
    }
}
