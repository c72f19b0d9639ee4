package org.kohogateway.gateway.staff;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

@Configuration(proxyBeanMethods = false)
class PasswordHashing {

    /**
     * Delegating encoder: new hashes are {@code {bcrypt}} at cost 10 (about 75 ms per check on the 2-core development
     * machine — OWASP's minimum for bcrypt, and what HTTP Basic pays on every API call, which is why machines use API
     * tokens). The {@code {id}} prefix keeps older hashes readable, and {@link StaffUserDetailsService} stores the
     * re-hash Spring Security makes at the next successful login when the scheme or cost has moved on.
     */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }
}
