package org.kohogateway.gateway.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.kohogateway.gateway.account.OfficialAccounts;
import org.kohogateway.gateway.crisis.Pauses;
import org.kohogateway.gateway.media.MediaLibrary;
import org.kohogateway.gateway.post.PostWorkflow;
import org.kohogateway.gateway.staff.StaffDirectory;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * A page controller with its templates, form binding and error handling, and the domain mocked: no database, no
 * server. What every page needs comes with it: the requesting member of staff ({@code RequestingStaff}, asking the
 * mocked {@link StaffDirectory}), the menu flags and the pause banner ({@link PageModel}), and the page helpers.
 * The API's and the security module's own filters stay out (Spring Boot's default chain signs a
 * {@code @WithMockUser} in); a slice tests what a page shows, the authorization matrix tests who reaches it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WebMvcTest(excludeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
        pattern = "org\\.kohogateway\\.gateway\\.(api\\..*|security\\.(?!RequestingStaff$).*)"))
@Import({FindingLines.class, FormErrors.class, ComposePage.class, SentTexts.class})
@MockitoBean(types = {StaffDirectory.class, Pauses.class, OfficialAccounts.class, PostWorkflow.class,
        MediaLibrary.class})
@interface PageSlice {

    /** The page controllers under test. */
    @AliasFor(annotation = WebMvcTest.class, attribute = "controllers")
    Class<?>[] value();
}
