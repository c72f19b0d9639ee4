/** Official accounts (公式アカウント), their operating policy (運用ポリシー) and their sealed platform credentials. */
@ApplicationModule(allowedDependencies = { "audit", "staff", "support" })
@NullMarked
package org.kohogateway.gateway.account;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
