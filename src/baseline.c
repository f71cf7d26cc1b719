/*
 * baseline.c — baseline and ignore files (formats: docs/archive.md).
 *
 * Both are read with libyaml's event parser against a fixed grammar (a mapping with
 * `version: 1` and one list of flat mappings), so there is no recursion and no alias
 * to expand: anything deeper or different is an error at its line and column. Both
 * are written as plain text whose strings are YAML double-quoted scalars.
 */
#include "baseline.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>
#include "text.h"

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

/* Reads a whole file of at most BASELINE_MAX_BYTES; -1 with errno (EFBIG when larger). */
static int slurp(const char *path, cc_buf *out)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    cc_buf_init(out, BASELINE_MAX_BYTES);
    char chunk[65536];
    for (;;) {
        ssize_t n = read(fd, chunk, sizeof chunk);
        if (n == 0)
            break;
        int err = n < 0 ? errno : cc_buf_add(out, chunk, (size_t)n) < 0 ? EFBIG : 0;
        if (err == EINTR)
            continue;
        if (err) {
            close(fd);
            cc_buf_free(out);
            errno = err;
            return -1;
        }
    }
    close(fd);
    return 0;
}

/* Writes `data` to `path` through a temporary file in the same folder and a rename, so
 * readers see the old file or the new one, never half of one. */
static int write_atomic(const char *path, const char *data, size_t len, cc_diags *d)
{
    cc_buf tmp = CC_BUF_INIT;
    cc_buf_addf(&tmp, "%s.tmp.XXXXXX", path);
    int fd = mkstemp(tmp.data);
    if (fd < 0) {
        int err = errno;
        cc_buf_free(&tmp);
        return cc_error_errno(d, CC_DIAG_IO, path, err, "cannot write '%s'", path);
    }
    struct stat st;
    mode_t mode;
    if (stat(path, &st) == 0) {
        mode = st.st_mode & 07777;
    } else {
        mode_t mask = umask(0);
        umask(mask);
        mode = 0666 & ~mask;
    }
    int err = fchmod(fd, mode) < 0 ? errno : 0;
    for (size_t off = 0; !err && off < len;) {
        ssize_t n = write(fd, data + off, len - off);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            err = n < 0 ? errno : EIO;
        else
            off += (size_t)n;
    }
    if (!err && fsync(fd) < 0)
        err = errno;
    if (close(fd) < 0 && !err)
        err = errno;
    if (!err && rename(tmp.data, path) < 0)
        err = errno;
    if (err)
        unlink(tmp.data);
    cc_buf_free(&tmp);
    if (err)
        return cc_error_errno(d, CC_DIAG_IO, path, err, "cannot write '%s'", path);
    return 0;
}

/* ---- reading ------------------------------------------------------------------------ */

typedef enum file_kind {
    KIND_BASELINE,         /* version, findings: [{fingerprint, rule, message}] */
    KIND_IGNORE,           /* version, ignore: [{fingerprint, reason, who, date}] */
} file_kind;

static const char *const BASELINE_KEYS[] = {"fingerprint", "rule", "message"};
static const char *const IGNORE_KEYS[] = {"fingerprint", "reason", "who", "date"};
#define NKEYS_MAX 4

/* One parse of a file's text. */
typedef struct yreader {
    yaml_parser_t parser;
    yaml_event_t ev;       /* the current event */
    bool have_ev;          /* ev must be deleted */
    const char *path;
    file_kind kind;
    cc_fingerprints *out;
    cc_diags *d;
    bool has_document;     /* the stream held a document */
    int dash_column;       /* 0-based column of the list's '-', -1 when not a block list */
    bool list_flow;        /* the list is written in flow style ([...]) */
} yreader;

static const char *list_key(file_kind k)
{
    return k == KIND_BASELINE ? "findings" : "ignore";
}

static int yerror(yreader *r, yaml_mark_t m, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int yerror(yreader *r, yaml_mark_t m, const char *fmt, ...)
{
    cc_buf msg = CC_BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    cc_buf_vaddf(&msg, fmt, ap);
    va_end(ap);
    cc_error_at(r->d, CC_DIAG_BASELINE, r->path, CC_AT((unsigned)m.line + 1, (unsigned)m.column + 1, (uint64_t)m.index), "%s", msg.data);
    cc_buf_free(&msg);
    return -1;
}

/* Moves to the next event; -1 with libyaml's message at its position. */
static int next_event(yreader *r)
{
    if (r->have_ev)
        yaml_event_delete(&r->ev);
    r->have_ev = false;
    if (!yaml_parser_parse(&r->parser, &r->ev)) {
        yaml_parser_t *p = &r->parser;
        const char *problem = p->problem ? p->problem : "invalid YAML";
        if (p->context)
            return yerror(r, p->problem_mark, "%s %s", problem, p->context);
        return yerror(r, p->problem_mark, "%s", problem);
    }
    r->have_ev = true;
    if (r->ev.type == YAML_ALIAS_EVENT)
        return yerror(r, r->ev.start_mark, "aliases are not allowed in this file");
    return 0;
}

static bool event_is_scalar(const yreader *r)
{
    return r->ev.type == YAML_SCALAR_EVENT;
}

static const char *scalar(const yreader *r, size_t *n)
{
    *n = r->ev.data.scalar.length;
    return (const char *)r->ev.data.scalar.value;
}

static bool scalar_is(const yreader *r, const char *s)
{
    size_t n;
    const char *v = scalar(r, &n);
    return n == strlen(s) && memcmp(v, s, n) == 0;
}

/* A plain empty, "~" or "null" scalar: an empty list written as nothing. */
static bool scalar_is_null(const yreader *r)
{
    return r->ev.data.scalar.plain_implicit && r->ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
           (scalar_is(r, "") || scalar_is(r, "~") || scalar_is(r, "null"));
}

static int key_index(const yreader *r, const char *name, size_t n)
{
    const char *const *keys = r->kind == KIND_BASELINE ? BASELINE_KEYS : IGNORE_KEYS;
    size_t nkeys = r->kind == KIND_BASELINE ? 3 : 4;
    for (size_t i = 0; i < nkeys; i++)
        if (strlen(keys[i]) == n && memcmp(keys[i], name, n) == 0)
            return (int)i;
    return -1;
}

static int unknown_key(yreader *r, const char *const *keys, size_t nkeys)
{
    size_t n;
    const char *name = scalar(r, &n);
    char *word = cc_xstrndup(name, n);
    const char *near = cc_did_you_mean(word, keys, nkeys);
    if (near)
        yerror(r, r->ev.start_mark, "unknown key '%s' (did you mean '%s'?)", word, near);
    else
        yerror(r, r->ev.start_mark, "unknown key '%s'", word);
    free(word);
    return -1;
}

/* One entry of the list: a mapping of known keys to strings, with a fingerprint. */
static int read_entry(yreader *r)
{
    if (r->ev.type != YAML_MAPPING_START_EVENT)
        return yerror(r, r->ev.start_mark, "each entry of '%s' must be a mapping with a "
                      "'fingerprint'", list_key(r->kind));
    yaml_mark_t start = r->ev.start_mark;
    bool seen[NKEYS_MAX] = {false};
    char fp[FP_LEN + 1] = "";
    for (;;) {
        if (next_event(r) < 0)
            return -1;
        if (r->ev.type == YAML_MAPPING_END_EVENT)
            break;
        if (!event_is_scalar(r))
            return yerror(r, r->ev.start_mark, "expected a key");
        size_t n;
        const char *name = scalar(r, &n);
        int k = key_index(r, name, n);
        if (k < 0)
            return r->kind == KIND_BASELINE ? unknown_key(r, BASELINE_KEYS, 3)
                                            : unknown_key(r, IGNORE_KEYS, 4);
        if (seen[k])
            return yerror(r, r->ev.start_mark, "duplicate key '%.*s'", (int)n, name);
        seen[k] = true;
        if (next_event(r) < 0)
            return -1;
        if (!event_is_scalar(r)) /* `name` went with the key's event: use the table's */
            return yerror(r, r->ev.start_mark, "'%s' must be a string",
                          (r->kind == KIND_BASELINE ? BASELINE_KEYS : IGNORE_KEYS)[k]);
        if (k == 0) {
            size_t vn;
            const char *v = scalar(r, &vn);
            if (!valid_fingerprint(v, vn))
                return yerror(r, r->ev.start_mark,
                              "fingerprint '%.*s' is not 16 hexadecimal digits",
                              (int)(vn > 40 ? 40 : vn), v);
            lower_fingerprint(v, fp);
        }
    }
    if (!seen[0])
        return yerror(r, start, "entry has no 'fingerprint'");
    if (r->out->n >= BASELINE_MAX_ENTRIES)
        return yerror(r, start, "more than %u entries", BASELINE_MAX_ENTRIES);
    fingerprints_add(r->out, fp);
    return 0;
}

/* The list's value: a sequence of entries, or nothing at all. */
static int read_list(yreader *r)
{
    if (next_event(r) < 0)
        return -1;
    if (event_is_scalar(r) && scalar_is_null(r))
        return 0;
    if (r->ev.type != YAML_SEQUENCE_START_EVENT)
        return yerror(r, r->ev.start_mark, "'%s' must be a list", list_key(r->kind));
    r->list_flow = r->ev.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE;
    r->dash_column = r->list_flow ? -1 : (int)r->ev.start_mark.column;
    for (;;) {
        if (next_event(r) < 0)
            return -1;
        if (r->ev.type == YAML_SEQUENCE_END_EVENT)
            return 0;
        if (read_entry(r) < 0)
            return -1;
    }
}

static int read_version(yreader *r)
{
    if (next_event(r) < 0)
        return -1;
    if (!event_is_scalar(r))
        return yerror(r, r->ev.start_mark, "'version' must be 1");
    if (!scalar_is(r, "1")) {
        size_t n;
        const char *v = scalar(r, &n);
        return yerror(r, r->ev.start_mark, "unsupported version '%.*s' (this crosscheck reads 1)",
                      (int)(n > 40 ? 40 : n), v);
    }
    return 0;
}

/* The top-level mapping: `version` and the list, nothing else. */
static int read_top(yreader *r)
{
    if (r->ev.type != YAML_MAPPING_START_EVENT)
        return yerror(r, r->ev.start_mark, "expected a mapping with 'version' and '%s'",
                      list_key(r->kind));
    yaml_mark_t start = r->ev.start_mark;
    bool have_version = false, have_list = false;
    const char *const keys[] = {"version", list_key(r->kind)};
    for (;;) {
        if (next_event(r) < 0)
            return -1;
        if (r->ev.type == YAML_MAPPING_END_EVENT)
            break;
        if (!event_is_scalar(r))
            return yerror(r, r->ev.start_mark, "expected a key");
        bool is_version = scalar_is(r, "version"), is_list = scalar_is(r, keys[1]);
        if (!is_version && !is_list)
            return unknown_key(r, keys, 2);
        if ((is_version && have_version) || (is_list && have_list))
            return yerror(r, r->ev.start_mark, "duplicate key '%s'", is_version ? "version"
                                                                                : keys[1]);
        if (is_version) {
            have_version = true;
            if (read_version(r) < 0)
                return -1;
        } else {
            have_list = true;
            if (read_list(r) < 0)
                return -1;
        }
    }
    if (!have_version)
        return yerror(r, start, "missing 'version: 1'");
    if (!have_list)
        return yerror(r, start, "missing '%s'", keys[1]);
    return 0;
}

/* Parses `text` as a file of `kind`, adding its fingerprints to `out`; -1 with a
 * diagnostic. A stream with no document at all is accepted here (r->has_document
 * false); the callers decide what that means. */
static int parse_text(yreader *r, const char *text, size_t len)
{
    yaml_parser_initialize(&r->parser);
    yaml_parser_set_input_string(&r->parser, (const unsigned char *)text, len);
    int rc = next_event(r); /* stream start */
    if (rc == 0)
        rc = next_event(r);
    if (rc == 0 && r->ev.type == YAML_DOCUMENT_START_EVENT) {
        r->has_document = true;
        rc = next_event(r);
        if (rc == 0)
            rc = read_top(r);
        if (rc == 0)
            rc = next_event(r); /* document end */
        if (rc == 0)
            rc = next_event(r);
        if (rc == 0 && r->ev.type != YAML_STREAM_END_EVENT)
            rc = yerror(r, r->ev.start_mark, "more than one YAML document");
    }
    if (r->have_ev)
        yaml_event_delete(&r->ev);
    r->have_ev = false;
    yaml_parser_delete(&r->parser);
    return rc;
}

static void yreader_init(yreader *r, const char *path, file_kind kind, cc_fingerprints *out,
                         cc_diags *d)
{
    memset(r, 0, sizeof *r);
    r->path = path;
    r->kind = kind;
    r->out = out;
    r->d = d;
    r->dash_column = -1;
}

/* Parses a whole file's text; an empty stream is an error for a baseline. */
static int read_text(const char *name, const char *text, size_t len, file_kind kind,
                     cc_fingerprints *out, cc_diags *d)
{
    memset(out, 0, sizeof *out);
    yreader r;
    yreader_init(&r, name, kind, out, d);
    int rc = parse_text(&r, text, len);
    if (rc == 0 && !r.has_document && kind == KIND_BASELINE)
        rc = yerror(&r, (yaml_mark_t){0, 0, 0}, "empty file; expected 'version: 1' and "
                                                "'findings'");
    if (rc < 0)
        cc_fingerprints_free(out);
    return rc;
}

static int read_file(const char *path, file_kind kind, cc_fingerprints *out, cc_diags *d)
{
    memset(out, 0, sizeof *out);
    cc_buf text;
    if (slurp(path, &text) < 0) {
        if (errno == ENOENT && kind == KIND_IGNORE)
            return 0; /* no ignore file: nothing is ignored */
        return cc_error(d, CC_DIAG_BASELINE, path, "cannot read '%s': %s", path, errno == EFBIG ? "larger than 16 MB" : strerror(errno));
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
    if (len > BASELINE_MAX_BYTES)
        return memset(out, 0, sizeof *out),
               cc_error(d, CC_DIAG_BASELINE, name, "cannot read '%s': larger than 16 MB", name);
    return read_text(name, text, len, KIND_BASELINE, out, d);
}

int cc_ignore_read_mem(const char *name, const char *text, size_t len, cc_fingerprints *out,
                       cc_diags *d)
{
    if (len > BASELINE_MAX_BYTES)
        return memset(out, 0, sizeof *out),
               cc_error(d, CC_DIAG_BASELINE, name, "cannot read '%s': larger than 16 MB", name);
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
    int rc = write_atomic(path, b.data, b.len, d);
    cc_buf_free(&b);
    return rc;
}

/* The entry `cc_ignore_append` adds, its '-' at `dash` columns. */
static void add_ignore_entry(cc_buf *b, int dash, const char *fp, const char *reason,
                             const char *who, const char *date)
{
    char lower[FP_LEN + 1];
    lower_fingerprint(fp, lower);
    cc_buf_addf(b, "%*s- fingerprint: %s\n", dash, "", lower);
    const char *keys[] = {"reason", "who", "date"};
    const char *vals[] = {reason, who, date};
    for (int i = 0; i < 3; i++) {
        if (!vals[i])
            continue;
        cc_buf_addf(b, "%*s%s: ", dash + 2, "", keys[i]);
        add_quoted(b, vals[i]);
        cc_buf_addc(b, '\n');
    }
}

int cc_ignore_append(const char *path, const char *fingerprint, const char *reason,
                     const char *who, const char *date, cc_diags *d)
{
    if (!fingerprint || !valid_fingerprint(fingerprint, strlen(fingerprint)))
        return cc_error(d, CC_DIAG_BASELINE, path, "fingerprint '%.40s' is not 16 hexadecimal digits", fingerprint ? fingerprint : "");
    cc_buf text;
    bool exists = slurp(path, &text) == 0;
    if (!exists && errno != ENOENT)
        return cc_error(d, CC_DIAG_BASELINE, path, "cannot read '%s': %s", path, errno == EFBIG ? "larger than 16 MB" : strerror(errno));
    if (!exists)
        cc_buf_init(&text, SIZE_MAX);
    cc_fingerprints before = {0};
    yreader r;
    yreader_init(&r, path, KIND_IGNORE, &before, d);
    if (exists && parse_text(&r, text.data, text.len) < 0) {
        cc_buf_free(&text);
        cc_fingerprints_free(&before);
        return -1;
    }
    if (r.list_flow) {
        cc_buf_free(&text);
        cc_fingerprints_free(&before);
        return cc_error(d, CC_DIAG_BASELINE, path, "cannot append to '%s': its 'ignore' list is written in flow "
                           "style ([...]); write it as a block list", path);
    }
    /* The existing bytes stay as they are; the entry goes after them. */
    cc_buf out = CC_BUF_INIT;
    cc_buf_add(&out, text.data, text.len);
    if (out.len && out.data[out.len - 1] != '\n')
        cc_buf_addc(&out, '\n');
    if (!r.has_document)
        cc_buf_adds(&out, "version: 1\nignore:\n");
    add_ignore_entry(&out, r.dash_column >= 0 ? r.dash_column : 2, fingerprint, reason, who,
                     date);
    /* Check that the result reads back with the entry in the list (an `ignore:` key
     * followed by another key, say, would not). */
    cc_fingerprints after = {0};
    cc_diags scratch = {0};
    yreader check;
    yreader_init(&check, path, KIND_IGNORE, &after, &scratch);
    int rc = parse_text(&check, out.data, out.len);
    if (rc < 0 || after.n != before.n + 1 ||
        !cc_fingerprints_has(&(cc_fingerprints){&after.v[after.n - 1], 1, 1}, fingerprint))
        rc = cc_error(d, CC_DIAG_BASELINE, path, "cannot append to '%s': an entry added at its end would not be part "
                         "of its 'ignore' list; add it by hand", path);
    else
        rc = write_atomic(path, out.data, out.len, d);
    cc_diags_free(&scratch);
    cc_fingerprints_free(&after);
    cc_fingerprints_free(&before);
    cc_buf_free(&out);
    cc_buf_free(&text);
    return rc;
}

/* ---- dropping findings -------------------------------------------------------------- */

static void free_finding(cc_finding *f)
{
    free(f->message);
    free(f->path);
    for (size_t i = 0; i < f->nsides; i++)
        free(f->sides[i].claims);
    free(f->sides);
    free(f->compatible);
}

size_t cc_run_drop_findings(cc_run *run, const cc_fingerprints *skip)
{
    size_t kept = 0, dropped = 0;
    for (size_t i = 0; i < run->nfindings; i++) {
        cc_finding *f = &run->findings[i];
        if (cc_fingerprints_has(skip, f->fingerprint)) {
            free_finding(f);
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
