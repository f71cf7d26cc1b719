/* libFuzzer harness: the archive opener and loader on arbitrary database files (seeded
 * with small real archives, one of the shipped rulebook and one of open mode, so mutations
 * reach SQLite pages, the schema and the rows, open claims and stories included).
 * Properties: open gives a store or a fatal diagnostic, never both or neither; a load
 * either fails with a fatal diagnostic or adds claims whose document, field and subject
 * indices are in range (with `open: off` no open claim; in open mode an open claim has a
 * fact whose word counts are in range, and every document's story and original are in
 * range); the checker then runs on them; so it does on what check --db of an open-mode
 * draft loads (its story, through the story_terms rows). Then the file is opened as `index` opens it (to
 * write: an empty database gets the schema, an old one is upgraded, anything else is
 * refused), with the same first property, and opened again to read when that worked.
 * Run from the repository root. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "checker.h"
#include "fuzz_input.h"
#include "store.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void remove_db(const char *path)
{
    char side[96];
    unlink(path);
    snprintf(side, sizeof side, "%s-wal", path);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", path);
    unlink(side);
}

/* The built-in rulebook's equivalent: no fields, open mode. */
static const cc_rulebook *open_rulebook(void)
{
    static cc_rulebook *rb;
    static const char yaml[] = "version: 1\nname: open\nopen: on\nsubjects: {}\nfields: {}\n";
    if (!rb) {
        cc_diags d = {0};
        rb = cc_rulebook_load_mem("open", yaml, sizeof yaml - 1, &d);
        if (!rb || cc_patterns_compile(rb, &d) < 0)
            abort();
        cc_diags_free(&d);
    }
    return rb;
}

/* Loads the archive in open mode (as audit does) and checks what came back. */
static void load_open(cc_store *s, cc_diags *d)
{
    cc_run run;
    cc_run_init(&run, open_rulebook());
    int rc = cc_store_load_all(s, &run, d);
    if (rc < 0 && !cc_diags_fatal(d))
        __builtin_trap();
    for (size_t i = 0; i < run.nclaims; i++) {
        const cc_claim *c = &run.claims[i];
        const cc_open_fact *f = c->open;
        if (c->doc < 0 || (size_t)c->doc >= run.ndocs || c->field != -1 || !f ||
            f->nbefore > CC_OPEN_WORDS || f->nafter > CC_OPEN_WORDS ||
            f->nnames > CC_OPEN_NAMES || !memchr(f->before[0], 0, sizeof f->before[0]) ||
            !memchr(f->names[0], 0, sizeof f->names[0]))
            __builtin_trap();
    }
    for (size_t i = 0; i < run.ndocs; i++)
        if (run.docs[i].duplicate_of < -1 || run.docs[i].duplicate_of >= (long)run.ndocs)
            __builtin_trap();
    if (rc == 0)
        cc_check(&run);
    cc_run_free(&run);
}

/* The story terms of fixtures/open/ravine-b.txt (read once): a draft whose story the
 * seed archive of open mode holds, so that check --db's lookup reads story_terms rows. */
static const uint32_t *draft_terms(size_t *n)
{
    static uint32_t *terms;
    static size_t nterms;
    static bool read;
    if (!read) {
        read = true;
        FILE *f = fopen("fixtures/open/ravine-b.txt", "rb");
        char text[16384];
        size_t len = f ? fread(text, 1, sizeof text, f) : 0;
        if (f)
            fclose(f);
        cc_story_terms t;
        cc_story_terms_init(&t);
        cc_story_terms_add(&t, text, len);
        terms = cc_story_terms_detach(&t, &nterms);
        cc_story_terms_free(&t);
    }
    *n = nterms;
    return terms;
}

/* Loads what check --db of one open-mode draft loads (its story) and checks it. */
static void load_draft_story(cc_store *s, cc_diags *d)
{
    cc_run run;
    cc_run_init(&run, open_rulebook());
    cc_document *doc = cc_run_add_document(&run, "draft.txt");
    size_t n;
    const uint32_t *terms = draft_terms(&n);
    if (n) {
        doc->terms = cc_xmalloc(n * sizeof *doc->terms);
        memcpy(doc->terms, terms, n * sizeof *terms);
        doc->nterms = n;
    }
    int rc = cc_store_load_matching(s, &run, d);
    if (rc < 0 && !cc_diags_fatal(d))
        __builtin_trap();
    for (size_t i = 0; i < run.nclaims; i++)
        if (run.claims[i].doc < 0 || (size_t)run.claims[i].doc >= run.ndocs)
            __builtin_trap();
    for (size_t i = 0; i < run.ndocs; i++)
        if (run.docs[i].duplicate_of < -1 || run.docs[i].duplicate_of >= (long)run.ndocs)
            __builtin_trap();
    if (rc == 0)
        cc_check(&run);
    cc_run_free(&run);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char path[64];
    if (!path[0])
        snprintf(path, sizeof path, "/tmp/cc_fuzz_store_%ld.db", (long)getpid());
    remove_db(path);
    FILE *f = fopen(path, "wb");
    if (!f)
        abort();
    fwrite(data, 1, size, f);
    fclose(f);
    cc_diags d = {0};
    cc_store *s = cc_store_open(path, false, &d);
    if ((s != NULL) == cc_diags_fatal(&d))
        __builtin_trap();
    if (s) {
        const cc_rulebook *rb = fuzz_shipped_rulebook();
        cc_run run;
        cc_run_init(&run, rb);
        size_t before = d.n;
        int rc = cc_store_load_all(s, &run, &d);
        if (rc < 0 && !cc_diags_fatal(&d))
            __builtin_trap();
        (void)before;
        for (size_t i = 0; i < run.nclaims; i++) {
            const cc_claim *c = &run.claims[i];
            if (c->doc < 0 || (size_t)c->doc >= run.ndocs || c->field < 0 ||
                (size_t)c->field >= rb->nfields || c->subject < -1 ||
                (c->subject >= 0 && (size_t)c->subject >= rb->nsubjects) || !c->text ||
                !c->value_text || !c->sentence)
                __builtin_trap();
        }
        if (rc == 0)
            cc_check(&run);
        cc_run_free(&run);
        load_open(s, &d);
        load_draft_story(s, &d);
        size_t docs, claims;
        cc_store_counts(s, &docs, &claims);
        cc_store_close(s);
    }
    cc_diags_free(&d);
    s = cc_store_open(path, true, &d); /* as index: create, upgrade or refuse */
    bool written = s != NULL;
    if (written == cc_diags_fatal(&d))
        __builtin_trap();
    cc_store_close(s);
    if (written) { /* what index made of it reads as an archive */
        cc_diags_free(&d);
        s = cc_store_open(path, false, &d);
        if (!s)
            __builtin_trap();
        cc_store_close(s);
    }
    cc_diags_free(&d);
    remove_db(path);
    return 0;
}
