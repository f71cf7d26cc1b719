/*
 * fuzz_report.c — the reporters on hostile strings and positions. The input's first
 * bytes choose the claim's offsets, line, column and value; the rest, split at NUL
 * bytes, gives the sentence, the value's words, the match, the path and the message.
 * Every reporter runs on the result, and what they print is checked: valid UTF-8,
 * no control characters but newlines in the text (no escape codes without colour), no
 * DEL, C1 or bidi controls and no line starting with "::" in the text reports, no raw
 * control characters inside JSON strings.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fuzz_input.h"
#include "report_json.h"
#include "report_text.h"

/* `shown`: a report people read (text), checked as fuzz_check_shown() says; else data
 * (JSON), whose strings may hold any character. */
static void run_reporter(cc_reporter r, const cc_run *run, bool color, const char *allowed,
                         bool shown)
{
    size_t len = 0;
    cc_report_opts o = {.color = color, .rulebook_path = NULL};
    char *text = fuzz_render(r, run, &o, false, &len);
    if (shown)
        fuzz_check_shown(text, len, allowed, true);
    else
        fuzz_check_utf8(text, len, allowed);
    free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_book bk;
    fuzz_book_init(&bk, data, size, 16, 1);
    bk.fields[0] = (cc_field){.id = "f.x", .type = CC_TYPE_PERCENT};
    cc_run run;
    cc_document *d = fuzz_run_start(&run, &bk);
    const uint8_t *head = bk.head;
    char *const *piece = bk.piece;
    cc_claim *c = fuzz_add_claim(&run, head, piece, piece[0], piece[1], piece[2]);
    d->nclaims = 1;

    cc_finding *f = cc_run_add_finding(&run);
    f->kind = (cc_finding_kind)(head[9] % 5);
    f->rule = head[9] & 8 ? 0 : -1;
    f->field = 0;
    f->severity = (cc_severity)(head[10] % 3);
    f->message = cc_xstrdup(piece[4]);
    f->location = head[10] & 4 ? 0 : -1;
    f->path = cc_xstrdup(piece[3]);
    f->line = head[11];
    f->nsides = 2;
    f->sides = cc_xcalloc(2, sizeof *f->sides);
    for (int i = 0; i < 2; i++) {
        f->sides[i].value = c->value;
        f->sides[i].nclaims = 1;
        f->sides[i].claims = cc_xmalloc(sizeof(size_t));
        f->sides[i].claims[0] = i == 0 ? 0 : (size_t)head[11]; /* maybe out of range */
    }
    f->ncompatible = 1;
    f->compatible = cc_xmalloc(sizeof(size_t));
    f->compatible[0] = 0;
    cc_diag_addf(&run.diags, CC_SEV_WARNING, (cc_diag_kind)((unsigned char)piece[2][0] % cc_diag_kind_names.n), piece[3], CC_AT(1, 1, UINT64_MAX), "%s", piece[4]);
    run.ngroups = 1;
    cc_run_summarise(&run, CC_SEV_ERROR);

    run_reporter(cc_report_text, &run, false, "\n", true);
    run_reporter(cc_report_text, &run, true, "\n\033", true);
    run_reporter(cc_report_claims_table, &run, false, "\n", true);
    run_reporter(cc_report_json, &run, false, "\n", false);
    run_reporter(cc_report_claims_jsonl, &run, false, "\n", false);

    cc_buf b = CC_BUF_INIT;
    cc_json_string(&b, (const char *)data, size);
    fuzz_check_utf8(b.data, b.len, "");
    cc_buf_free(&b);

    cc_run_free(&run);
    fuzz_book_free(&bk);
    return 0;
}
