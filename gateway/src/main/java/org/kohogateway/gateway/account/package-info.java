/** Official accounts (公式アカウント), their operating policy (運用ポリシー) and their sealed platform credentials. */
package org.kohogateway.gateway.account;
