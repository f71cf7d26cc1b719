/*
 * fuzz_report.c — the reporters on hostile strings and positions. The input's first
 * bytes choose the claim's offsets, line, column and value; the rest, split at NUL
 * bytes, gives the sentence, the value's words, the match, the path and the message.
 * Every reporter runs on the result, and what they print is checked: valid UTF-8,
 * no control characters but newlines in the text (no escape codes without colour),
 * none at all inside JSON strings.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fuzz_input.h"
#include "report_json.h"
#include "report_text.h"

enum { NPIECES = 5 };

static void run_reporter(cc_reporter r, const cc_run *run, bool color, const char *allowed)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    if (!f)
        return;
    cc_report_opts o = {.color = color, .rulebook_path = NULL};
    r(f, run, &o);
    fclose(f);
    fuzz_check_utf8(text, len, allowed);
    free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint8_t head[16];
    char *piece[NPIECES];
    fuzz_split(data, size, head, sizeof head, piece, NPIECES);

    cc_subject subject = {.id = piece[3]};
    cc_field field = {.id = "f.x", .type = CC_TYPE_PERCENT};
    cc_rule rule = {.id = piece[4]};
    cc_rulebook rb = {.path = piece[3], .name = piece[4], .subjects = &subject,
                      .nsubjects = 1, .fields = &field, .nfields = 1, .rules = &rule,
                      .nrules = 1};
    cc_run run;
    cc_run_init(&run, &rb);
    cc_document *d = cc_run_add_document(&run, piece[3]);
    d->skipped = head[15] & 1;
    memcpy(d->date, piece[1], strnlen(piece[1], 10));
    cc_claim *c = cc_run_add_claim(&run);
    c->field = 0;
    c->subject = head[14] & 1 ? 0 : -1;
    c->scope = (int)(int16_t)(head[12] | head[13] << 8);
    c->doc = 0;
    c->line = fuzz_u32(head);
    c->column = fuzz_u32(head + 4) & 0xFFFF;
    c->value_in_sentence = fuzz_u32(head + 8) % (strlen(piece[0]) + 8);
    c->sentence = cc_xstrdup(piece[0]);
    c->value_text = cc_xstrdup(piece[1]);
    c->text = cc_xstrdup(piece[2]);
    c->value.type = (cc_type)(head[14] >> 1) % 6;
    c->value.range.lo = (double)(int32_t)fuzz_u32(head) / 7.0;
    c->value.range.hi = head[15] & 2 ? INFINITY : c->value.range.lo;
    memcpy(c->value.currency, "VND", 4);
    c->value.position = head[4];
    c->value.total = head[5];
    c->value.start = cc_date_make(2000 + head[6] % 100, 1 + head[7] % 12, 1, (cc_precision)(head[8] % 3));
    c->value.end = c->value.start;
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

    run_reporter(cc_report_text, &run, false, "\n");
    run_reporter(cc_report_text, &run, true, "\n\033");
    run_reporter(cc_report_claims_table, &run, false, "\n");
    run_reporter(cc_report_json, &run, false, "\n");
    run_reporter(cc_report_claims_jsonl, &run, false, "\n");

    cc_buf b = CC_BUF_INIT;
    cc_json_string(&b, (const char *)data, size);
    fuzz_check_utf8(b.data, b.len, "");
    cc_buf_free(&b);

    cc_run_free(&run);
    for (int i = 0; i < NPIECES; i++)
        free(piece[i]);
    return 0;
}
