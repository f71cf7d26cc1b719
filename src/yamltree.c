/*
 * yamltree.c — the bounded YAML tree reader (contract: yamltree.h).
 */
#include "yamltree.h"

#include <assert.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "text.h"

/* ---- diagnostics ---------------------------------------------------------- */

__attribute__((format(printf, 3, 4)))
static void doc_error(cc_yaml_doc *y, cc_mark m, const char *fmt, ...);

/* ---- positions: libyaml marks and bytes of the file ------------------------ */

/* The text's line map, built on first use (most files have no error to place). */
static cc_srcpos *positions(cc_yaml_doc *y)
{
    if (!y->pos_built) {
        cc_srcpos_init(&y->pos, y->data, y->len);
        y->pos_built = true;
    }
    return &y->pos;
}

/* Byte offset of a 1-based mark, or SIZE_MAX when it cannot be found. */
static size_t raw_of(cc_yaml_doc *y, cc_mark m)
{
    if (!y->raw_ok || m.line == 0) /* {0, 0} is the whole file: no line map needed */
        return SIZE_MAX;
    return cc_srcpos_offset(positions(y), m);
}

size_t cc_yaml_offset(cc_yaml_doc *y, cc_mark m)
{
    return raw_of(y, m);
}

static cc_mark mark_of_yaml(yaml_mark_t m)
{
    cc_mark r = {(unsigned)m.line + 1, (unsigned)m.column + 1};
    return r;
}

static uint64_t offset_of(cc_yaml_doc *y, cc_mark m)
{
    size_t r = raw_of(y, m);
    return r == SIZE_MAX ? UINT64_MAX : (uint64_t)r;
}

/* As the header says; no file needed. */
cc_mark cc_yaml_text_mark(cc_mark m, yaml_scalar_style_t style, const char *text, size_t k)
{
    if (memchr(text, '\n', k))
        return m;
    switch (style) {
    case YAML_PLAIN_SCALAR_STYLE:
        m.column += (unsigned)cc_utf8_count(text, k);
        return m;
    case YAML_SINGLE_QUOTED_SCALAR_STYLE:
        m.column += 1 + (unsigned)cc_utf8_count(text, k);
        for (size_t i = 0; i < k; i++)
            m.column += text[i] == '\'';
        return m;
    case YAML_DOUBLE_QUOTED_SCALAR_STYLE:
        m.column += 1 + (unsigned)cc_utf8_count(text, k);
        return m;
    default:
        return m;
    }
}

static int hex_value(const char *s, size_t n, uint32_t *out)
{
    uint32_t v = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        int d = cc_is_digit((unsigned char)c) ? c - '0'
                : c >= 'a' && c <= 'f'        ? c - 'a' + 10
                : c >= 'A' && c <= 'F'        ? c - 'A' + 10
                                              : -1;
        if (d < 0)
            return -1;
        v = v * 16 + (uint32_t)d;
    }
    *out = v;
    return 0;
}

/* One double-quoted escape at data[r] (a backslash): its bytes in the file and in the value. */
static bool double_escape(const cc_yaml_doc *y, size_t r, size_t *in_file, size_t *in_value)
{
    if (r + 1 >= y->len || cc_line_break_len(y->data, r + 1, y->len))
        return false;
    char e = y->data[r + 1];
    size_t digits = e == 'x' ? 2 : e == 'u' ? 4 : e == 'U' ? 8 : 0;
    if (digits) {
        uint32_t cp;
        if (r + 2 + digits > y->len || hex_value(y->data + r + 2, digits, &cp) < 0)
            return false;
        *in_file = 2 + digits;
        *in_value = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
        return true;
    }
    *in_file = 2;
    *in_value = e == 'N' || e == '_' ? 2 : e == 'L' || e == 'P' ? 3 : 1;
    return true;
}

cc_mark cc_yaml_scalar_mark_at(cc_yaml_doc *y, const cc_yaml_node *v, size_t k)
{
    size_t start = raw_of(y, v->mark), r = start, i = 0;
    if (start == SIZE_MAX || k > v->len)
        return cc_yaml_text_mark(v->mark, v->style, v->text, k > v->len ? v->len : k);
    switch (v->style) {
    case YAML_PLAIN_SCALAR_STYLE:
        if (r + k > y->len || memcmp(y->data + r, v->text, k) != 0)
            return cc_yaml_text_mark(v->mark, v->style, v->text, k);
        r += k;
        break;
    case YAML_SINGLE_QUOTED_SCALAR_STYLE:
        for (r++; i < k; i++, r++) {
            if (r >= y->len || cc_line_break_len(y->data, r, y->len))
                return cc_yaml_text_mark(v->mark, v->style, v->text, k);
            if (y->data[r] == '\'')
                r++; /* '' is one quote */
        }
        break;
    case YAML_DOUBLE_QUOTED_SCALAR_STYLE:
        for (r++; i < k;) {
            size_t in_file = 1, in_value = 1;
            if (r >= y->len || cc_line_break_len(y->data, r, y->len) ||
                (y->data[r] == '\\' && !double_escape(y, r, &in_file, &in_value)))
                return cc_yaml_text_mark(v->mark, v->style, v->text, k);
            r += in_file;
            i += in_value;
        }
        break;
    default:
        return v->mark;
    }
    if (r > y->len)
        return v->mark;
    cc_mark m = v->mark;
    m.column += (unsigned)cc_utf8_count(y->data + start, r - start);
    return m;
}

/* ---- reading events into the tree ------------------------------------------ */

/* libyaml's problem as CC_YAML_EXPLAINED words it: what, where it started, a hint. */
static void explain_problem(cc_yaml_doc *y, const yaml_parser_t *p, cc_mark m, cc_buf *msg)
{
    cc_buf_adds(msg, "invalid YAML: ");
    size_t r = raw_of(y, m);
    if (r != SIZE_MAX && r < y->len && y->data[r] == '\t')
        cc_buf_adds(msg, "a tab cannot indent YAML, use spaces; ");
    cc_buf_adds(msg, p->problem ? p->problem : "cannot parse");
    if (p->error == YAML_READER_ERROR && p->problem_value != -1)
        cc_buf_addf(msg, " (0x%02x)", (unsigned)p->problem_value);
    cc_mark ctx = mark_of_yaml(p->context_mark);
    if (p->context && ctx.line == m.line && ctx.column == m.column)
        cc_buf_addf(msg, " (%s)", p->context);
    else if (p->context)
        cc_buf_addf(msg, " (%s that started at %u:%u)", p->context, ctx.line, ctx.column);
}

/*
 * The mark of byte `off` of UTF-16 text that starts with a byte order mark. libyaml gives
 * a reader error (a control character, a bad surrogate) only a byte offset, and the line
 * map is of UTF-8 bytes, so the units are counted here: a line ends at LF, CR or CRLF,
 * and a column is a code point (the low half of a surrogate pair adds none).
 */
static cc_mark utf16_mark(const char *data, size_t len, size_t off)
{
    const unsigned char *b = (const unsigned char *)data;
    bool le = b[0] == 0xff;
    cc_mark m = {1, 1};
    for (size_t i = 2; i + 1 < len && i < off; i += 2) {
        unsigned u = le ? (unsigned)(b[i] | b[i + 1] << 8) : (unsigned)(b[i] << 8 | b[i + 1]);
        unsigned next = i + 3 < len ? (le ? (unsigned)(b[i + 2] | b[i + 3] << 8)
                                          : (unsigned)(b[i + 2] << 8 | b[i + 3]))
                                    : 0;
        if (u == '\n' || (u == '\r' && next != '\n')) {
            m.line++;
            m.column = 1;
        } else if (u != '\r' && (u < 0xDC00 || u > 0xDFFF)) {
            m.column++;
        }
    }
    return m;
}

static void yaml_error(cc_yaml_doc *y, const yaml_parser_t *p)
{
    /* A reader error (bad encoding, a control character) has no mark, only an offset. */
    cc_mark m = p->error == YAML_READER_ERROR ? cc_srcpos_mark(positions(y), p->problem_offset)
                                              : mark_of_yaml(p->problem_mark);
    if (p->error == YAML_READER_ERROR && !y->raw_ok)
        m = utf16_mark(y->data, y->len, p->problem_offset);
    const char *problem = p->problem ? p->problem : "cannot parse";
    cc_buf msg = CC_BUF_INIT;
    switch (y->limits->wording) {
    case CC_YAML_EXPLAINED:
        explain_problem(y, p, m, &msg);
        break;
    case CC_YAML_TERSE:
        cc_buf_addf(&msg, p->context ? "%s %s" : "%s", problem, p->context);
        break;
    case CC_YAML_PROBLEM:
        cc_buf_adds(&msg, problem);
        break;
    }
    doc_error(y, m, "%s", msg.data);
    cc_buf_free(&msg);
}

/*
 * The scalar's own start, past `&anchor` and `!tag` (libyaml's event mark is theirs).
 * The mark is carried along the bytes skipped, never recounted from the line start,
 * so that many tagged scalars on one long line stay linear.
 */
static cc_mark skip_properties(cc_yaml_doc *y, cc_mark m)
{
    size_t r = raw_of(y, m);
    if (r == SIZE_MAX)
        return m;
    size_t from = r; /* where m's column was last known */
    while (r < y->len && (y->data[r] == '&' || y->data[r] == '!')) {
        while (r < y->len && y->data[r] != ' ' && y->data[r] != '\t' &&
               !cc_line_break_len(y->data, r, y->len))
            r++;
        for (;;) {
            size_t b = r < y->len ? cc_line_break_len(y->data, r, y->len) : 0;
            if (b) {
                r += b;
                m.line++;
                m.column = 1;
                from = r;
            } else if (r < y->len && (y->data[r] == ' ' || y->data[r] == '\t')) {
                r++;
            } else if (r < y->len && y->data[r] == '#') {
                while (r < y->len && !cc_line_break_len(y->data, r, y->len))
                    r++;
            } else {
                break;
            }
        }
    }
    m.column += (unsigned)cc_utf8_count(y->data + from, r - from);
    return m;
}

static cc_yaml_node *new_node(cc_yaml_doc *y, cc_yaml_kind kind, cc_mark mark)
{
    if (y->nnodes >= y->limits->max_nodes) {
        doc_error(y, mark, "the %s has too many YAML nodes (over %zu)", y->limits->name,
                  y->limits->max_nodes);
        return NULL;
    }
    cc_yaml_node *n = cc_xcalloc(1, sizeof *n);
    n->kind = kind;
    n->mark = mark;
    n->weight = 1;
    CC_GROW(y->nodes, y->nodecap, y->nnodes + 1);
    y->nodes[y->nnodes++] = n;
    return n;
}

static size_t add_weight(size_t a, size_t b)
{
    return a > SIZE_MAX / 4 - b ? SIZE_MAX / 4 : a + b;
}

/* Appends a finished node (or one just opened) to the collection being read, or makes
 * it a document's top node. */
static void attach(cc_yaml_doc *y, cc_yaml_node *n, bool counts_now)
{
    if (!y->depth) {
        CC_GROW(y->roots, y->rootcap, y->nroots + 1);
        y->roots[y->nroots++] = n;
        y->root = y->roots[0];
        return;
    }
    cc_yaml_node *parent = y->stack[y->depth - 1];
    CC_GROW(parent->kids, parent->cap, parent->nkids + 1);
    parent->kids[parent->nkids++] = n;
    if (counts_now)
        parent->weight = add_weight(parent->weight, n->weight);
}

/* Names node n (the last one created) as an anchor; a later definition wins. */
static void register_anchor(cc_yaml_doc *y, const yaml_char_t *name)
{
    if (!name)
        return;
    CC_GROW(y->anchor_names, y->anchorcap, y->nanchors + 1);
    char *own = cc_xstrdup((const char *)name);
    y->anchor_names[y->nanchors++] = own;
    cc_strindex_put(&y->anchors, own, strlen(own), y->nnodes - 1, true);
}

/* An alias kept as a node of its own (CC_YAML_ALIASES_UNREAD): takes a place in its
 * collection, so that keys and values stay paired, and means nothing. */
static int unread_alias(cc_yaml_doc *y, cc_mark m)
{
    cc_yaml_node *n = new_node(y, CC_YAML_SCALAR, m);
    if (!n)
        return -1;
    n->text = cc_xstrdup("");
    n->style = YAML_ANY_SCALAR_STYLE; /* not plain: not null either */
    n->alias = true;
    attach(y, n, true);
    return 0;
}

static int on_alias(cc_yaml_doc *y, const yaml_event_t *ev)
{
    const char *name = (const char *)ev->data.alias.anchor;
    cc_mark m = mark_of_yaml(ev->start_mark);
    if (y->limits->aliases == CC_YAML_ALIASES_UNREAD)
        return unread_alias(y, m);
    if (y->limits->aliases == CC_YAML_ALIASES_REFUSED) {
        doc_error(y, m, "aliases are not allowed in this file");
        return -1;
    }
    char b[CC_SHOWN_MAX + 8];
    size_t k = cc_strindex_get(&y->anchors, name, strlen(name));
    cc_yaml_node *n = k == SIZE_MAX ? NULL : y->nodes[k];
    if (!n) {
        doc_error(y, m, "unknown alias '*%s'", cc_shown(name, b));
        return -1;
    }
    if (n->open) {
        doc_error(y, m, "alias '*%s' refers to a node that contains it", cc_shown(name, b));
        return -1;
    }
    y->alias_nodes = add_weight(y->alias_nodes, n->weight);
    if (y->alias_nodes > y->limits->max_alias_nodes) {
        doc_error(y, m, "alias '*%s' expands the %s past %zu nodes; aliases are refused "
                  "beyond that", cc_shown(name, b), y->limits->name, y->limits->max_alias_nodes);
        return -1;
    }
    attach(y, n, true);
    return 0;
}

static int on_scalar(cc_yaml_doc *y, const yaml_event_t *ev)
{
    cc_mark m = mark_of_yaml(ev->start_mark);
    if (ev->data.scalar.anchor || ev->data.scalar.tag)
        m = skip_properties(y, m);
    cc_yaml_node *n = new_node(y, CC_YAML_SCALAR, m);
    if (!n)
        return -1;
    n->text = cc_xstrndup((const char *)ev->data.scalar.value, ev->data.scalar.length);
    n->len = ev->data.scalar.length;
    n->style = ev->data.scalar.style;
    register_anchor(y, ev->data.scalar.anchor);
    attach(y, n, true);
    return 0;
}

static bool is_flow(const yaml_event_t *ev)
{
    return ev->type == YAML_SEQUENCE_START_EVENT
               ? ev->data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE
               : ev->data.mapping_start.style == YAML_FLOW_MAPPING_STYLE;
}

/* Past CC_YAML_MAX_NESTING, kept or read over: the read stops (-1 after the error). */
static int too_deep(cc_yaml_doc *y, const yaml_event_t *ev)
{
    if (y->depth + y->skipping < CC_YAML_MAX_NESTING)
        return 0;
    doc_error(y, mark_of_yaml(ev->start_mark), "the %s nests deeper than %u levels",
              y->limits->name, CC_YAML_MAX_NESTING);
    return -1;
}

/* A collection past max_depth under skip_deeper: an empty node in its place, and what
 * it holds is read over (on_event) without making nodes. */
static int skip_collection(cc_yaml_doc *y, const yaml_event_t *ev, cc_yaml_kind kind)
{
    cc_yaml_node *n = new_node(y, kind, mark_of_yaml(ev->start_mark));
    if (!n)
        return -1;
    n->flow = is_flow(ev);
    attach(y, n, true);
    y->skipping = 1;
    return 0;
}

static int on_collection_start(cc_yaml_doc *y, const yaml_event_t *ev, cc_yaml_kind kind)
{
    cc_mark m = mark_of_yaml(ev->start_mark);
    if (too_deep(y, ev) < 0)
        return -1;
    if (y->depth >= y->limits->max_depth && y->limits->skip_deeper)
        return skip_collection(y, ev, kind);
    if (y->depth >= y->limits->max_depth) {
        doc_error(y, m, "the %s nests deeper than %u levels", y->limits->name,
                  y->limits->max_depth);
        return -1;
    }
    cc_yaml_node *n = new_node(y, kind, m);
    if (!n)
        return -1;
    n->open = true;
    n->flow = is_flow(ev);
    register_anchor(y, kind == CC_YAML_SEQ ? ev->data.sequence_start.anchor
                                     : ev->data.mapping_start.anchor);
    attach(y, n, false);
    CC_GROW(y->stack, y->stackcap, y->depth + 1);
    y->stack[y->depth++] = n;
    return 0;
}

static void on_collection_end(cc_yaml_doc *y)
{
    cc_yaml_node *n = y->stack[--y->depth];
    n->open = false;
    if (y->depth) {
        cc_yaml_node *parent = y->stack[y->depth - 1];
        parent->weight = add_weight(parent->weight, n->weight);
    }
}

/* Inside a collection read over: only its nesting is followed, up to the hard cap. */
static int skip_event(cc_yaml_doc *y, const yaml_event_t *ev)
{
    if (ev->type == YAML_SEQUENCE_START_EVENT || ev->type == YAML_MAPPING_START_EVENT) {
        if (too_deep(y, ev) < 0)
            return -1;
        y->skipping++;
    } else if (ev->type == YAML_SEQUENCE_END_EVENT || ev->type == YAML_MAPPING_END_EVENT) {
        y->skipping--;
    }
    return 0;
}

static int on_document_start(cc_yaml_doc *y, const yaml_event_t *ev)
{
    if (y->ndocs++ && !y->limits->many_documents) {
        cc_mark m = mark_of_yaml(ev->start_mark);
        if (y->limits->wording == CC_YAML_EXPLAINED)
            doc_error(y, m, "a %s is one YAML document; found a second one", y->limits->name);
        else
            doc_error(y, m, "more than one YAML document");
        return -1;
    }
    return 0;
}

static int on_event(cc_yaml_doc *y, const yaml_event_t *ev)
{
    if (y->skipping)
        return skip_event(y, ev);
    switch (ev->type) {
    case YAML_DOCUMENT_START_EVENT:
        return on_document_start(y, ev);
    case YAML_ALIAS_EVENT:
        return on_alias(y, ev);
    case YAML_SCALAR_EVENT:
        return on_scalar(y, ev);
    case YAML_SEQUENCE_START_EVENT:
        return on_collection_start(y, ev, CC_YAML_SEQ);
    case YAML_MAPPING_START_EVENT:
        return on_collection_start(y, ev, CC_YAML_MAP);
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
        on_collection_end(y);
        return 0;
    default:
        return 0;
    }
}

/* Reads the whole stream into y->root; -1 after a diagnostic. */
static int read_stream(cc_yaml_doc *y)
{
    yaml_parser_t p;
    if (!yaml_parser_initialize(&p)) {
        doc_error(y, (cc_mark){0, 0}, "cannot start the YAML parser");
        return -1;
    }
    yaml_parser_set_input_string(&p, (const unsigned char *)y->data, y->len);
    int rc = 0;
    for (bool done = false; !done && rc == 0;) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&p, &ev)) {
            yaml_error(y, &p);
            rc = -1;
            break;
        }
        rc = on_event(y, &ev);
        done = ev.type == YAML_STREAM_END_EVENT;
        yaml_event_delete(&ev);
    }
    yaml_parser_delete(&p);
    return rc;
}

void cc_yaml_free(cc_yaml_doc *y)
{
    for (size_t i = 0; i < y->nnodes; i++) {
        free(y->nodes[i]->text);
        free(y->nodes[i]->kids);
        free(y->nodes[i]->first);
        free(y->nodes[i]);
    }
    free(y->nodes);
    free(y->stack);
    for (size_t i = 0; i < y->nanchors; i++)
        free(y->anchor_names[i]);
    free(y->anchor_names);
    cc_strindex_free(&y->anchors);
    if (y->pos_built)
        cc_srcpos_free(&y->pos);
    free(y->roots);
    free(y->error);
    memset(y, 0, sizeof *y);
}

/* ---- public --------------------------------------------------------------- */

/* The diagnostic, when the document has a list for it. */
static void report(cc_yaml_doc *y, cc_mark m, const char *msg)
{
    if (y->d)
        cc_error_at(y->d, y->kind, y->path, CC_AT(m.line, m.column, offset_of(y, m)), "%s", msg);
}

/* The problem that stops the read: kept in the document and reported. */
static void doc_error(cc_yaml_doc *y, cc_mark m, const char *fmt, ...)
{
    assert(!y->error); /* the first problem stops the read */
    cc_buf msg = CC_BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    cc_buf_vaddf(&msg, fmt, ap);
    va_end(ap);
    y->error = cc_buf_detach(&msg);
    y->error_mark = m;
    report(y, m, y->error);
}

int cc_yaml_error_at(cc_yaml_doc *y, cc_mark m, const char *fmt, ...)
{
    cc_buf msg = CC_BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    cc_buf_vaddf(&msg, fmt, ap);
    va_end(ap);
    report(y, m, msg.data);
    cc_buf_free(&msg);
    return -1;
}

bool cc_yaml_is_null(const cc_yaml_node *n)
{
    if (n->kind != CC_YAML_SCALAR || n->style != YAML_PLAIN_SCALAR_STYLE)
        return false;
    static const char *const nulls[] = {"", "~", "null", "Null", "NULL"};
    for (size_t i = 0; i < sizeof nulls / sizeof nulls[0]; i++)
        if (strcmp(n->text, nulls[i]) == 0)
            return true;
    return false;
}

/* UTF-16 input (a byte order mark says so): libyaml's marks count its characters, not
 * bytes of the text, so they are not mapped to offsets. */
static bool is_utf16(const char *data, size_t len)
{
    return len >= 2 && (((unsigned char)data[0] == 0xff && (unsigned char)data[1] == 0xfe) ||
                        ((unsigned char)data[0] == 0xfe && (unsigned char)data[1] == 0xff));
}

int cc_yaml_read(cc_yaml_doc *y, const char *text, size_t len, const cc_yaml_limits *limits,
                 const char *path, cc_diag_kind kind, cc_diags *d)
{
    memset(y, 0, sizeof *y);
    y->path = path;
    y->kind = kind;
    y->d = d;
    y->limits = limits;
    y->data = text;
    y->len = len;
    y->raw_ok = !is_utf16(text, len);
    if (len > limits->max_bytes) {
        doc_error(y, (cc_mark){0, 0}, "the %s is too large (%zu bytes; the limit is %zu)",
                  limits->name, len, limits->max_bytes);
        return -1;
    }
    return read_stream(y);
}
