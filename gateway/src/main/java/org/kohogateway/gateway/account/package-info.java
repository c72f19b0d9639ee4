/** Official accounts (公式アカウント), their operating policy (運用ポリシー) and their sealed platform credentials. */
@ApplicationModule(allowedDependencies = { "audit", "staff", "support" })
package org.kohogateway.gateway.account;

import org.springframework.modulith.ApplicationModule;
