/*
 * yamltree.h — a bounded YAML reader: libyaml's events read into a small tree of
 * mappings, sequences and scalars, each with its mark (1-based line and column, in
 * characters, of its own text, past any &anchor or !tag).
 *
 * This is where the input limits live, one set per kind of file (cc_yaml_limits):
 * bytes, nesting depth, nodes, and alias expansion. An alias is a shared pointer to the
 * anchored node, never a copy; the nodes it would add are counted, so a billion-laughs
 * file is refused at the alias that passes the cap without expanding anything.
 * Building the tree is linear in the input: marks are found by walking on from the last
 * one (srcpos.h), never by recounting a line.
 *
 * The first problem stops the read: one fatal diagnostic of the caller's kind at its
 * line and column (libyaml's marks are 0-based; ours are 1-based), and -1. The problem
 * also stays in the document (error, error_mark), so that a caller that passes no
 * diagnostics list can word its own warning; what was read before it stays too.
 *
 * One reader serves three kinds of file, which differ only in cc_yaml_limits:
 *   rulebook         aliases shared, one document, libyaml's problems explained;
 *   baseline/ignore  aliases refused, one document, libyaml's own words, deep values
 *                    kept empty (the schema refuses them at their mark);
 *   front matter     aliases left unread, several documents, the problem alone, deep
 *                    values kept empty (they are ignored).
 * The zero value of each option is the rulebook's.
 *
 * Ownership: the document owns every node; the text it was read from is borrowed and
 * must outlive it. cc_yaml_free() releases the tree.
 */
#ifndef CC_YAMLTREE_H
#define CC_YAMLTREE_H

#include <stdbool.h>
#include <stddef.h>
#include <yaml.h>
#include "srcpos.h"
#include "util.h"

/*
 * Collections inside collections, at most, in any file, counting those read over
 * (skip_deeper) too. libyaml keeps one "simple key" per open flow collection ([ or {)
 * and looks at all of them for every token it reads, so N nested brackets cost N^2
 * (3.2 s for a 64 KB front matter of brackets); stopping here keeps every read linear.
 * A file nests a few levels; the rulebook's own cap (64) is lower.
 */
#define CC_YAML_MAX_NESTING 128u

/* What an alias (*name) is. */
typedef enum cc_yaml_aliases {
    CC_YAML_ALIASES_SHARED,    /* the anchored node itself, its expansion counted */
    CC_YAML_ALIASES_REFUSED,   /* an error: "aliases are not allowed in this file" */
    CC_YAML_ALIASES_UNREAD,    /* a node of its own with `alias` set, never followed */
} cc_yaml_aliases;

/* How a libyaml problem is worded (the other messages do not change). */
typedef enum cc_yaml_wording {
    CC_YAML_EXPLAINED,         /* "invalid YAML: <problem> (<context> that started at L:C)",
                                  with a hint for a tab that indents */
    CC_YAML_TERSE,             /* "<problem> <context>", libyaml's words alone */
    CC_YAML_PROBLEM,           /* "<problem>": for a caller that words its own message */
} cc_yaml_wording;

typedef struct cc_yaml_limits {
    const char *name;          /* "rulebook": "the rulebook nests deeper than ..." */
    size_t max_bytes;          /* of the text */
    unsigned max_depth;        /* collections inside collections */
    size_t max_nodes;          /* scalars, lists and mappings, aliases not expanded */
    size_t max_alias_nodes;    /* nodes that aliases add in total when expanded */
    bool skip_deeper;          /* a collection past max_depth is kept as an empty one and
                                  its content read over (linear, no nodes), not refused */
    cc_yaml_aliases aliases;
    bool many_documents;       /* the stream may hold several documents (roots); else a
                                  second one is an error */
    cc_yaml_wording wording;
} cc_yaml_limits;

typedef enum cc_yaml_kind { CC_YAML_SCALAR, CC_YAML_SEQ, CC_YAML_MAP } cc_yaml_kind;

typedef struct cc_yaml_node {
    cc_yaml_kind kind;
    char *text;                /* scalar value, NUL-terminated (may hold NULs: see len) */
    size_t len;                /* bytes in text */
    yaml_scalar_style_t style;
    cc_mark mark;              /* where the node's own text starts (after any &anchor/!tag) */
    struct cc_yaml_node **kids;/* list items, or mapping keys and values interleaved */
    size_t nkids, cap;
    size_t weight;             /* nodes in the subtree with aliases expanded */
    bool open;                 /* still being read: an alias to it would be a cycle */
    size_t *first;             /* for the tree's reader: a mapping's per-pair cache of the
                                  first pair with the same key (freed with the tree) */
    bool flow;                 /* a collection written [...] or {...} */
    bool alias;                /* an alias left unread (CC_YAML_ALIASES_UNREAD): a scalar
                                  with no style and empty text, neither string nor null */
} cc_yaml_node;

typedef struct cc_yaml_doc {
    cc_yaml_node *root;        /* the document's top node; NULL for an empty stream */
    cc_yaml_node **roots;      /* every document's top node, in order (root is the first) */
    size_t nroots, rootcap;
    char *error;               /* what stopped the read, worded as its diagnostic, or NULL */
    cc_mark error_mark;        /* its place ({0, 0}: the whole file) */
    /* the rest is the reader's */
    const char *path;          /* for messages */
    cc_diag_kind kind;         /* of the diagnostic a problem gives */
    cc_diags *d;
    const cc_yaml_limits *limits;
    const char *data;          /* borrowed */
    size_t len;
    bool raw_ok;               /* marks map to bytes of data (not UTF-16 input) */
    cc_srcpos pos;             /* built on first use */
    bool pos_built;
    cc_yaml_node **nodes;      /* every node: the tree shares nodes, this list owns them */
    size_t nnodes, nodecap;
    cc_yaml_node **stack;      /* collections being read */
    size_t depth, stackcap;
    char **anchor_names;       /* owned names, for the index below */
    size_t nanchors, anchorcap;
    cc_strindex anchors;       /* anchor name → node index in `nodes` (the latest) */
    size_t ndocs;
    size_t alias_nodes;        /* nodes added by aliases so far */
    size_t skipping;           /* depth inside a collection read over (skip_deeper) */
} cc_yaml_doc;

/* Reads text[0..len) (one YAML document at most, unless many_documents) into y->root.
 * 0, or -1 after one fatal diagnostic of `kind` for `path` in d (none when d is NULL;
 * y->error has it either way). Call cc_yaml_free() either way. */
int cc_yaml_read(cc_yaml_doc *y, const char *text, size_t len, const cc_yaml_limits *limits,
                 const char *path, cc_diag_kind kind, cc_diags *d);
void cc_yaml_free(cc_yaml_doc *y);

/* A fatal diagnostic of the document's kind at m (a schema error of its reader), with
 * the byte offset of m; nothing when the document has no diagnostics list. -1. */
int cc_yaml_error_at(cc_yaml_doc *y, cc_mark m, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/*
 * The one rule for null, for every YAML file crosscheck reads (YAML 1.2 core schema):
 * a plain scalar (no quotes, not a block scalar) that is empty or reads ~, null, Null
 * or NULL. A tag is not looked at: `!!str null` is null too.
 */
bool cc_yaml_is_null(const cc_yaml_node *n);

/* Byte offset in the text of a mark, or SIZE_MAX when it cannot be found. */
size_t cc_yaml_offset(cc_yaml_doc *y, cc_mark m);

/*
 * The mark of byte k of scalar v's value, walking the text from the scalar's start:
 * exact on one line for plain, single- and double-quoted scalars; otherwise as
 * cc_yaml_text_mark().
 */
cc_mark cc_yaml_scalar_mark_at(cc_yaml_doc *y, const cc_yaml_node *v, size_t k);

/*
 * Where byte k of a scalar's value is, from its mark and value alone (no text): plain
 * scalars are written as they read, single-quoted ones start after the quote and write
 * each ' as '', double-quoted ones start after the quote (escapes counted as one
 * character here). A value that spans lines, or a block scalar, gives the mark itself.
 */
cc_mark cc_yaml_text_mark(cc_mark m, yaml_scalar_style_t style, const char *text, size_t k);

#endif
