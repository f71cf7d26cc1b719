/*
 * acm.c — many words found in one pass over a text (Aho–Corasick).
 *
 * While words are added, the automaton is a trie whose nodes keep their first child and
 * next sibling. cc_acm_build() walks it breadth first to give each node its failure link
 * (the longest proper suffix of its path that is also a path) and turns everything into
 * a full transition table, so that a scan never follows a failure link: one lookup per
 * byte. Each state also keeps the nearest state on its failure chain where a word ends
 * (`dict`), so that the words ending at a byte are listed without walking the chain.
 */
#include "acm.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#define NONE UINT32_MAX

typedef struct output {
    uint32_t id;       /* the caller's number for the word */
    uint32_t next;     /* the next output of the same state, or NONE */
} output;

struct cc_acm {
    /* the trie (state 0 is the root) */
    uint32_t *first_child, *next_sibling; /* NONE when absent */
    unsigned char *byte;                  /* the byte of the edge into each state */
    uint32_t *out_head;                   /* first output of each state, or NONE */
    size_t nstates, capstates;
    output *out;
    size_t nout, capout;
    /* after cc_acm_build() */
    bool built;
    uint16_t cls[256];                    /* byte -> column; 0 for bytes of no word */
    size_t ncls;
    uint32_t *delta;                      /* nstates * ncls transitions */
    uint32_t *dict;                       /* nearest state on the failure chain with an
                                             output (0: none; the root has none) */
    bool *final;                          /* a word ends in this state */
};

static uint32_t new_state(cc_acm *a, unsigned char b)
{
    if (a->nstates == a->capstates) {
        size_t cap = a->capstates;
        CC_GROW(a->first_child, cap, a->nstates + 1);
        cap = a->capstates;
        CC_GROW(a->next_sibling, cap, a->nstates + 1);
        cap = a->capstates;
        CC_GROW(a->byte, cap, a->nstates + 1);
        CC_GROW(a->out_head, a->capstates, a->nstates + 1);
    }
    uint32_t s = (uint32_t)a->nstates++;
    a->first_child[s] = a->next_sibling[s] = a->out_head[s] = NONE;
    a->byte[s] = b;
    return s;
}

cc_acm *cc_acm_new(void)
{
    cc_acm *a = cc_xcalloc(1, sizeof *a);
    new_state(a, 0);
    return a;
}

void cc_acm_free(cc_acm *a)
{
    if (!a)
        return;
    free(a->first_child);
    free(a->next_sibling);
    free(a->byte);
    free(a->out_head);
    free(a->out);
    free(a->delta);
    free(a->dict);
    free(a->final);
    free(a);
}

static uint32_t child(const cc_acm *a, uint32_t s, unsigned char b)
{
    for (uint32_t c = a->first_child[s]; c != NONE; c = a->next_sibling[c])
        if (a->byte[c] == b)
            return c;
    return NONE;
}

void cc_acm_add(cc_acm *a, const char *word, size_t len, uint32_t id)
{
    assert(!a->built && len > 0);
    uint32_t s = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char b = (unsigned char)word[i];
        uint32_t c = child(a, s, b);
        if (c == NONE) {
            c = new_state(a, b);
            a->next_sibling[c] = a->first_child[s];
            a->first_child[s] = c;
        }
        s = c;
    }
    CC_GROW(a->out, a->capout, a->nout + 1);
    a->out[a->nout] = (output){id, a->out_head[s]};
    a->out_head[s] = (uint32_t)a->nout++;
}

size_t cc_acm_words(const cc_acm *a)
{
    return a->nout;
}

/* One column per byte that some word uses; every other byte goes to column 0. */
static void assign_classes(cc_acm *a)
{
    memset(a->cls, 0, sizeof a->cls);
    a->ncls = 1;
    for (size_t s = 1; s < a->nstates; s++)
        if (!a->cls[a->byte[s]])
            a->cls[a->byte[s]] = (uint16_t)a->ncls++;
}

void cc_acm_build(cc_acm *a)
{
    assert(!a->built);
    a->built = true;
    assign_classes(a);
    size_t n = a->nstates, k = a->ncls;
    a->delta = cc_xcalloc(n * k, sizeof *a->delta); /* all to the root */
    a->dict = cc_xcalloc(n, sizeof *a->dict);
    a->final = cc_xcalloc(n, sizeof *a->final);
    uint32_t *fail = cc_xcalloc(n, sizeof *fail);
    uint32_t *queue = cc_xmalloc(n * sizeof *queue);
    size_t head = 0, tail = 0;
    for (uint32_t c = a->first_child[0]; c != NONE; c = a->next_sibling[c]) {
        a->delta[a->cls[a->byte[c]]] = c;
        queue[tail++] = c; /* fail[c] = 0 */
    }
    while (head < tail) {
        uint32_t s = queue[head++];
        /* the row of s: its failure state's row (complete: it is shallower), then its
         * own children */
        memcpy(a->delta + (size_t)s * k, a->delta + (size_t)fail[s] * k, k * sizeof *a->delta);
        for (uint32_t c = a->first_child[s]; c != NONE; c = a->next_sibling[c]) {
            size_t col = a->cls[a->byte[c]];
            fail[c] = a->delta[(size_t)fail[s] * k + col];
            a->delta[(size_t)s * k + col] = c;
            queue[tail++] = c;
        }
        uint32_t f = fail[s];
        a->dict[s] = a->out_head[f] != NONE ? f : a->dict[f];
        a->final[s] = a->out_head[s] != NONE || a->dict[s] != 0;
    }
    assert(tail == n - 1);
    free(fail);
    free(queue);
}

cc_acm_tables cc_acm_tables_of(const cc_acm *a)
{
    assert(a->built);
    return (cc_acm_tables){a->delta, a->cls, a->ncls, a->final};
}

uint32_t cc_acm_start(const cc_acm *a)
{
    (void)a;
    return 0;
}

uint32_t cc_acm_step(const cc_acm *a, uint32_t state, unsigned char byte)
{
    return a->delta[(size_t)state * a->ncls + a->cls[byte]];
}

bool cc_acm_final(const cc_acm *a, uint32_t state)
{
    return a->final[state];
}

/* Reports the words that end in `state`; true when `hit` asks to stop. */
static bool report(const cc_acm *a, uint32_t state, size_t end, cc_acm_hit_fn hit, void *ctx)
{
    for (uint32_t s = a->out_head[state] != NONE ? state : a->dict[state]; s;
         s = a->dict[s])
        for (uint32_t o = a->out_head[s]; o != NONE; o = a->out[o].next)
            if (hit(ctx, a->out[o].id, end))
                return true;
    return false;
}

bool cc_acm_scan(const cc_acm *a, const char *text, size_t len, cc_acm_hit_fn hit, void *ctx)
{
    assert(a->built);
    const uint32_t *delta = a->delta;
    const uint16_t *cls = a->cls;
    size_t k = a->ncls;
    uint32_t s = 0;
    for (size_t i = 0; i < len; i++) {
        s = delta[(size_t)s * k + cls[(unsigned char)text[i]]];
        if (a->final[s] && report(a, s, i + 1, hit, ctx))
            return true;
    }
    return false;
}
