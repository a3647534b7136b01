/* oldform.h - statistics tables of the old templates (DOMAIN.md §1.1-1.2, §3.2-3.3, §6.8).
 *
 * R08: the 2008-era local 附表 forms — the Shanghai model (指标 | 单位 | 数量:
 * 主动公开信息数, 申请总数 by channel, 对申请的答复总数 with 免予公开范围1-6,
 * 咨询, 复议/诉讼/申诉) and the 福建 form with 本年度 / 历年累计 columns.
 * R14: the 2014-2018 national 统计表 (主动公开, 回应解读, 依申请公开 with 办结
 * and eight reply categories, 复议, 诉讼, 举报投诉, 收费, 机构建设, 会议培训).
 *
 * Rows are data (oldform.c), matched by the longest key phrase their folded
 * label contains. Only the annual column is stored: a 历年累计 figure never
 * enters a record. A printed-empty cell is BLANK, not 0. Web dumps that ran a
 * row's cells together ("主动公开信息数条4251516") are split with the form's
 * rules (annual <= cumulative, the channel and reply sums, 其中 rows not above
 * their total) and, when several splits survive, with the same figure stated
 * in the report's prose; what stays ambiguous is NA (qualifier ambiguous),
 * never guessed.
 */
#ifndef OGISTAT_OLDFORM_H
#define OGISTAT_OLDFORM_H

#include <stddef.h>
#include "ogistat/header.h"
#include "ogistat/lex.h"
#include "ogistat/record.h"

/* Read the old-template tables of r (regime R08 or R14) from its token stream
 * and, when no aligned row was found, from the compact text (cells run together).
 * Cells r already has are left alone. Returns the number of cells stored. */
size_t oldform_extract(struct report *r, const struct tokstream *ts, const struct compact *c);

#endif
