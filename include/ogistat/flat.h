/* flat.h - tables whose cells ran together (DOMAIN.md §6.8).
 *
 * Web-page text dumps often lose the separators between cells:
 * "一、本年新收政府信息公开申请数量640020470" is seven cells. flat_extract()
 * finds each row of the new-template 表二/表三/表四 by its label, in the
 * form's order, takes the digit run after it, and enumerates the splits
 * into the row's cells that satisfy the form's identities (N4 within a
 * 表三 row, N5 within each 表四 group). Rows still ambiguous are solved
 * jointly with N1/N2 per applicant column. A cell that stays ambiguous is
 * stored as NA with qualifier "ambiguous" and its candidates are listed on
 * stderr: never guessed.
 */
#ifndef OGISTAT_FLAT_H
#define OGISTAT_FLAT_H

#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>
#include "ogistat/header.h"
#include "ogistat/record.h"

/* Read the flattened tables of r (R19/R21) from its compact text. Cells that
 * r already has are left alone. Returns the number of cells stored. */
size_t flat_extract(struct report *r, const struct compact *c);

/* Exposed for tests. Enumerate splits of the digits d[0..n) into k cells (no
 * multi-digit cell starting with 0). groups/gsize: if gsize > 0, every group of
 * gsize cells must satisfy sum(first gsize-1) == last. Writes up to max
 * candidates (k values each) into out; returns the number found (may exceed max). */
size_t flat_splits(const char *d, size_t n, size_t k, size_t gsize, int64_t *out, size_t max);

/* Is the value v stated in the prose of the compact text s[0..n) (outside the
 * table span [skip0, skip1)): a standalone number followed by a unit word, in a
 * clause (text since the last 。；，) that contains every phrase of `all` and,
 * when `any` is given, one of its phrases, and no 累计? Both lists end in NULL.
 * Used to settle a digit run the form's rules leave ambiguous, never alone. */
bool flat_prose_states(const char *s, size_t n, size_t skip0, size_t skip1, const char *const *all,
                       const char *const *any, int64_t v);

#endif
