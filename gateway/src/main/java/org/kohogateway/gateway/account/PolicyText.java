package org.kohogateway.gateway.account;

/**
 * An account's policy as text for the platform (guideline §5 運用ポリシーは当該アカウント内で明示する).
 *
 * @param profile short enough for a profile field: official account, the no-reply statement (§6-③) where the policy
 *                has one, and the homepage URL (§7-①)
 * @param pinned  the whole policy, for a pinned post or the profile's long description
 */
public record PolicyText(String profile, String pinned) {
}
