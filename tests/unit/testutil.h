/* testutil.h - helpers shared by the unit tests: fixtures and known-answer cell checks.
 *
 * Fixtures live in tests/data/unit/ (the runner starts from the repository root;
 * OGISTAT_TESTDATA overrides the directory). Truth excerpts are the shared
 * corpus's TSV format: metric, applicant, value (number, BLANK or NA), qualifier, source.
 */
#ifndef OGISTAT_TESTUTIL_H
#define OGISTAT_TESTUTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "ogistat/record.h"

/* Read tests/data/unit/<name>; NUL-terminated, caller frees. Aborts the test if absent. */
char *load_fixture(const char *name, size_t *n);
/* A value as printed in truth files ("7730.28", "-4") -> v100. */
int64_t v100_of(const char *v);
int metric_of(const char *id);
int applicant_of(const char *code);
/* One table cell: value "BLANK", "NA" or a number in the canonical unit; line 0 = don't check. */
void cell_is_at(const struct report *r, const char *metric, const char *ap, const char *value, long line, int tline);
#define CELL_IS(r, m, a, v, line) cell_is_at((r), (m), (a), (v), (line), __LINE__)
/* A 表三 row: seven values "natural org_business org_research org_ngo org_legal org_other total". */
void row7_is_at(const struct report *r, const char *metric, const char *values, long line, int tline);
#define ROW7_IS(r, m, v, line) row7_is_at((r), (m), (v), (line), __LINE__)
void absent_at(const struct report *r, const char *metric, const char *ap, int tline);
#define ABSENT(r, m, a) absent_at((r), (m), (a), __LINE__)
/* Compare the report with a truth excerpt: every listed cell with its value, status,
 * qualifier and source, and no other cell. All differences are listed on failure. */
void truth_is(const struct report *r, const char *truth_name);
/* Does some diag message contain every one of the given strings (b, c may be NULL)? */
bool diag_has(const struct report *r, const char *a, const char *b, const char *c);

/* A report read from a whole document, as a file would be (parse_buffer). */
void parse_doc(struct report *r, const char *doc);
/* The report's messages, one per line, for failure messages. */
void diag_dump(const struct report *r, char *buf, size_t sz);

#endif
