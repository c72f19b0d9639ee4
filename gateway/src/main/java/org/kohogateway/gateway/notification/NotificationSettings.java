package org.kohogateway.gateway.notification;

import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import org.jspecify.annotations.Nullable;
import org.kohogateway.gateway.audit.AuditTrail;
import org.kohogateway.gateway.staff.Role;
import org.kohogateway.gateway.staff.Staff;
import org.kohogateway.gateway.staff.StaffDirectory;
import org.kohogateway.gateway.support.InvalidRequestException;
import org.kohogateway.gateway.support.NotPermittedException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who gets which notification by e-mail. Every kind is on by default for the people it concerns; each person switches
 * kinds off (and on again) for themselves. Addresses are set by admins, so nobody can direct someone else's
 * notifications to an address of their choosing. Every change is audited.
 */
@Service
public class NotificationSettings {

    static final int MAX_ADDRESS = 254;

    private final JdbcClient jdbc;
    private final StaffDirectory staff;
    private final MailChannel mail;
    private final AuditTrail audit;

    NotificationSettings(JdbcClient jdbc, StaffDirectory staff, MailChannel mail, AuditTrail audit) {
        this.jdbc = jdbc;
        this.staff = staff;
        this.mail = mail;
        this.audit = audit;
    }

    /**
     * @param email          where e-mail goes; null: the person gets none
     * @param mailConfigured whether this gateway sends e-mail at all ({@code spring.mail.host} set)
     * @param byEmail        per kind, whether the person wants it by e-mail (they get it only where it concerns them)
     */
    public record Settings(@Nullable String email, boolean mailConfigured, Map<NotificationKind, Boolean> byEmail) {
    }

    @Transactional(readOnly = true)
    public Settings of(String username) {
        Staff me = staff.byUsername(username);
        Map<NotificationKind, Boolean> byEmail = new EnumMap<>(NotificationKind.class);
        for (NotificationKind kind : NotificationKind.values()) {
            byEmail.put(kind, true);
        }
        jdbc.sql("select kind, email from notification_preference where staff_id = :id").param("id", me.id())
                .query((rs, n) -> byEmail.put(NotificationKind.valueOf(rs.getString("kind")), rs.getBoolean("email")))
                .list();
        return new Settings(staff.email(username).orElse(null), mail.available(), byEmail);
    }

    /** Changes the given kinds only; the others stay as they are. */
    @Transactional
    public Settings change(String username, @Nullable Map<NotificationKind, Boolean> byEmail) {
        Staff me = staff.byUsername(username);
        if (byEmail == null || byEmail.isEmpty() || byEmail.keySet().stream().anyMatch(Objects::isNull)
                || byEmail.values().stream().anyMatch(Objects::isNull)) {
            throw new InvalidRequestException("notification.preferencesRequired",
                    "name at least one kind, each with true or false");
        }
        Map<String, Object> changed = new LinkedHashMap<>();
        for (var e : new EnumMap<>(byEmail).entrySet()) {
            jdbc.sql("""
                    insert into notification_preference (staff_id, kind, email) values (:id, :kind, :email)
                    on conflict (staff_id, kind) do update set email = excluded.email
                    """).param("id", me.id()).param("kind", e.getKey().name()).param("email", e.getValue()).update();
            changed.put(e.getKey().name(), e.getValue());
        }
        audit.record(me.username(), "NOTIFICATION_PREFERENCES_CHANGED", "STAFF", me.username(), null, null,
                Map.of("email", changed));
        return of(username);
    }

    /** An admin sets (or, with null or blank, clears) the address a member of staff gets e-mail at. */
    @Transactional
    public void changeAddress(String adminUsername, String username, @Nullable String email) {
        Staff admin = staff.byUsername(adminUsername);
        if (!admin.has(Role.ADMIN)) {
            throw new NotPermittedException("notification.addressAdminOnly", "e-mail addresses are set by admins");
        }
        Staff subject = staff.byUsername(username);
        String address = email == null || email.isBlank() ? null : address(email.strip());
        String before = staff.email(subject.username()).orElse(null);
        staff.changeEmail(subject.username(), address);
        audit.record(admin.username(), "STAFF_EMAIL_CHANGED", "STAFF", subject.username(), before == null ? null : "SET",
                address == null ? null : "SET", address == null ? Map.of("email", "cleared") : Map.of("email", address));
    }

    /** Of these people, those who switched this kind off. */
    Set<Long> optedOut(NotificationKind kind, Collection<Long> staffIds) {
        if (staffIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("""
                select staff_id from notification_preference where kind = :kind and not email and staff_id = any(:ids)
                """).param("kind", kind.name()).param("ids", staffIds.toArray(Long[]::new)).query(Long.class).list());
    }

    private static String address(String email) {
        try {
            InternetAddress parsed = new InternetAddress(email, true);
            if (email.length() <= MAX_ADDRESS && parsed.getPersonal() == null && email.equals(parsed.getAddress())
                    && email.indexOf('@') > 0) {
                return email;
            }
        } catch (AddressException e) {
            // reported below, with the others
        }
        throw new InvalidRequestException("notification.badAddress", "not a plain e-mail address");
    }
}
