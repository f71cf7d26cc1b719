/*
 * baseline.c — baseline and ignore files (formats: docs/archive.md).
 *
 * Both are read with the bounded tree reader (yamltree.h) and checked against a fixed
 * grammar (a mapping with `version: 1` and one list of flat mappings): anything deeper
 * or different is an error at its line and column. Both are written as plain text
 * whose strings are YAML double-quoted scalars.
 */
#include "baseline.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "outfile.h"
#include "text.h"
#include "yamltree.h"

#define BASELINE_MAX_BYTES (16u * 1024u * 1024u)
#define BASELINE_MAX_ENTRIES 1000000u
#define FP_LEN 16

/* ---- fingerprints ------------------------------------------------------------------- */

static bool is_hex(int c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* 16 hex digits and nothing else. */
static bool valid_fingerprint(const char *s, size_t n)
{
    if (n != FP_LEN)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!is_hex((unsigned char)s[i]))
            return false;
    return true;
}

static void lower_fingerprint(const char *s, char out[FP_LEN + 1])
{
    for (size_t i = 0; i < FP_LEN; i++) {
        char c = s[i];
        out[i] = c >= 'A' && c <= 'F' ? (char)(c - 'A' + 'a') : c;
    }
    out[FP_LEN] = '\0';
}

bool cc_fingerprints_has(const cc_fingerprints *f, const char *fp)
{
    if (!f || !fp || !valid_fingerprint(fp, strlen(fp)))
        return false;
    char want[FP_LEN + 1];
    lower_fingerprint(fp, want);
    for (size_t i = 0; i < f->n; i++)
        if (memcmp(f->v[i], want, FP_LEN) == 0)
            return true;
    return false;
}

void cc_fingerprints_free(cc_fingerprints *f)
{
    free(f->v);
    memset(f, 0, sizeof *f);
}

static void fingerprints_add(cc_fingerprints *f, const char *fp)
{
    CC_GROW(f->v, f->cap, f->n + 1);
    lower_fingerprint(fp, f->v[f->n++]);
}

/* ---- files -------------------------------------------------------------------------- */

/* Reads a whole file of at most BASELINE_MAX_BYTES (util.h's one reader of small files);
 * -1 with errno, after which *reason says why. */
static int slurp(const char *path, cc_buf *out, const char **reason)
{
    int rc = cc_read_regular(path, BASELINE_MAX_BYTES, out, reason);
    if (rc < 0 && errno == EFBIG)
        *reason = "larger than 16 MB";
    return rc;
}

/* ---- reading ------------------------------------------------------------------------ */

typedef enum file_kind {
    KIND_BASELINE,         /* version, findings: [{fingerprint, rule, message}] */
    KIND_IGNORE,           /* version, ignore: [{fingerprint, reason, who, date}] */
} file_kind;

static const char *const BASELINE_KEYS[] = {"fingerprint", "rule", "message"};
static const char *const IGNORE_KEYS[] = {"fingerprint", "reason", "who", "date"};
#define NKEYS_MAX 4

/*
 * The grammar is three levels deep (the top mapping, the list, its entries), so anything
 * deeper is kept as an empty collection that the schema refuses at its mark: such a
 * file costs no more than its entries. Aliases are refused outright: nothing in these
 * files repeats. A file crosscheck writes has about 7 nodes per entry of 60 bytes or
 * more; the node cap leaves room for hand-written files with short values and bounds a
 * hostile one to a few hundred megabytes.
 */
#define BASELINE_MAX_NODES (4u * 1000u * 1000u)
#define FILE_LIMITS(what)                                                                 \
    {.name = (what), .max_bytes = BASELINE_MAX_BYTES, .max_depth = 3,                     \
     .max_nodes = BASELINE_MAX_NODES, .skip_deeper = true,                                \
     .aliases = CC_YAML_ALIASES_REFUSED, .wording = CC_YAML_TERSE}
static const cc_yaml_limits baseline_limits = FILE_LIMITS("baseline");
static const cc_yaml_limits ignore_limits = FILE_LIMITS("ignore file");

/* One read of a file's text. */
typedef struct yreader {
    cc_yaml_doc y;         /* the file's tree */
    file_kind kind;
    cc_fingerprints *out;
    bool has_document;     /* the stream held a document */
    int dash_column;       /* 0-based column of the list's '-', -1 when not a block list */
    bool list_flow;        /* the list is written in flow style ([...]) */
} yreader;

static const char *list_key(file_kind k)
{
    return k == KIND_BASELINE ? "findings" : "ignore";
}

static bool scalar_is(const cc_yaml_node *n, const char *s)
{
    return n->kind == CC_YAML_SCALAR && !n->alias && n->len == strlen(s) &&
           memcmp(n->text, s, n->len) == 0;
}

static int unknown_key(yreader *r, const cc_yaml_node *k, const char *const *keys, size_t nkeys)
{
    const char *near = cc_did_you_mean(k->text, keys, nkeys);
    if (near)
        return cc_yaml_error_at(&r->y, k->mark, "unknown key '%s' (did you mean '%s'?)", k->text,
                                near);
    return cc_yaml_error_at(&r->y, k->mark, "unknown key '%s'", k->text);
}

/* The index in keys[] of a mapping's key k, marked in seen[]; -1 after an error (not a
 * string, unknown, or seen before). Both levels of the file check their keys here. */
static int known_key(yreader *r, const cc_yaml_node *k, const char *const *keys, size_t nkeys,
                     bool *seen)
{
    if (k->kind != CC_YAML_SCALAR)
        return cc_yaml_error_at(&r->y, k->mark, "expected a key");
    for (size_t i = 0; i < nkeys; i++) {
        if (!scalar_is(k, keys[i]))
            continue;
        if (seen[i])
            return cc_yaml_error_at(&r->y, k->mark, "duplicate key '%s'", keys[i]);
        seen[i] = true;
        return (int)i;
    }
    return unknown_key(r, k, keys, nkeys);
}

/* One entry of the list: a mapping of known keys to strings, with a fingerprint. */
static int read_entry(yreader *r, const cc_yaml_node *e)
{
    if (e->kind != CC_YAML_MAP)
        return cc_yaml_error_at(&r->y, e->mark, "each entry of '%s' must be a mapping with a "
                                "'fingerprint'", list_key(r->kind));
    const char *const *keys = r->kind == KIND_BASELINE ? BASELINE_KEYS : IGNORE_KEYS;
    size_t nkeys = r->kind == KIND_BASELINE ? 3 : 4;
    bool seen[NKEYS_MAX] = {false};
    char fp[FP_LEN + 1] = "";
    assert(e->nkids % 2 == 0);
    for (size_t i = 0; i < e->nkids; i += 2) {
        int k = known_key(r, e->kids[i], keys, nkeys, seen);
        if (k < 0)
            return -1;
        const cc_yaml_node *v = e->kids[i + 1];
        if (v->kind != CC_YAML_SCALAR)
            return cc_yaml_error_at(&r->y, v->mark, "'%s' must be a string", keys[k]);
        if (k == 0 && !valid_fingerprint(v->text, v->len))
            return cc_yaml_error_at(&r->y, v->mark,
                                    "fingerprint '%.*s' is not 16 hexadecimal digits",
                                    (int)(v->len > 40 ? 40 : v->len), v->text);
        if (k == 0)
            lower_fingerprint(v->text, fp);
    }
    if (!seen[0])
        return cc_yaml_error_at(&r->y, e->mark, "entry has no 'fingerprint'");
    if (r->out->n >= BASELINE_MAX_ENTRIES)
        return cc_yaml_error_at(&r->y, e->mark, "more than %u entries", BASELINE_MAX_ENTRIES);
    fingerprints_add(r->out, fp);
    return 0;
}

/* The list's value: a sequence of entries, or nothing at all. */
static int read_list(yreader *r, const cc_yaml_node *list)
{
    if (cc_yaml_is_null(list))
        return 0;
    if (list->kind != CC_YAML_SEQ)
        return cc_yaml_error_at(&r->y, list->mark, "'%s' must be a list", list_key(r->kind));
    r->list_flow = list->flow;
    r->dash_column = list->flow ? -1 : (int)list->mark.column - 1;
    for (size_t i = 0; i < list->nkids; i++)
        if (read_entry(r, list->kids[i]) < 0)
            return -1;
    return 0;
}

/* A baseline's rulebook_sha256: 64 hex digits. */
static int read_rulebook_sha(yreader *r, const cc_yaml_node *v)
{
    bool ok = v->kind == CC_YAML_SCALAR && v->len == 64;
    for (size_t i = 0; ok && i < v->len; i++)
        ok = is_hex((unsigned char)v->text[i]);
    if (!ok)
        return cc_yaml_error_at(&r->y, v->mark, "'rulebook_sha256' must be 64 hexadecimal digits");
    for (size_t i = 0; i < 64; i++)
        r->out->rulebook_sha256[i] = (char)(v->text[i] >= 'A' && v->text[i] <= 'F'
                                                ? v->text[i] - 'A' + 'a' : v->text[i]);
    r->out->rulebook_sha256[64] = '\0';
    return 0;
}

static int read_version(yreader *r, const cc_yaml_node *v)
{
    if (v->kind != CC_YAML_SCALAR)
        return cc_yaml_error_at(&r->y, v->mark, "'version' must be 1");
    if (!scalar_is(v, "1"))
        return cc_yaml_error_at(&r->y, v->mark,
                                "unsupported version '%.*s' (this crosscheck reads 1)",
                                (int)(v->len > 40 ? 40 : v->len), v->text);
    return 0;
}

/* The top-level mapping: `version` and the list, and in a baseline the rulebook's
 * hash; nothing else. */
static int read_top(yreader *r, const cc_yaml_node *top)
{
    if (top->kind != CC_YAML_MAP)
        return cc_yaml_error_at(&r->y, top->mark, "expected a mapping with 'version' and '%s'",
                                list_key(r->kind));
    const char *const keys[] = {"version", list_key(r->kind), "rulebook_sha256"};
    size_t nkeys = r->kind == KIND_BASELINE ? 3 : 2;
    bool seen[3] = {false, false, false};
    assert(top->nkids % 2 == 0);
    for (size_t i = 0; i < top->nkids; i += 2) {
        int k = known_key(r, top->kids[i], keys, nkeys, seen);
        if (k < 0)
            return -1;
        const cc_yaml_node *v = top->kids[i + 1];
        int rc = k == 0 ? read_version(r, v) : k == 1 ? read_list(r, v) : read_rulebook_sha(r, v);
        if (rc < 0)
            return -1;
    }
    if (!seen[0])
        return cc_yaml_error_at(&r->y, top->mark, "missing 'version: 1'");
    if (!seen[1])
        return cc_yaml_error_at(&r->y, top->mark, "missing '%s'", keys[1]);
    return 0;
}

/* Parses `text` as a file of `kind`, adding its fingerprints to r->out; -1 with a
 * diagnostic in d (none when d is NULL). A stream with no document at all is an error
 * for a baseline only (r->has_document false). */
static int parse_text(yreader *r, const char *name, const char *text, size_t len, cc_diags *d)
{
    const cc_yaml_limits *lim = r->kind == KIND_BASELINE ? &baseline_limits : &ignore_limits;
    int rc = cc_yaml_read(&r->y, text, len, lim, name, CC_DIAG_BASELINE, d);
    r->has_document = r->y.root != NULL;
    if (rc == 0 && r->has_document)
        rc = read_top(r, r->y.root);
    else if (rc == 0 && r->kind == KIND_BASELINE)
        rc = cc_yaml_error_at(&r->y, (cc_mark){1, 1}, "empty file; expected 'version: 1' and "
                                                      "'findings'");
    cc_yaml_free(&r->y);
    return rc;
}

static void yreader_init(yreader *r, file_kind kind, cc_fingerprints *out)
{
    memset(r, 0, sizeof *r);
    r->kind = kind;
    r->out = out;
    r->dash_column = -1;
}

/* Parses a whole file's text into out (empty after an error). */
static int read_text(const char *name, const char *text, size_t len, file_kind kind,
                     cc_fingerprints *out, cc_diags *d)
{
    memset(out, 0, sizeof *out);
    if (len > BASELINE_MAX_BYTES) /* as slurp() says it of a file */
        return cc_error(d, CC_DIAG_BASELINE, name, "cannot read '%s': larger than 16 MB", name);
    yreader r;
    yreader_init(&r, kind, out);
    int rc = parse_text(&r, name, text, len, d);
    if (rc < 0)
        cc_fingerprints_free(out);
    return rc;
}

static int read_file(const char *path, file_kind kind, cc_fingerprints *out, cc_diags *d)
{
    memset(out, 0, sizeof *out);
    cc_buf text;
    const char *reason;
    if (slurp(path, &text, &reason) < 0) {
        cc_buf_free(&text);
        if (errno == ENOENT && kind == KIND_IGNORE)
            return 0; /* no ignore file: nothing is ignored */
        return cc_error(d, CC_DIAG_BASELINE, path, "cannot read '%s': %s", path, reason);
    }
    int rc = read_text(path, text.data, text.len, kind, out, d);
    cc_buf_free(&text);
    return rc;
}

int cc_baseline_read(const char *path, cc_fingerprints *out, cc_diags *d)
{
    return read_file(path, KIND_BASELINE, out, d);
}

int cc_ignore_read(const char *path, cc_fingerprints *out, cc_diags *d)
{
    return read_file(path, KIND_IGNORE, out, d);
}

int cc_baseline_read_mem(const char *name, const char *text, size_t len, cc_fingerprints *out,
                         cc_diags *d)
{
    return read_text(name, text, len, KIND_BASELINE, out, d);
}

int cc_ignore_read_mem(const char *name, const char *text, size_t len, cc_fingerprints *out,
                       cc_diags *d)
{
    return read_text(name, text, len, KIND_IGNORE, out, d);
}

/* ---- writing ------------------------------------------------------------------------ */

/* Appends `s` as a YAML double-quoted scalar: \ and " escaped, control characters,
 * line and paragraph separators, the BOM and invalid UTF-8 bytes (as U+FFFD) written
 * as escapes, so the file reads back as the same string. */
static void add_quoted(cc_buf *b, const char *s)
{
    static const char short_escape[32] = {
        '0', 0, 0, 0, 0, 0, 0, 'a', 'b', 't', 'n', 'v', 'f', 'r', 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 'e', 0, 0, 0, 0};
    size_t n = strlen(s);
    cc_buf_addc(b, '"');
    for (size_t i = 0; i < n;) {
        size_t len;
        int32_t cp = cc_utf8_decode(s + i, n - i, &len);
        if (cp < 0) { /* one escape per byte (not per maximal subpart), as always */
            cc_buf_adds(b, "\\uFFFD");
            i++;
            continue;
        }
        if (cp == '"' || cp == '\\') {
            cc_buf_addc(b, '\\');
            cc_buf_addc(b, (char)cp);
        } else if (cp < 0x20 && short_escape[cp]) {
            cc_buf_addc(b, '\\');
            cc_buf_addc(b, short_escape[cp]);
        } else if (cp == 0x85) {
            cc_buf_adds(b, "\\N");
        } else if (cp == 0x2028) {
            cc_buf_adds(b, "\\L");
        } else if (cp == 0x2029) {
            cc_buf_adds(b, "\\P");
        } else if (cc_is_control(cp)) {
            cc_buf_addf(b, "\\x%02X", (unsigned)cp);
        } else if (cp == 0xFEFF) {
            cc_buf_adds(b, "\\uFEFF");
        } else {
            cc_buf_add(b, s + i, len);
        }
        i += len;
    }
    cc_buf_addc(b, '"');
}

static const char *finding_rule(const cc_run *run, const cc_finding *f)
{
    if (f->rule >= 0 && run->rb && (size_t)f->rule < run->rb->nrules)
        return run->rb->rules[f->rule].id;
    return cc_finding_kind_name(f->kind);
}

int cc_baseline_write(const char *path, const cc_run *run, cc_diags *d)
{
    cc_buf b = CC_BUF_INIT;
    cc_buf_adds(&b, "# crosscheck baseline: findings already known when it was written\n"
                    "version: 1\n");
    if (run->rb && run->rb->sha256[0]) /* audit warns when it is read with another rulebook */
        cc_buf_addf(&b, "rulebook_sha256: %.64s\n", run->rb->sha256);
    cc_fingerprints written = {0};
    for (size_t i = 0; i < run->nfindings; i++) {
        const cc_finding *f = &run->findings[i];
        /* A finding without a fingerprint could not be matched again; one entry per
         * fingerprint is enough. */
        if (!valid_fingerprint(f->fingerprint, strnlen(f->fingerprint, sizeof f->fingerprint)) ||
            cc_fingerprints_has(&written, f->fingerprint))
            continue;
        if (written.n == 0)
            cc_buf_adds(&b, "findings:\n");
        fingerprints_add(&written, f->fingerprint);
        cc_buf_addf(&b, "  - {fingerprint: %s, rule: ", written.v[written.n - 1]);
        add_quoted(&b, finding_rule(run, f));
        cc_buf_adds(&b, ", message: ");
        add_quoted(&b, f->message ? f->message : "");
        cc_buf_adds(&b, "}\n");
    }
    if (written.n == 0)
        cc_buf_adds(&b, "findings: []\n");
    cc_fingerprints_free(&written);
    /* Locked as `ack` locks the ignore file, so that two audits writing one baseline
     * take turns rather than interleave (the last one's findings win). */
    cc_lock lock;
    int rc = cc_lock_acquire(&lock, path, d);
    if (rc == 0)
        rc = cc_outfile_write(path, b.data, b.len, d);
    cc_lock_release(&lock);
    cc_buf_free(&b);
    return rc;
}

/* What `crosscheck ack` records; reason, who and date may be NULL. */
typedef struct ignore_entry {
    const char *fingerprint, *reason, *who, *date;
} ignore_entry;

/* The entry as `cc_ignore_append` writes it, its '-' at `dash` columns. */
static void add_ignore_entry(cc_buf *b, int dash, const ignore_entry *e)
{
    char lower[FP_LEN + 1];
    lower_fingerprint(e->fingerprint, lower);
    cc_buf_addf(b, "%*s- fingerprint: %s\n", dash, "", lower);
    const char *keys[] = {"reason", "who", "date"};
    const char *vals[] = {e->reason, e->who, e->date};
    for (int i = 0; i < 3; i++) {
        if (!vals[i])
            continue;
        cc_buf_addf(b, "%*s%s: ", dash + 2, "", keys[i]);
        add_quoted(b, vals[i]);
        cc_buf_addc(b, '\n');
    }
}

/* The file's text (NULL: no file yet) with the entry after its bytes, in out, and how
 * many entries it held before; -1 after a diagnostic when the text cannot take it. */
static int with_entry_added(const char *path, const cc_buf *text, const ignore_entry *e,
                            cc_buf *out, size_t *nbefore, cc_diags *d)
{
    cc_fingerprints before = {0};
    yreader r;
    yreader_init(&r, KIND_IGNORE, &before);
    int rc = text ? parse_text(&r, path, text->data, text->len, d) : 0;
    *nbefore = before.n;
    cc_fingerprints_free(&before);
    if (rc < 0)
        return -1;
    if (r.list_flow)
        return cc_error(d, CC_DIAG_BASELINE, path, "cannot append to '%s': its 'ignore' list is written in flow "
                           "style ([...]); write it as a block list", path);
    if (text)
        cc_buf_add(out, text->data, text->len);
    if (out->len && out->data[out->len - 1] != '\n')
        cc_buf_addc(out, '\n');
    if (!r.has_document)
        cc_buf_adds(out, "version: 1\nignore:\n");
    add_ignore_entry(out, r.dash_column >= 0 ? r.dash_column : 2, e);
    return 0;
}

/* Whether `text` reads as an ignore file of n entries, the last one `fp` (an `ignore:`
 * key followed by another key, say, would leave an appended entry out). */
static bool reads_back_with(const char *path, const cc_buf *text, size_t n, const char *fp)
{
    cc_fingerprints after = {0};
    yreader r;
    yreader_init(&r, KIND_IGNORE, &after);
    bool ok = parse_text(&r, path, text->data, text->len, NULL) == 0 && after.n == n &&
              cc_fingerprints_has(&(cc_fingerprints){.v = &after.v[n - 1], .n = 1, .cap = 1}, fp);
    cc_fingerprints_free(&after);
    return ok;
}

/* cc_ignore_append() once the file is locked. */
static int append_locked(const char *path, const char *fingerprint, const char *reason,
                         const char *who, const char *date, cc_diags *d)
{
    cc_buf text;
    const char *why;
    bool exists = slurp(path, &text, &why) == 0;
    if (!exists && errno != ENOENT) {
        cc_buf_free(&text);
        return cc_error(d, CC_DIAG_BASELINE, path, "cannot read '%s': %s", path, why);
    }
    /* The existing bytes stay as they are; the entry goes after them. */
    const ignore_entry e = {fingerprint, reason, who, date};
    cc_buf out = CC_BUF_INIT;
    size_t nbefore = 0;
    int rc = with_entry_added(path, exists ? &text : NULL, &e, &out, &nbefore, d);
    if (rc == 0 && !reads_back_with(path, &out, nbefore + 1, fingerprint))
        rc = cc_error(d, CC_DIAG_BASELINE, path, "cannot append to '%s': an entry added at its end would not be part "
                         "of its 'ignore' list; add it by hand", path);
    if (rc == 0)
        rc = cc_outfile_write(path, out.data, out.len, d);
    cc_buf_free(&out);
    if (exists)
        cc_buf_free(&text);
    return rc;
}

int cc_ignore_append(const char *path, const char *fingerprint, const char *reason,
                     const char *who, const char *date, cc_diags *d)
{
    if (!fingerprint || !valid_fingerprint(fingerprint, strlen(fingerprint)))
        return cc_error(d, CC_DIAG_BASELINE, path, "fingerprint '%.40s' is not 16 hexadecimal digits", fingerprint ? fingerprint : "");
    /* Read, append and write back under the file's lock: two editors' `ack` at once
     * would otherwise each write the file as it was plus their own entry, and one
     * entry would be lost. */
    cc_lock lock;
    if (cc_lock_acquire(&lock, path, d) < 0)
        return -1;
    int rc = append_locked(path, fingerprint, reason, who, date, d);
    cc_lock_release(&lock);
    return rc;
}

/* ---- dropping findings -------------------------------------------------------------- */

size_t cc_run_drop_findings(cc_run *run, const cc_fingerprints *skip)
{
    size_t kept = 0, dropped = 0;
    for (size_t i = 0; i < run->nfindings; i++) {
        cc_finding *f = &run->findings[i];
        if (cc_fingerprints_has(skip, f->fingerprint)) {
            cc_finding_free(f);
            dropped++;
        } else {
            if (kept != i)
                run->findings[kept] = *f;
            kept++;
        }
    }
    run->nfindings = kept;
    return dropped;
}
