/* harmonize.c - the h_* layer and the indicators (DOMAIN.md §4.2, §5).
 *
 * H_DEFS is the mapping table of §4.2 as data: per h id and regime, the
 * formulas (cells added or subtracted) with their grade; the first formula
 * whose cells are in the report is used. h_other is not a formula but the
 * residual h_decided - (the other partition members), so the partition sums
 * to the decided total by construction and every reply category of the
 * report is counted once: 不予公开 reason 8 (行政查询) is a refusal, and all
 * five 不予处理 reasons are in h_not_processed.
 *
 * Residual and absent members: the new forms (R19, R21) print every
 * category, so a category missing from a new-form report makes h_other not
 * determined; the old local forms list only some categories (the 福建 form
 * has no 不存在/非本部门 rows), so there the missing ones are inside h_other,
 * whose grade is C.
 */
#include "ogistat/harmonize.h"
#include "ogistat/util.h"

#include <math.h>
#include <string.h>

/* ==== the mapping table ==== */

#define T(m) { (m), 1 }
#define NEG(m) { (m), -1 }
#define F(g, ...) { .grade = (g), .t = { __VA_ARGS__ } }
#define FANY(g, ...) { .grade = (g), .any = true, .t = { __VA_ARGS__ } }
#define RESIDUAL(g) { .grade = (g) }

#define DENIED8 T(M_RES_DENIED_STATE_SECRET), T(M_RES_DENIED_LAW_FORBIDDEN), T(M_RES_DENIED_SAFETY_STABILITY), \
    T(M_RES_DENIED_THIRD_PARTY), T(M_RES_DENIED_INTERNAL_AFFAIRS), T(M_RES_DENIED_PROCESS_INFO),                   \
    T(M_RES_DENIED_ENFORCEMENT_FILE), T(M_RES_DENIED_ADMIN_QUERY)
#define NOPROC5 T(M_RES_NOPROC_PETITION), T(M_RES_NOPROC_REPEAT), T(M_RES_NOPROC_PUBLICATION), \
    T(M_RES_NOPROC_EXCESSIVE), T(M_RES_NOPROC_CONFIRM)
#define UNABLE3 T(M_RES_UNABLE_NOT_HELD), T(M_RES_UNABLE_NEEDS_CREATION), T(M_RES_UNABLE_UNCLEAR)

const struct h_def H_DEFS[H__COUNT] = {
    [H_RECEIVED] = { .id = "h_received", .label_zh = "收到申请",
        .desc = "applications received (R08: 受理 may mean accepted)",
        .f = { [RG_R21] = { F('A', T(M_REQ_NEW)) }, [RG_R19] = { F('A', T(M_REQ_NEW)) },
               [RG_R14] = { F('A', T(M_REQ_NEW)) }, [RG_R08] = { F('B', T(M_REQ_NEW)) } } },
    [H_CARRY_IN] = { .id = "h_carry_in", .label_zh = "上年结转",
        .desc = "applications carried over from the previous year (new forms only)",
        .f = { [RG_R21] = { F('A', T(M_REQ_CARRY_IN)) }, [RG_R19] = { F('A', T(M_REQ_CARRY_IN)) } } },
    [H_CARRY_OUT] = { .id = "h_carry_out", .label_zh = "结转下年度",
        .desc = "applications carried into the next year (R08: 待答复, a local row)",
        .f = { [RG_R21] = { F('A', T(M_REQ_CARRY_OUT)) }, [RG_R19] = { F('A', T(M_REQ_CARRY_OUT)) },
               [RG_R08] = { F('B', T(M_REQ_CARRY_OUT)) } } },
    [H_DECIDED] = { .id = "h_decided", .label_zh = "办理结果总计",
        .desc = "applications decided: （七）总计; old forms count replies (答复) in the year",
        .f = { [RG_R21] = { F('A', T(M_RES_TOTAL)) }, [RG_R19] = { F('A', T(M_RES_TOTAL)) },
               [RG_R14] = { F('B', T(M_REP_TOTAL)) }, [RG_R08] = { F('B', T(M_REP_TOTAL)) } } },
    [H_GRANT_FULL] = { .id = "h_grant_full", .label_zh = "予以公开",
        .desc = "granted in full (old: 同意公开, with 已主动公开 where it is a row of its own)",
        .f = { [RG_R21] = { F('A', T(M_RES_GRANTED)) }, [RG_R19] = { F('A', T(M_RES_GRANTED)) },
               [RG_R14] = { F('B', T(M_REP_ALREADY_PUBLIC), T(M_REP_AGREE)) },
               [RG_R08] = { F('B', T(M_REP_AGREE), T(M_REP_ALREADY_PUBLIC)), F('B', T(M_REP_AGREE)) } } },
    [H_GRANT_PARTIAL] = { .id = "h_grant_partial", .label_zh = "部分公开",
        .desc = "granted in part",
        .f = { [RG_R21] = { F('A', T(M_RES_PARTIAL)) }, [RG_R19] = { F('A', T(M_RES_PARTIAL)) },
               [RG_R14] = { F('A', T(M_REP_PARTIAL)) }, [RG_R08] = { F('A', T(M_REP_PARTIAL)) } } },
    [H_DENY_EXEMPT] = { .id = "h_deny_exempt", .label_zh = "不予公开（法定豁免）",
        .desc = "refused under a statutory exemption: all 8 不予公开 reasons (incl. 8 行政查询); "
                "R14 the 5 exemption rows; R08 the 范围k rows printed",
        .f = { [RG_R21] = { F('A', DENIED8) }, [RG_R19] = { F('A', DENIED8) },
               [RG_R14] = { F('B', T(M_REP_DENY_STATE_SECRET), T(M_REP_DENY_COMMERCIAL_SECRET), T(M_REP_DENY_PRIVACY),
                              T(M_REP_DENY_SAFETY_STABILITY), T(M_REP_DENY_OTHER_LAW)) },
               [RG_R08] = { FANY('C', T(M_REP_DENY_STATE_SECRET), T(M_REP_DENY_COMMERCIAL_SECRET), T(M_REP_DENY_PRIVACY),
                                 T(M_REP_DENY_OTHER_LAW), T(M_REP_DENY_INTERNAL), T(M_REP_DENY_PROCESS),
                                 T(M_REP_DENY_ENFORCEMENT)) } } },
    [H_NOT_HELD] = { .id = "h_not_held", .label_zh = "本机关不掌握",
        .desc = "information not held: does not exist or held by another body",
        .f = { [RG_R21] = { F('A', T(M_RES_UNABLE_NOT_HELD)) }, [RG_R19] = { F('A', T(M_RES_UNABLE_NOT_HELD)) },
               [RG_R14] = { F('B', T(M_REP_NOT_EXIST), T(M_REP_NOT_THIS_AGENCY)) },
               [RG_R08] = { F('B', T(M_REP_NOT_EXIST), T(M_REP_NOT_THIS_AGENCY)) } } },
    [H_NEEDS_CREATION] = { .id = "h_needs_creation", .label_zh = "需要另行制作",
        .desc = "would have to be created (new forms only)",
        .f = { [RG_R21] = { F('A', T(M_RES_UNABLE_NEEDS_CREATION)) },
               [RG_R19] = { F('A', T(M_RES_UNABLE_NEEDS_CREATION)) } } },
    [H_UNCLEAR] = { .id = "h_unclear", .label_zh = "申请内容不明确",
        .desc = "request unclear: R21 补正后仍不明确 + 逾期不补正; R19 has the latter inside 其他处理 (B); "
                "R14 counts the notice to amend (C)",
        .f = { [RG_R21] = { F('A', T(M_RES_UNABLE_UNCLEAR), T(M_RES_OTHER_NO_CORRECTION)),
                            F('B', T(M_RES_UNABLE_UNCLEAR)) },
               [RG_R19] = { F('B', T(M_RES_UNABLE_UNCLEAR)) },
               [RG_R14] = { F('C', T(M_REP_UNCLEAR)) }, [RG_R08] = { F('B', T(M_REP_UNCLEAR)) } } },
    [H_NOT_PROCESSED] = { .id = "h_not_processed", .label_zh = "不予处理",
        .desc = "not processed: all 5 不予处理 reasons; R14 告知通过其他途径办理 (C)",
        .f = { [RG_R21] = { F('A', NOPROC5) }, [RG_R19] = { F('A', NOPROC5) },
               [RG_R14] = { F('C', T(M_REP_OTHER_ROUTE)) } } },
    [H_OTHER] = { .id = "h_other", .label_zh = "其他",
        .desc = "the rest of h_decided (residual): R21 逾期未缴费 + 其他; R08/R14 不是政府信息, 其它原因 "
                "and categories the form does not print",
        .f = { [RG_R21] = { RESIDUAL('A') }, [RG_R19] = { RESIDUAL('B') },
               [RG_R14] = { RESIDUAL('C') }, [RG_R08] = { RESIDUAL('C') } } },
    [H_DENY_BROAD] = { .id = "h_deny_broad", .label_zh = "不予公开（报告口径）",
        .desc = "everything the report calls 不予/不同意/否决公开; R08 includes not-held and unclear (C)",
        .f = { [RG_R21] = { F('A', DENIED8) }, [RG_R19] = { F('A', DENIED8) },
               [RG_R14] = { F('B', T(M_REP_DENY_TOTAL)) }, [RG_R08] = { F('C', T(M_REP_DENY_TOTAL)) } } },
    [H_UNABLE] = { .id = "h_unable", .label_zh = "无法提供",
        .desc = "unable to provide: the 3 无法提供 reasons (new forms only)",
        .f = { [RG_R21] = { F('A', UNABLE3) }, [RG_R19] = { F('A', UNABLE3) } } },
    [H_REVIEW_TOTAL] = { .id = "h_review_total", .label_zh = "行政复议",
        .desc = "administrative reviews (new totals include 尚未审结)",
        .f = { [RG_R21] = { F('A', T(M_REV_TOTAL)) }, [RG_R19] = { F('A', T(M_REV_TOTAL)) },
               [RG_R14] = { F('B', T(M_REV_TOTAL)) }, [RG_R08] = { F('B', T(M_REV_TOTAL)) } } },
    [H_REVIEW_CORRECTED] = { .id = "h_review_corrected", .label_zh = "复议纠正",
        .desc = "reviews that corrected the body",
        .f = { [RG_R21] = { F('A', T(M_REV_CORRECTED)) }, [RG_R19] = { F('A', T(M_REV_CORRECTED)) },
               [RG_R14] = { F('B', T(M_REV_CORRECTED)) } } },
    [H_REVIEW_CLOSED] = { .id = "h_review_closed", .label_zh = "复议已审结",
        .desc = "reviews closed: total less 尚未审结 (R14 has no pending category)",
        .f = { [RG_R21] = { F('A', T(M_REV_TOTAL), NEG(M_REV_PENDING)) },
               [RG_R19] = { F('A', T(M_REV_TOTAL), NEG(M_REV_PENDING)) },
               [RG_R14] = { F('B', T(M_REV_TOTAL)) } } },
    [H_LIT_TOTAL] = { .id = "h_lit_total", .label_zh = "行政诉讼",
        .desc = "lawsuits: 未经复议直接起诉 + 复议后起诉 (a dispute may also be in h_review_total)",
        .f = { [RG_R21] = { F('A', T(M_LIT_DIRECT_TOTAL), T(M_LIT_AFTER_REV_TOTAL)) },
               [RG_R19] = { F('A', T(M_LIT_DIRECT_TOTAL), T(M_LIT_AFTER_REV_TOTAL)) },
               [RG_R14] = { F('B', T(M_LIT_TOTAL)) }, [RG_R08] = { F('B', T(M_LIT_TOTAL)) } } },
    [H_LIT_CORRECTED] = { .id = "h_lit_corrected", .label_zh = "诉讼纠正",
        .desc = "lawsuits that corrected the body",
        .f = { [RG_R21] = { F('A', T(M_LIT_DIRECT_CORRECTED), T(M_LIT_AFTER_REV_CORRECTED)) },
               [RG_R19] = { F('A', T(M_LIT_DIRECT_CORRECTED), T(M_LIT_AFTER_REV_CORRECTED)) },
               [RG_R14] = { F('B', T(M_LIT_CORRECTED)) } } },
    [H_LIT_CLOSED] = { .id = "h_lit_closed", .label_zh = "诉讼已审结",
        .desc = "lawsuits closed: totals less 尚未审结",
        .f = { [RG_R21] = { F('A', T(M_LIT_DIRECT_TOTAL), NEG(M_LIT_DIRECT_PENDING), T(M_LIT_AFTER_REV_TOTAL),
                              NEG(M_LIT_AFTER_REV_PENDING)) },
               [RG_R19] = { F('A', T(M_LIT_DIRECT_TOTAL), NEG(M_LIT_DIRECT_PENDING), T(M_LIT_AFTER_REV_TOTAL),
                              NEG(M_LIT_AFTER_REV_PENDING)) },
               [RG_R14] = { F('B', T(M_LIT_TOTAL)) } } },
    [H_PROACTIVE_TOTAL] = { .id = "h_proactive_total", .label_zh = "主动公开信息",
        .desc = "items disclosed proactively (new forms: from the prose only, C)",
        .f = { [RG_R21] = { F('C', T(M_PRO_TOTAL)) }, [RG_R19] = { F('C', T(M_PRO_TOTAL)) },
               [RG_R14] = { F('B', T(M_PRO_TOTAL)) }, [RG_R08] = { F('B', T(M_PRO_TOTAL)) } } },
    [H_FEE_COST_YUAN] = { .id = "h_fee_cost_yuan", .label_zh = "依申请公开收费（元）",
        .desc = "cost-recovery fees of the old 条例 (元); never spliced onto the new 信息处理费",
        .f = { [RG_R14] = { F('A', T(M_OGI_FEE_YUAN)) }, [RG_R08] = { F('B', T(M_OGI_FEE_YUAN)) } } },
    [H_INFO_PROC_FEE_YUAN] = { .id = "h_info_proc_fee_yuan", .label_zh = "信息处理费（元）",
        .desc = "the deterrent 信息处理费 (R21, from the prose)",
        .f = { [RG_R21] = { F('A', T(M_INFO_PROC_FEE_YUAN)) } } },
};

int harm_find(const char *id)
{
    for (int i = 0; i < H__COUNT; i++)
        if (strcmp(H_DEFS[i].id, id) == 0) return i;
    return -1;
}

const char *harm_status_name(enum h_status s)
{
    static const char *const names[] = {
        [HS_VALUE] = "value", [HS_UNDETERMINED] = "not determined", [HS_ABSENT] = "absent",
        [HS_NOT_REPORTED] = "not reported",
    };
    return names[s];
}

/* ==== evaluation ==== */

enum regime harm_regime(const struct report *r)
{
    if (r->regime != RG_NONE) return r->regime;
    if (r->year >= 2021) return RG_R21;
    if (r->year >= 2019) return RG_R19;
    if (r->year >= 2014) return RG_R14;
    if (r->year >= 2008) return RG_R08;
    return RG_NONE;
}

static enum qualifier q_merge(enum qualifier a, enum qualifier b)
{
    if (a == Q_EXACT) return b;
    if (b == Q_EXACT || a == b) return a;
    return Q_APPROX;
}

static char grade_max(char a, char b)
{
    return a > b ? a : b;
}

static const struct cell *term_cell(const struct report *r, int metric)
{
    return report_get(r, metric, REG_METRICS[metric].applicant_dim ? AP_TOTAL : AP_NONE);
}

/* Try one formula. Returns false if its cells are not in the report. */
static bool eval_formula(const struct report *r, const struct h_formula *f, struct hval *out)
{
    size_t n = 0, present = 0;
    for (; n < ARRAY_LEN(f->t) && f->t[n].sign; n++) present += term_cell(r, f->t[n].metric) != NULL;
    if (f->any ? present == 0 : present < n) return false;
    out->st = HS_VALUE;
    out->grade = f->grade;
    out->v100 = 0;
    out->q = Q_EXACT;
    for (size_t i = 0; i < n; i++) {
        const struct cell *c = term_cell(r, f->t[i].metric);
        if (!c) continue;
        if (c->status != CELL_VALUE) { out->st = HS_UNDETERMINED; continue; }
        out->v100 += f->t[i].sign * c->v100;
        out->q = q_merge(out->q, c->q);
    }
    if (out->st != HS_VALUE) out->v100 = 0;
    return true;
}

/* Does any alternative have at least one of its cells in the report? */
static bool some_term_present(const struct report *r, const struct h_formula *alts)
{
    for (size_t a = 0; a < H_ALTS && alts[a].grade; a++)
        for (size_t i = 0; i < ARRAY_LEN(alts[a].t) && alts[a].t[i].sign; i++)
            if (term_cell(r, alts[a].t[i].metric)) return true;
    return false;
}

static void eval_residual(const struct report *r, enum regime g, char grade, struct hval h[H__COUNT])
{
    struct hval *o = &h[H_OTHER];
    const struct hval *dec = &h[H_DECIDED];
    *o = (struct hval){ .st = HS_VALUE, .grade = grade, .q = Q_EXACT };
    if (dec->st != HS_VALUE) {
        o->st = dec->st == HS_NOT_REPORTED ? HS_UNDETERMINED : dec->st;
        return;
    }
    bool fixed_form = g == RG_R19 || g == RG_R21;
    int64_t v = dec->v100;
    enum qualifier q = dec->q;
    for (int p = H_PART_FIRST; p < H_OTHER; p++) {
        switch (h[p].st) {
        case HS_VALUE:
            v -= h[p].v100;
            q = q_merge(q, h[p].q);
            o->grade = grade_max(o->grade, h[p].grade);
            break;
        case HS_NOT_REPORTED:
            break;                               /* counted in the residual */
        case HS_ABSENT:
            if (fixed_form) o->st = HS_UNDETERMINED;
            break;
        case HS_UNDETERMINED:
            o->st = HS_UNDETERMINED;
            break;
        }
    }
    (void)r;
    if (o->st == HS_VALUE && v < 0) o->st = HS_UNDETERMINED;   /* categories exceed the total */
    if (o->st == HS_VALUE) {
        o->v100 = v;
        o->q = q;
    }
}

void harm_report(const struct report *r, struct hval h[H__COUNT])
{
    enum regime g = harm_regime(r);
    char floor = r->regime == RG_NONE ? 'C' : 'A';
    char residual_grade = 0;
    for (int i = 0; i < H__COUNT; i++) {
        struct hval *o = &h[i];
        *o = (struct hval){ .st = HS_NOT_REPORTED, .grade = 'D', .q = Q_EXACT };
        if (g == RG_NONE) continue;
        const struct h_formula *alts = H_DEFS[i].f[g];
        if (!alts[0].grade) continue;
        if (i == H_OTHER) { residual_grade = grade_max(alts[0].grade, floor); continue; }
        bool done = false;
        for (size_t a = 0; a < H_ALTS && alts[a].grade && !done; a++) done = eval_formula(r, &alts[a], o);
        if (!done) {
            o->st = some_term_present(r, alts) ? HS_UNDETERMINED : HS_ABSENT;
            o->grade = alts[0].grade;
        }
        o->grade = grade_max(o->grade, floor);
    }
    if (residual_grade) eval_residual(r, g, residual_grade, h);
}

/* ==== indicators ==== */

#define HT(h) { .src = IT_H, .id = (h), .sign = 1 }
#define CT(m, a, s) { .src = IT_CELL, .id = (m), .applicant = (a), .sign = (s) }

const struct ind_def IND_DEFS[IND__COUNT] = {
    [IND_APP_VOLUME] = { .id = "app_volume", .label_zh = "申请量",
        .num_desc = "h_received", .num = { HT(H_RECEIVED) } },
    [IND_ORG_APPLICANT_SHARE] = { .id = "org_applicant_share", .label_zh = "法人或其他组织申请占比",
        .num_desc = "req_new[total] - req_new[natural]", .den_desc = "req_new[total]", .note = "R19+ only",
        .num = { CT(M_REQ_NEW, AP_TOTAL, 1), CT(M_REQ_NEW, AP_NATURAL, -1) },
        .den = { CT(M_REQ_NEW, AP_TOTAL, 1) } },
    [IND_DISCLOSURE_RATE] = { .id = "disclosure_rate", .label_zh = "公开率",
        .num_desc = "h_grant_full + h_grant_partial", .den_desc = "h_decided",
        .num = { HT(H_GRANT_FULL), HT(H_GRANT_PARTIAL) }, .den = { HT(H_DECIDED) } },
    [IND_FULL_GRANT_RATE] = { .id = "full_grant_rate", .label_zh = "予以公开率",
        .num_desc = "h_grant_full", .den_desc = "h_decided",
        .num = { HT(H_GRANT_FULL) }, .den = { HT(H_DECIDED) } },
    [IND_PARTIAL_GRANT_RATE] = { .id = "partial_grant_rate", .label_zh = "部分公开率",
        .num_desc = "h_grant_partial", .den_desc = "h_decided",
        .num = { HT(H_GRANT_PARTIAL) }, .den = { HT(H_DECIDED) } },
    [IND_REFUSAL_RATE_STRICT] = { .id = "refusal_rate_strict", .label_zh = "不予公开率（法定豁免）",
        .num_desc = "h_deny_exempt", .den_desc = "h_decided", .note = "use for long series",
        .num = { HT(H_DENY_EXEMPT) }, .den = { HT(H_DECIDED) } },
    [IND_REFUSAL_RATE_BROAD] = { .id = "refusal_rate_broad", .label_zh = "不予公开率（报告口径）",
        .num_desc = "h_deny_broad", .den_desc = "h_decided", .note = "not comparable across R08/R14",
        .num = { HT(H_DENY_BROAD) }, .den = { HT(H_DECIDED) } },
    [IND_NOT_HELD_RATE] = { .id = "not_held_rate", .label_zh = "信息不存在率",
        .num_desc = "h_not_held", .den_desc = "h_decided",
        .num = { HT(H_NOT_HELD) }, .den = { HT(H_DECIDED) } },
    [IND_UNABLE_RATE] = { .id = "unable_rate", .label_zh = "无法提供率",
        .num_desc = "h_unable", .den_desc = "h_decided", .note = "R19+ only",
        .num = { HT(H_UNABLE) }, .den = { HT(H_DECIDED) } },
    [IND_NOT_PROCESSED_RATE] = { .id = "not_processed_rate", .label_zh = "不予处理率",
        .num_desc = "h_not_processed", .den_desc = "h_decided",
        .num = { HT(H_NOT_PROCESSED) }, .den = { HT(H_DECIDED) } },
    [IND_OTHER_RATE] = { .id = "other_rate", .label_zh = "其他处理率",
        .num_desc = "h_other", .den_desc = "h_decided",
        .num = { HT(H_OTHER) }, .den = { HT(H_DECIDED) } },
    [IND_REVIEW_RATE] = { .id = "review_rate", .label_zh = "复议率",
        .num_desc = "h_review_total", .den_desc = "h_decided",
        .num = { HT(H_REVIEW_TOTAL) }, .den = { HT(H_DECIDED) } },
    [IND_LITIGATION_RATE] = { .id = "litigation_rate", .label_zh = "诉讼率",
        .num_desc = "h_lit_total", .den_desc = "h_decided",
        .num = { HT(H_LIT_TOTAL) }, .den = { HT(H_DECIDED) } },
    [IND_CONTEST_RATE] = { .id = "contest_rate", .label_zh = "救济率",
        .num_desc = "h_review_total + h_lit_total", .den_desc = "h_decided",
        .num = { HT(H_REVIEW_TOTAL), HT(H_LIT_TOTAL) }, .den = { HT(H_DECIDED) } },
    [IND_REVIEW_CORRECTION_RATE] = { .id = "review_correction_rate", .label_zh = "复议纠错率",
        .num_desc = "h_review_corrected", .den_desc = "h_review_closed (pending excluded)",
        .num = { HT(H_REVIEW_CORRECTED) }, .den = { HT(H_REVIEW_CLOSED) } },
    [IND_LIT_CORRECTION_RATE] = { .id = "lit_correction_rate", .label_zh = "诉讼纠错率",
        .num_desc = "h_lit_corrected", .den_desc = "h_lit_closed (pending excluded)",
        .num = { HT(H_LIT_CORRECTED) }, .den = { HT(H_LIT_CLOSED) } },
    [IND_CORRECTION_RATE] = { .id = "correction_rate", .label_zh = "纠错率",
        .num_desc = "h_review_corrected + h_lit_corrected", .den_desc = "h_review_closed + h_lit_closed",
        .num = { HT(H_REVIEW_CORRECTED), HT(H_LIT_CORRECTED) }, .den = { HT(H_REVIEW_CLOSED), HT(H_LIT_CLOSED) } },
    [IND_BACKLOG_RATE] = { .id = "backlog_rate", .label_zh = "结转率",
        .num_desc = "h_carry_out", .den_desc = "h_received + h_carry_in", .note = "R19+ only",
        .num = { HT(H_CARRY_OUT) }, .den = { HT(H_RECEIVED), HT(H_CARRY_IN) } },
    [IND_PROACTIVE_VOLUME] = { .id = "proactive_volume", .label_zh = "主动公开量",
        .num_desc = "h_proactive_total", .note = "R19+ from the prose only",
        .num = { HT(H_PROACTIVE_TOTAL) } },
    [IND_FULLTEXT_E_RATE] = { .id = "fulltext_e_rate", .label_zh = "全文电子化率",
        .num_desc = "pro_fulltext_e", .den_desc = "pro_total", .note = "R08 forms",
        .num = { CT(M_PRO_FULLTEXT_E, AP_NONE, 1) }, .den = { CT(M_PRO_TOTAL, AP_NONE, 1) } },
};

int ind_find(const char *id)
{
    for (int i = 0; i < IND__COUNT; i++)
        if (strcmp(IND_DEFS[i].id, id) == 0) return i;
    return -1;
}

bool ind_is_ratio(int i)
{
    return IND_DEFS[i].den[0].src != IT_END;
}

const char *ind_status_name(enum ind_status s)
{
    static const char *const names[] = {
        [IS_VALUE] = "value", [IS_UNDETERMINED] = "not determined", [IS_ABSENT] = "absent",
        [IS_NOT_REPORTED] = "not reported", [IS_SMALL_BASE] = "not computed",
    };
    return names[s];
}

/* A cell term: is the metric in the regime's form at all? (registry labels) */
static bool metric_in_regime(int metric, enum regime g)
{
    static const int col[RG__COUNT] = { [RG_NONE] = -1, [RG_R08] = 0, [RG_R14] = 1, [RG_R19] = 2, [RG_R21] = 3 };
    if (col[g] < 0) return false;
    const char *const *l = REG_METRICS[metric].labels[col[g]];
    return l && l[0];
}

/* Status precedence: not reported > absent > not determined > value. */
static enum ind_status worse(enum ind_status a, enum ind_status b)
{
    static const int rank[] = {
        [IS_VALUE] = 0, [IS_SMALL_BASE] = 0, [IS_UNDETERMINED] = 1, [IS_ABSENT] = 2, [IS_NOT_REPORTED] = 3,
    };
    return rank[b] > rank[a] ? b : a;
}

static double sum_terms(const struct ind_term *t, size_t nt, const struct report *r, const struct hval *h,
                        enum regime g, char floor, enum ind_status *st, char *grade)
{
    double s = 0;
    for (size_t i = 0; i < nt && t[i].src != IT_END; i++) {
        if (t[i].src == IT_H) {
            const struct hval *v = &h[t[i].id];
            *grade = grade_max(*grade, v->grade);
            static const enum ind_status map[] = {
                [HS_VALUE] = IS_VALUE, [HS_UNDETERMINED] = IS_UNDETERMINED, [HS_ABSENT] = IS_ABSENT,
                [HS_NOT_REPORTED] = IS_NOT_REPORTED,
            };
            *st = worse(*st, map[v->st]);
            if (v->st == HS_VALUE) s += t[i].sign * (double)v->v100 / 100;
            continue;
        }
        *grade = grade_max(*grade, floor);
        bool by_applicant = t[i].applicant != AP_NONE && t[i].applicant != AP_TOTAL;
        if (!metric_in_regime(t[i].id, g) || (by_applicant && g != RG_R19 && g != RG_R21)) {
            *st = worse(*st, IS_NOT_REPORTED);
            *grade = 'D';
            continue;
        }
        const struct cell *c = report_get(r, t[i].id, t[i].applicant);
        if (!c) *st = worse(*st, IS_ABSENT);
        else if (c->status != CELL_VALUE) *st = worse(*st, IS_UNDETERMINED);
        else s += t[i].sign * (double)c->v100 / 100;
    }
    return s;
}

void ind_ratio(int i, double num, double den, double min_den, struct ival *o)
{
    o->num = num;
    o->den = ind_is_ratio(i) ? den : 1;
    o->value = NAN;
    if (!ind_is_ratio(i)) {
        o->st = IS_VALUE;
        o->value = num;
    } else if (isnan(den) || den <= 0 || den < min_den) {
        o->st = IS_SMALL_BASE;
    } else {
        o->st = IS_VALUE;
        o->value = num / den;
    }
}

void ind_eval(int i, const struct report *r, const struct hval h[H__COUNT], double min_den, struct ival *o)
{
    const struct ind_def *d = &IND_DEFS[i];
    enum regime g = harm_regime(r);
    char floor = r->regime == RG_NONE ? 'C' : 'A';
    enum ind_status st = IS_VALUE;
    char grade = 'A';
    double num = sum_terms(d->num, ARRAY_LEN(d->num), r, h, g, floor, &st, &grade);
    double den = sum_terms(d->den, ARRAY_LEN(d->den), r, h, g, floor, &st, &grade);
    o->grade = grade;
    if (st != IS_VALUE) {
        o->st = st;
        o->num = o->den = o->value = NAN;
        return;
    }
    ind_ratio(i, num, den, min_den, o);
}
