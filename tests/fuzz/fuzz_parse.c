/* fuzz_parse.c - libFuzzer target: any bytes through the whole parse pipeline
 * (decode, Traditional->Simplified, lex, HTML, tables, flattened runs, prose,
 * header) and the long CSV writer. `make fuzz` builds it with clang and
 * ASan+UBSan and runs it seeded with the sample and corpus reports.
 * PDFs are left out: their bytes go to poppler, whose own fuzzing is
 * upstream's (OSS-Fuzz); what ogistat does with a PDF's text is fuzzed here. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "ogistat/hanzi.h"
#include "ogistat/lex.h"
#include "ogistat/output.h"
#include "ogistat/parse.h"
#include "ogistat/record.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct hz *hz;
static FILE *devnull;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    html_init();
    const char *err = NULL;
    hz = hz_new(&err);
    devnull = fopen("/dev/null", "w");
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size >= 5 && memcmp(data, "%PDF-", 5) == 0) return -1;   /* not added to the corpus */
    struct report r;
    report_init(&r, "fuzz.txt");
    parse_buffer_hz(&r, hz, (const char *)data, size);
    struct out_writer *w = out_new(devnull, OUT_LONG, 0);
    out_report(w, &r);
    out_free(w);
    report_free(&r);
    return 0;
}
