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
 * line and column (libyaml's marks are 0-based; ours are 1-based), and -1.
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

typedef struct cc_yaml_limits {
    const char *name;          /* "rulebook": "the rulebook nests deeper than ..." */
    size_t max_bytes;          /* of the text */
    unsigned max_depth;        /* collections inside collections */
    size_t max_nodes;          /* scalars, lists and mappings, aliases not expanded */
    size_t max_alias_nodes;    /* nodes that aliases add in total when expanded */
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
} cc_yaml_node;

typedef struct cc_yaml_doc {
    cc_yaml_node *root;        /* the document's top node; NULL for an empty stream */
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
} cc_yaml_doc;

/* Reads text[0..len) (one YAML document at most) into y->root. 0, or -1 after one fatal
 * diagnostic of `kind` for `path` in d. Call cc_yaml_free() either way. */
int cc_yaml_read(cc_yaml_doc *y, const char *text, size_t len, const cc_yaml_limits *limits,
                 const char *path, cc_diag_kind kind, cc_diags *d);
void cc_yaml_free(cc_yaml_doc *y);

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
