package org.kohogateway.gateway.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.staff.StaffDirectory;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.password.PasswordEncoder;

/** The lock under guesses sent all at once: the limit holds however many arrive together. */
class LoginLockoutIntegrationTest extends IntegrationTest {

    private static final int MAX_FAILURES = 5;
    private static final int PARALLEL_GUESSES = 20;

    @Autowired
    StaffDirectory staff;

    @Autowired
    PasswordEncoder passwords;

    @Autowired
    LoginLockout lockout;

    @Autowired
    SecondFactors secondFactors;

    @Autowired
    JdbcClient jdbc;

    @Test
    void parallelWrongPasswordsNeverGetMoreChecksThanTheLimit() throws Exception {
        SlowCountingEncoder encoder = new SlowCountingEncoder(passwords);
        PasswordLogin login = new PasswordLogin(staff, encoder, lockout, secondFactors);
        String username = "guess-" + TestData.unique();

        List<Future<String>> answers = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService guessers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < PARALLEL_GUESSES; i++) {
                String guess = "wrong-" + i;
                answers.add(guessers.submit(() -> {
                    start.await();
                    try {
                        login.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(username, guess));
                        return "accepted";
                    } catch (AuthenticationException e) {
                        return e.getClass().getSimpleName();
                    }
                }));
            }
            start.countDown();
            for (Future<String> answer : answers) {
                assertThat(answer.get()).isNotEqualTo("accepted");
            }
        }

        assertThat(encoder.checks.get()).as("passwords checked").isLessThanOrEqualTo(MAX_FAILURES);
        assertThat(locked(username)).isTrue();
    }

    @Test
    void aRightPasswordDoesNotCountAsAFailure() {
        PasswordLogin login = new PasswordLogin(staff, passwords, lockout, secondFactors);
        String poster = data.world().poster();
        for (int i = 0; i < MAX_FAILURES + 2; i++) {
            assertThat(login.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(poster,
                    TestData.PASSWORD)).isAuthenticated()).isTrue();
        }
        for (int i = 1; i < MAX_FAILURES; i++) {
            try {
                login.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(poster, "wrong"));
            } catch (AuthenticationException expected) {
                // counted
            }
        }
        assertThat(locked(poster)).as("four failures, whatever the successes before").isFalse();
    }

    private boolean locked(String username) {
        return jdbc.sql("select count(*) from login_lock where username = :u and locked_until > :now")
                .param("u", username).param("now", Timestamp.from(clock.instant())).query(Integer.class)
                .single() > 0;
    }

    /** Checks passwords slowly, as bcrypt does, so that guesses overlap; counts the checks. */
    private static final class SlowCountingEncoder implements PasswordEncoder {

        private final PasswordEncoder real;
        private final AtomicInteger checks = new AtomicInteger();

        SlowCountingEncoder(PasswordEncoder real) {
            this.real = real;
        }

        @Override
        public String encode(CharSequence raw) {
            return real.encode(raw);
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            checks.incrementAndGet();
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return real.matches(raw, encoded);
        }

        @Override
        public boolean upgradeEncoding(String encoded) {
            return false;
        }
    }
}
