/**
 * Posts kept as administrative documents (行政文書, issue 21 points 4–6): every post that went out is a record with a
 * retention class and a disposal date; auditors put records on legal hold, draw disposal lists that a second person
 * approves, and export a record or a range of them as a disclosure package (情報公開請求). Reads posts, their audit
 * entries and images through the post, audit and media modules.
 */
@ApplicationModule(allowedDependencies = { "account", "audit", "media", "policy", "post", "staff", "support" })
@NullMarked
package org.kohogateway.gateway.records;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
