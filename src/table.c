/* table.c - result tables in CSV (csvio), Markdown and LaTeX (booktabs). */
#define _POSIX_C_SOURCE 200809L
#include "ogistat/table.h"
#include "ogistat/csvio.h"
#include "ogistat/util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct table {
    FILE *fp;
    enum table_fmt fmt;
    size_t ncols;
    struct csvw *csv;
    bool failed;
};

int table_fmt_find(const char *name)
{
    static const char *const names[] = { [TF_CSV] = "csv", [TF_MD] = "md", [TF_LATEX] = "latex" };
    for (size_t i = 0; i < ARRAY_LEN(names); i++)
        if (strcmp(names[i], name) == 0) return (int)i;
    return -1;
}

static void put_md(FILE *fp, const char *s)
{
    for (; *s; s++) {
        if (*s == '|') fputs("\\|", fp);
        else if (*s == '\n') fputc(' ', fp);
        else fputc(*s, fp);
    }
}

static void put_latex(FILE *fp, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': case '%': case '$': case '#': case '_': case '{': case '}':
            fputc('\\', fp);
            fputc(*s, fp);
            break;
        case '~': fputs("\\textasciitilde{}", fp); break;
        case '^': fputs("\\textasciicircum{}", fp); break;
        case '\\': fputs("\\textbackslash{}", fp); break;
        case '\n': fputc(' ', fp); break;
        default: fputc(*s, fp);
        }
    }
}

struct table *table_new(FILE *fp, enum table_fmt fmt, const struct table_col *cols, size_t ncols, int csv_flags)
{
    struct table *t = xcalloc(1, sizeof *t);
    t->fp = fp;
    t->fmt = fmt;
    t->ncols = ncols;
    switch (fmt) {
    case TF_CSV:
        t->csv = csvw_new(fp, csv_flags);
        for (size_t i = 0; i < ncols; i++) csvw_fieldz(t->csv, cols[i].name);
        csvw_endrow(t->csv);
        break;
    case TF_MD:
        for (size_t i = 0; i < ncols; i++) { fputs("| ", fp); put_md(fp, cols[i].name); fputc(' ', fp); }
        fputs("|\n", fp);
        for (size_t i = 0; i < ncols; i++) fputs(cols[i].align == 'r' ? "|---:" : "|:---", fp);
        fputs("|\n", fp);
        break;
    case TF_LATEX:
        fputs("\\begin{tabular}{", fp);
        for (size_t i = 0; i < ncols; i++) fputc(cols[i].align == 'r' ? 'r' : 'l', fp);
        fputs("}\n\\toprule\n", fp);
        for (size_t i = 0; i < ncols; i++) { if (i) fputs(" & ", fp); put_latex(fp, cols[i].name); }
        fputs(" \\\\\n\\midrule\n", fp);
        break;
    }
    return t;
}

void table_row(struct table *t, const char *const *cells)
{
    switch (t->fmt) {
    case TF_CSV:
        for (size_t i = 0; i < t->ncols; i++) csvw_fieldz(t->csv, cells[i]);
        csvw_endrow(t->csv);
        break;
    case TF_MD:
        for (size_t i = 0; i < t->ncols; i++) { fputs("| ", t->fp); put_md(t->fp, cells[i] ? cells[i] : ""); fputc(' ', t->fp); }
        fputs("|\n", t->fp);
        break;
    case TF_LATEX:
        for (size_t i = 0; i < t->ncols; i++) { if (i) fputs(" & ", t->fp); put_latex(t->fp, cells[i] ? cells[i] : ""); }
        fputs(" \\\\\n", t->fp);
        break;
    }
}

int table_free(struct table *t)
{
    if (!t) return 0;
    int rc = 0;
    if (t->fmt == TF_CSV) rc = csvw_free(t->csv);
    else if (t->fmt == TF_LATEX) fputs("\\bottomrule\n\\end{tabular}\n", t->fp);
    if (fflush(t->fp) != 0 || ferror(t->fp)) rc = -1;
    free(t);
    return rc;
}

void table_num(char *buf, size_t sz, double v)
{
    if (!isfinite(v)) { buf[0] = '\0'; return; }
    if (v == 0) v = 0;                      /* no "-0" */
    if (fabs(v) < 1e15 && v == floor(v)) snprintf(buf, sz, "%.0f", v);
    else snprintf(buf, sz, "%.10g", v);
}

void table_num_read(char *buf, size_t sz, double v, int decimals, bool thousands)
{
    if (!isfinite(v)) { buf[0] = '\0'; return; }
    char tmp[64];
    snprintf(tmp, sizeof tmp, "%.*f", decimals, v);
    if (strspn(tmp, "-0.") == strlen(tmp) && tmp[0] == '-') memmove(tmp, tmp + 1, strlen(tmp));  /* "-0.0" */
    if (!thousands) { snprintf(buf, sz, "%s", tmp); return; }
    const char *p = tmp;
    char out[96];
    size_t o = 0;
    if (*p == '-') out[o++] = *p++;
    size_t intlen = strcspn(p, ".");
    for (size_t i = 0; i < intlen; i++) {
        if (i && (intlen - i) % 3 == 0) out[o++] = ',';
        out[o++] = p[i];
    }
    snprintf(out + o, sizeof out - o, "%s", p + intlen);
    snprintf(buf, sz, "%s", out);
}
