package org.kohogateway.gateway.incident;

import java.util.List;

/** The troubles of guideline §7-② and the steps the guideline prescribes for each, in order. */
public enum IncidentKind {
    /** ア 炎上状態になった場合 */
    FLAME_WAR(List.of(ResponseStep.RESPOND_CALMLY, ResponseStep.CORRECT_AND_APOLOGISE, ResponseStep.EXPLAIN_IF_DELAYED)),
    /** イ 成りすましが発生した場合 */
    IMPERSONATION(List.of(ResponseStep.REPORT_TO_PLATFORM, ResponseStep.WARN_ON_HOMEPAGE)),
    /** ウ 事実と反するデマ的な内容が返信された場合 */
    HOAX(List.of(ResponseStep.POST_CORRECT_INFORMATION, ResponseStep.LINK_HOMEPAGE));

    private final List<ResponseStep> steps;

    IncidentKind(List<ResponseStep> steps) {
        this.steps = steps;
    }

    public List<ResponseStep> steps() {
        return steps;
    }

    public enum ResponseStep {
        /** 反論や抗弁は控え、冷静に対応する */
        RESPOND_CALMLY,
        /** 問題となった部分を修正し、謝罪する */
        CORRECT_AND_APOLOGISE,
        /** 対応に時間を要する場合は、その旨を説明する */
        EXPLAIN_IF_DELAYED,
        /** 当該ソーシャルメディアの管理者に削除依頼を行う */
        REPORT_TO_PLATFORM,
        /** 市ホームページなどで注意喚起を行う */
        WARN_ON_HOMEPAGE,
        /** 正しい情報を発信する */
        POST_CORRECT_INFORMATION,
        /** 必要に応じて市ホームページへ誘導する */
        LINK_HOMEPAGE
    }
}
