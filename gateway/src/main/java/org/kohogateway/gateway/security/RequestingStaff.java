package org.kohogateway.gateway.security;

import java.util.List;

import org.kohogateway.gateway.staff.Staff;
import org.kohogateway.gateway.staff.StaffDirectory;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * A handler that takes a {@link Staff} parameter gets the person making the request, looked up once per request:
 * with the roles they hold now, narrowed to an API token's roles when they act through one. Pages and API ask the
 * domain with that person instead of each looking them up by name.
 */
@Configuration(proxyBeanMethods = false)
class RequestingStaff implements WebMvcConfigurer, HandlerMethodArgumentResolver {

    private static final String ATTRIBUTE = RequestingStaff.class.getName();

    static {
        // the person making the request is none of its parameters: keep it out of the API's documentation
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Staff.class);
    }

    private final StaffDirectory staff;

    RequestingStaff(StaffDirectory staff) {
        this.staff = staff;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Staff.class;
    }

    @Override
    public Staff resolveArgument(MethodParameter parameter, ModelAndViewContainer container, NativeWebRequest request,
            WebDataBinderFactory binders) {
        if (request.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST) instanceof Staff known) {
            return known;
        }
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || authentication instanceof AnonymousAuthenticationToken) {
            throw new AuthenticationCredentialsNotFoundException("this page is for signed-in staff");
        }
        Staff me = staff.byUsername(authentication.getName());
        request.setAttribute(ATTRIBUTE, me, RequestAttributes.SCOPE_REQUEST);
        return me;
    }
}
