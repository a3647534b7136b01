/* registry.c - lookups in the metric and applicant registry (registry.h).
 *
 * The tables themselves are generated into registry_data.c by
 * scripts/gen-registry.py. reg_metric_find is called for every row when
 * records are read back, so it binary-searches REG_METRIC_INDEX (the ids in
 * strcmp order, generated alongside) instead of scanning REG_METRICS;
 * nothing is built at run time. The applicant table has nine entries and is
 * scanned linearly.
 */
#define _POSIX_C_SOURCE 200809L
#include "ogistat/registry.h"

#include <string.h>

int reg_metric_find(const char *id)
{
    if (!id) return -1;
    size_t lo = 0, hi = M__COUNT;          /* search [lo, hi) */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(id, REG_METRIC_INDEX[mid].id);
        if (c == 0) return (int)REG_METRIC_INDEX[mid].metric;
        if (c < 0) hi = mid;
        else lo = mid + 1;
    }
    return -1;
}

int reg_applicant_find(const char *code)
{
    if (!code) return -1;
    for (int i = 0; i < AP__COUNT; i++)
        if (strcmp(code, REG_APPLICANTS[i].code) == 0) return i;
    return -1;
}
