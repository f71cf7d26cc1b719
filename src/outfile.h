/*
 * outfile.h — the files crosscheck writes (`-o` reports, `--write-baseline`, the ignore
 * file `ack` appends to), written so that nothing at the path is lost or damaged, and the
 * lock that serialises a read-modify-write of such a file. docs/reliability.md says what
 * POSIX promises here and what crosscheck guarantees.
 *
 * Where a path leads decides how it is written:
 *   - a regular file, or nothing yet: a temporary file in the same folder, flushed to the
 *     disk (fsync), then renamed over the path: a reader sees the old file or the new one,
 *     never half of one, and a run that fails leaves the old one. The file keeps its
 *     permission bits (a new one gets 0666 & ~umask);
 *   - a symbolic link: followed (every link of a chain, relative ones from their own
 *     folder), and its target replaced as above, so the link survives;
 *   - anything else (a character device such as /dev/null, a FIFO, a terminal, a socket):
 *     opened and written in place, never replaced;
 *   - /dev/stdout, /dev/stderr, /dev/fd/N and /proc/self/fd/N: the descriptor already
 *     open (a copy of it), in place, whatever it is (so `-o /dev/stdout` needs no right
 *     to create files in /dev);
 *   - a folder: an error.
 *
 * Library code: errors are fatal "io" diagnostics naming the path as given; nothing is
 * printed. Ownership: a cc_outfile holds its strings and descriptor until commit or abort.
 */
#ifndef CC_OUTFILE_H
#define CC_OUTFILE_H

#include <stdbool.h>
#include <stdio.h>
#include "util.h"

/* Symbolic links followed in a chain before giving up (as Linux's own limit, ELOOP). */
#define CC_OUTFILE_MAX_LINKS 40

typedef struct cc_outfile {
    FILE *f;            /* where to write */
    char *shown;        /* the path as given, for messages */
    char *target;       /* the file the temporary one replaces; NULL when in place */
    char *tmp;          /* the temporary file; NULL when in place */
} cc_outfile;

/* Opens `path` for writing as the header says; 0, or -1 with a fatal diagnostic. */
int cc_outfile_open(cc_outfile *o, const char *path, cc_diags *d);
/* Finishes: flush, fsync and rename over the target (or close what is written in place);
 * 0, or -1 with a fatal diagnostic, the temporary file removed and the target untouched. */
int cc_outfile_commit(cc_outfile *o, cc_diags *d);
/* Gives up: the temporary file is removed, the target untouched. */
void cc_outfile_abort(cc_outfile *o);
/* open, write data[0..len), commit. */
int cc_outfile_write(const char *path, const char *data, size_t len, cc_diags *d);

/* Whether a and b name one existing file (same device and inode, symbolic links
 * followed); false when either does not exist or cannot be looked at. */
bool cc_same_file(const char *a, const char *b);

/* ---- the lock of a read-modify-write ----------------------------------------------- */

/*
 * An exclusive lock on the file at a path, for reading it, changing it and writing it
 * back while no other crosscheck does the same (`ack`, `--write-baseline`): flock(2) on
 * a lock file next to the file the path leads to (symbolic links followed), TARGET.lock,
 * created when needed and removed when released. The kernel releases a lock when its
 * process dies, so a killed run never leaves a file locked; a lock file left by one is
 * reused. A path that leads to something other than a regular file (or nothing) is not
 * locked: there is nothing to read back.
 */
typedef struct cc_lock {
    int fd;             /* the locked lock file; -1 when nothing is locked */
    char *path;         /* the lock file */
} cc_lock;

/* Waiting: says it once after CC_LOCK_SAY_AFTER_MS; gives up after CC_LOCK_TIMEOUT_S. */
#define CC_LOCK_SAY_AFTER_MS 1000
#define CC_LOCK_TIMEOUT_S 600

/* Called once when a lock has been waited for CC_LOCK_SAY_AFTER_MS (main prints it:
 * library code never prints). `shown` is the path as given. */
typedef void (*cc_lock_wait_fn)(void *ctx, const char *shown);
/* Sets the process's waiting hook (NULL: say nothing). */
void cc_lock_set_waiting(cc_lock_wait_fn fn, void *ctx);

/* Takes the lock of `path` (waiting for it); 0, or -1 with a fatal diagnostic. */
int cc_lock_acquire(cc_lock *l, const char *path, cc_diags *d);
/* Releases it (and removes the lock file); nothing when nothing is locked. */
void cc_lock_release(cc_lock *l);

#endif
