package org.kohogateway.gateway.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.staff.Role;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;

class GroupMappingTest {

    private static final Map<String, Set<Role>> GROUPS = Map.of("sns-posters", Set.of(Role.POSTER),
            "sns-heads", Set.of(Role.APPROVER), "koho", EnumSet.of(Role.PR_OFFICER, Role.POSTER));

    private final GroupMapping mapping = new GroupMapping(
            new LoginProperties.Oidc("preferred_username", "groups", GROUPS, null, false));

    @Test
    void rolesAreTheUnionOfTheMappedGroupsAndUnmappedGroupsAreIgnored() {
        GroupMapping.Person person = mapping.person(Map.of("preferred_username", "hanako",
                "groups", List.of("all-staff", "sns-heads", "koho")));
        assertThat(person.username()).isEqualTo("hanako");
        assertThat(person.roles()).containsExactlyInAnyOrder(Role.APPROVER, Role.PR_OFFICER, Role.POSTER);
        assertThat(person.departmentCode()).isNull();
    }

    @Test
    void groupsMayComeAsOneStringOfNames() {
        assertThat(mapping.person(Map.of("preferred_username", "u", "groups", "all-staff, sns-posters")).roles())
                .containsExactly(Role.POSTER);
    }

    @Test
    void refusesSomeoneInNoMappedGroupOrWithoutAUsername() {
        assertRefused(() -> mapping.person(Map.of("preferred_username", "u", "groups", List.of("all-staff"))),
                GroupMapping.NO_MAPPED_GROUP);
        assertRefused(() -> mapping.person(Map.of("preferred_username", "u")), GroupMapping.NO_MAPPED_GROUP);
        assertRefused(() -> mapping.person(Map.of("groups", List.of("sns-posters"))), GroupMapping.NO_USERNAME);
    }

    @Test
    void readsTheConfiguredClaimsForUsernameAndDepartment() {
        GroupMapping byEmail = new GroupMapping(new LoginProperties.Oidc("email", "roles", GROUPS, "dept", false));
        GroupMapping.Person person = byEmail.person(Map.of("email", "hanako@city.example.jp", "roles",
                List.of("sns-posters"), "dept", "kanko", "preferred_username", "ignored"));
        assertThat(person.username()).isEqualTo("hanako@city.example.jp");
        assertThat(person.departmentCode()).isEqualTo("kanko");
        assertRefused(() -> byEmail.person(Map.of("email", "x@city.example.jp", "roles", List.of("sns-posters"))),
                GroupMapping.NO_DEPARTMENT);
    }

    @Test
    void creatingUnknownPeopleNeedsADepartmentClaim() {
        assertThatThrownBy(() -> new LoginProperties.Oidc("preferred_username", "groups", GROUPS, null, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("department-claim");
    }

    private static void assertRefused(Runnable mapping, String code) {
        assertThatThrownBy(mapping::run).isInstanceOfSatisfying(OAuth2AuthenticationException.class,
                e -> assertThat(e.getError().getErrorCode()).isEqualTo(code));
    }
}
