/* record.h - one parsed report: header fields and its cells.
 *
 * A report owns everything it points to (report_free). Cells keep their
 * status (VALUE / BLANK / NA), qualifier, source (table or text) and the
 * 1-based line of the decoded input where they were read.
 */
#ifndef OGISTAT_RECORD_H
#define OGISTAT_RECORD_H

#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>
#include "ogistat/numparse.h"
#include "ogistat/registry.h"
#include "ogistat/diag.h"

enum regime { RG_NONE = 0, RG_R08, RG_R14, RG_R19, RG_R21, RG__COUNT };
enum source_kind { SRC_TABLE, SRC_TEXT };

struct cell {
    int metric;                 /* enum metric_id */
    int applicant;              /* enum applicant (AP_NONE for metrics without the dimension) */
    enum cell_status status;
    enum qualifier q;
    int64_t v100;               /* value x 100 in the canonical unit, when status == CELL_VALUE */
    enum source_kind source;
    bool inferred;              /* the value was chosen among several readings of cells that ran
                                 * together by an equality of the form (N1/N2/N4/N5, A1/A5), not
                                 * read apart: `check` classes a failing identity with such a term
                                 * as an extraction problem. Not written to records CSV. */
    long line;
};

/* A figure the report states besides its cells, kept for `check`'s cross-report and
 * prose checks and never written as a record (DOMAIN §3.3 A6, §3.1 S4). */
enum said_kind {
    SAID_CUMULATIVE,            /* the 历年累计 column of an old form, next to the annual cell */
    SAID_PROSE,                 /* a figure the prose states for a metric the tables gave */
    SAID_YEAR                   /* the prose dates the report's own work to year v100/100 */
};
struct said {
    enum said_kind kind;
    int metric, applicant;      /* SAID_YEAR: metric -1 */
    int64_t v100;
    enum qualifier q;
    long line;
};

struct report {
    char *path;                 /* input path as given ("-" for stdin) */
    char *body;                 /* publishing body as printed, or NULL */
    int year;                   /* statistics year, 0 if unknown */
    enum regime regime;         /* regime of the statistics tables (content beats year) */
    char *province, *city, *county;   /* gazetteer names, NULL when not resolved */
    char *region_code;          /* 6-digit GB/T 2260 code of the most specific region, or NULL */
    char *body_type;            /* "gov", "gov_office", "dept", "township", "zone", or NULL */
    char *scope;                /* "body", "aggregate", or NULL when unknown */
    const char *encoding;       /* "UTF-8", "GB18030", "BIG5" */
    bool traditional;           /* text was converted with OpenCC t2s */
    struct cell *cells;
    size_t ncells, cap;
    struct said *said;          /* side figures for `check` (report_say) */
    size_t nsaid, capsaid;
    struct diag diag;           /* per-report messages, flushed in input order */
    bool failed;                /* the report could not be read or decoded */
};

void report_init(struct report *r, const char *path);
void report_free(struct report *r);          /* frees members, not r; accepts NULL */
/* Add (or replace: same metric+applicant) a cell. Returns the stored cell. */
struct cell *report_set(struct report *r, int metric, int applicant, enum cell_status st,
                        enum qualifier q, int64_t v100, enum source_kind src, long line);
/* Add a side figure (kept in order; a report keeps at most a few dozen). */
void report_say(struct report *r, enum said_kind kind, int metric, int applicant, int64_t v100, enum qualifier q,
                long line);
/* The cell for metric+applicant, or NULL. */
const struct cell *report_get(const struct report *r, int metric, int applicant);
/* Sort cells into registry order (metric, then applicant) for stable output. */
void report_sort(struct report *r);

const char *regime_name(enum regime g);     /* "R08" ... ; "none" */
/* Reverse lookups (records CSV input): the enum value, or -1 for an unknown name. */
int regime_find(const char *name);
int qualifier_find(const char *name);
int status_find(const char *name);          /* "VALUE" "BLANK" "NA" */
/* Parse a decimal as written by v100_format ("1234", "-8", "7730.28", at most 2 decimals).
 * Returns 0 and sets *v100, or -1 if s is not such a number (or overflows). */
int v100_parse(const char *s, int64_t *v100);
const char *qualifier_name(enum qualifier q);/* "exact", "at_least", ... */
const char *status_name(enum cell_status s); /* "VALUE", "BLANK", "NA", "UNPARSEABLE" */
/* Format v100 as a decimal: "1234", "3500", "7730.28", "-8". buf >= 32 bytes. */
void v100_format(int64_t v100, char *buf, size_t sz);

#endif
