package org.kohogateway.gateway.post;

public enum PostCategory {
    /** お知らせ */
    NOTICE,
    /** イベント */
    EVENT,
    /** 報道発表・広報誌の再掲 */
    PRESS_RELEASE,
    /** 市政への提案への回答 (guideline §6-③ ア) */
    POLICY_PROPOSAL_REPLY,
    /** 災害・緊急 (guideline §6-③ イ) */
    EMERGENCY
}
