/*
 * store.h — the archive: documents and their claims in SQLite, for `crosscheck index`,
 * `check --db` and `audit`. The schema is versioned (PRAGMA user_version and an
 * application_id) and documented in docs/archive.md.
 *
 * Safety: WAL journal, a busy timeout, one transaction per batch of files, so a killed
 * `index` leaves the archive as it was after its last committed batch and `check` can
 * read while `index` writes. A file that is not a crosscheck archive (corrupt, or another
 * program's database) is refused with a fatal "database" diagnostic and left untouched.
 *
 * Ownership: cc_store_open() returns a store the caller closes with cc_store_close().
 */
#ifndef CC_STORE_H
#define CC_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include "extract.h"
#include "model.h"
#include "rulebook.h"
#include "story.h"

#define CC_STORE_SCHEMA_VERSION 4

typedef struct cc_store cc_store;

/* Opens (creating when `create` and the file does not exist) the archive at `path`.
 * NULL with a fatal diagnostic (kind "database") when it cannot be opened, is corrupt,
 * or is not a crosscheck archive. */
cc_store *cc_store_open(const char *path, bool create, cc_diags *d);
void cc_store_close(cc_store *s);

/* How far an index run is, for a progress display. */
typedef struct cc_index_progress {
    size_t done;          /* files handled so far */
    size_t total_files;   /* files the run will handle */
    uint64_t bytes;       /* bytes read so far */
    uint64_t total_bytes; /* sum of the files' sizes when walked */
    size_t claims;        /* claims stored so far */
    double seconds;       /* since the run started */
    bool final;           /* the run is over: the last call */
} cc_index_progress;

typedef struct cc_index_opts {
    const char *include;  /* comma-separated globs matched against file names when walking
                             folders ("*.txt,*.md" when NULL); files named explicitly are
                             always read */
    bool prune;           /* remove documents whose files are gone */
    /* Called after each file and once more at the end (final), when not NULL; the
     * caller decides whether and how to show it (main: a line on a terminal). */
    void (*progress)(void *ctx, const struct cc_index_progress *p);
    void *progress_ctx;   /* passed to progress */
    size_t batch;         /* files per transaction (default 200 when 0) */
} cc_index_opts;

typedef struct cc_index_stats {
    size_t files;         /* files seen */
    size_t indexed;       /* read and stored (new or changed) */
    size_t unchanged;     /* skipped: same content hash and same rulebook */
    size_t pruned;        /* removed with --prune */
    size_t failed;        /* could not be read */
    size_t claims;        /* claims stored by this run */
    uint64_t bytes;       /* bytes read */
    double seconds;
    bool stories_updated; /* the stories were computed again (documents changed) */
    cc_story_stats stories; /* then: what was found */
    double story_seconds; /* then: how long it took, reading and writing included */
} cc_index_stats;

/* Walks `paths` (files and folders), extracts every new or changed file with `rb` and
 * stores it with its claims (open claims too) and, in open mode, its story terms. When the
 * rulebook's hash differs from the one stored, every file is read again. In open mode,
 * when any document changed (or the stories are stale: a run killed before it computed
 * them), the stories of the whole archive are computed again (story.h) and stored; with
 * `open: off` there are no open claims to group, and no terms nor stories are made.
 * 0 ok; -1 on a database error (fatal diagnostic). Unreadable files are fatal diagnostics
 * too but do not stop the run. */
int cc_store_index(cc_store *s, const cc_rulebook *rb, const cc_extract_opts *eo,
                   char *const *paths, size_t npaths, const cc_index_opts *o,
                   cc_index_stats *st, cc_diags *d);

/* For `check --db`: adds to `run` (as further documents and claims) every archived claim
 * whose (field, subject, scope) equals that of one of the run's claims, by indexed
 * queries. Archived documents whose path equals one of the run's documents are left out
 * (a draft checked against an archive that already holds it). In open mode (the run's
 * rulebook is not `open: off`) it also finds the drafts' story: the archived documents
 * that the drafts' terms (cc_document.terms, extracted with cc_extract_opts.terms) link
 * them with (cc_story_match), and every document of those documents' stories; it adds
 * those documents' open claims, puts them and the drafts in one story (run->stories) and
 * sets run->drafts_only. 0 ok, -1 database error. */
int cc_store_load_matching(cc_store *s, cc_run *run, cc_diags *d);

/* For `audit`: adds every archived document and claim to `run`; in open mode with each
 * document's story and the document it reprints (run->stories). With `open: off`, open
 * claims are left out. 0 ok, -1 on error. */
int cc_store_load_all(cc_store *s, cc_run *run, cc_diags *d);

/* Counts for reports: documents and claims in the archive. */
int cc_store_counts(cc_store *s, size_t *documents, size_t *claims);

/* The plan SQLite makes for the per-key lookup of cc_store_load_matching (the
 * EXPLAIN QUERY PLAN details, one per line), so that a test can check it searches the
 * (field, subject, scope) index instead of scanning. 0 ok, -1 on error. */
int cc_store_query_plan(cc_store *s, cc_buf *out);

#endif
