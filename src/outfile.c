/*
 * outfile.c — writing output files without losing what is at the path, and the lock of a
 * read-modify-write (contract: outfile.h; the reasons: docs/reliability.md).
 */
#include "outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* ---- where a path leads ----------------------------------------------------------- */

typedef enum target_kind {
    TARGET_FILE,      /* a regular file, or nothing yet: replaced by a rename */
    TARGET_IN_PLACE,  /* a device, a FIFO, a socket: opened and written as it is */
    TARGET_FD,        /* /dev/stdout and the like: a descriptor already open */
} target_kind;

typedef struct target {
    target_kind kind;
    char *path;       /* the end of the symbolic links (TARGET_FILE, TARGET_IN_PLACE) */
    int fd;           /* TARGET_FD: the descriptor */
    bool exists;      /* TARGET_FILE: a file is there now */
    mode_t mode;      /* ... and its permission bits */
} target;

/* The descriptor a path names by number (/dev/stdout, /dev/fd/1, /proc/self/fd/1), or -1.
 * These are links to what the descriptor holds ("pipe:[1234]" is no path), so they are
 * recognised by name rather than followed. */
static int fd_named(const char *p)
{
    if (strcmp(p, "/dev/stdout") == 0)
        return STDOUT_FILENO;
    if (strcmp(p, "/dev/stderr") == 0)
        return STDERR_FILENO;
    static const char *const dirs[] = {"/dev/fd/", "/proc/self/fd/"};
    for (size_t i = 0; i < 2; i++) {
        size_t n = strlen(dirs[i]);
        uint64_t v;
        if (strncmp(p, dirs[i], n) == 0 && cc_parse_uint(p + n, strlen(p + n), 1u << 20, &v) == 0)
            return (int)v;
    }
    return -1;
}

/* The text of the symbolic link at p (NULL with errno set). */
static char *read_link(const char *p)
{
    size_t cap = 256;
    for (;;) {
        char *buf = cc_xmalloc(cap);
        ssize_t n = readlink(p, buf, cap);
        if (n < 0) {
            int err = errno;
            free(buf);
            errno = err;
            return NULL;
        }
        if ((size_t)n < cap) {
            buf[n] = '\0';
            return buf;
        }
        free(buf);
        cap *= 2;
    }
}

/* Where link `p` points: its text, relative to p's folder unless absolute. */
static char *link_destination(const char *p, const char *text)
{
    const char *slash = strrchr(p, '/');
    if (text[0] == '/' || !slash)
        return cc_xstrdup(text);
    cc_buf b = CC_BUF_INIT;
    cc_buf_add(&b, p, (size_t)(slash - p) + 1);
    cc_buf_adds(&b, text);
    return cc_buf_detach(&b);
}

/* Follows `path` to what it leads to; 0, or -1 with errno set. */
static int resolve(const char *path, target *t)
{
    memset(t, 0, sizeof *t);
    t->fd = -1;
    char *p = cc_xstrdup(path);
    for (int hops = 0;; hops++) {
        t->fd = fd_named(p);
        if (t->fd >= 0) {
            t->kind = TARGET_FD;
            free(p);
            return 0;
        }
        struct stat st;
        if (lstat(p, &st) < 0) {
            if (errno != ENOENT) {
                int err = errno;
                free(p);
                errno = err;
                return -1;
            }
            t->kind = TARGET_FILE; /* nothing there yet (a dangling link: its target) */
            t->path = p;
            return 0;
        }
        if (S_ISLNK(st.st_mode)) {
            char *text = hops < CC_OUTFILE_MAX_LINKS ? read_link(p) : NULL;
            if (!text) {
                int err = hops < CC_OUTFILE_MAX_LINKS ? errno : ELOOP;
                free(p);
                errno = err;
                return -1;
            }
            char *next = link_destination(p, text);
            free(text);
            free(p);
            p = next;
            continue;
        }
        if (S_ISDIR(st.st_mode)) {
            free(p);
            errno = EISDIR;
            return -1;
        }
        t->kind = S_ISREG(st.st_mode) ? TARGET_FILE : TARGET_IN_PLACE;
        t->path = p;
        t->exists = true;
        t->mode = st.st_mode & 07777;
        return 0;
    }
}

/* ---- writing ------------------------------------------------------------------------ */

static int io_error(cc_diags *d, const char *shown, int err)
{
    return cc_error_errno(d, CC_DIAG_IO, shown, err, "cannot write '%s'", shown);
}

/* A temporary file next to t->path with the permission bits the file will have. */
static int open_temporary(cc_outfile *o, const target *t)
{
    cc_buf tmp = CC_BUF_INIT;
    cc_buf_addf(&tmp, "%s.tmp.XXXXXX", t->path);
    int fd = mkstemp(tmp.data);
    if (fd < 0) {
        int err = errno;
        cc_buf_free(&tmp);
        errno = err;
        return -1;
    }
    mode_t mode = t->mode;
    if (!t->exists) {
        mode_t mask = umask(0);
        umask(mask);
        mode = 0666 & ~mask; /* mkstemp creates 0600; the file is an ordinary one */
    }
    if (fchmod(fd, mode) < 0) {
        int err = errno;
        close(fd);
        unlink(tmp.data);
        cc_buf_free(&tmp);
        errno = err;
        return -1;
    }
    o->tmp = cc_buf_detach(&tmp);
    o->target = cc_xstrdup(t->path);
    return fd;
}

/* The descriptor to write through, as the target's kind says; -1 with errno set. */
static int open_target(cc_outfile *o, const target *t)
{
    switch (t->kind) {
    case TARGET_FD:
        return fcntl(t->fd, F_DUPFD_CLOEXEC, 3);
    case TARGET_IN_PLACE:
        return open(t->path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
    default:
        return open_temporary(o, t);
    }
}

int cc_outfile_open(cc_outfile *o, const char *path, cc_diags *d)
{
    memset(o, 0, sizeof *o);
    target t;
    int fd = -1;
    if (resolve(path, &t) == 0)
        fd = open_target(o, &t);
    int err = errno;
    free(t.path);
    if (fd < 0)
        return io_error(d, path, err);
    o->f = fdopen(fd, "w");
    if (!o->f) {
        err = errno;
        close(fd);
        cc_outfile_abort(o);
        return io_error(d, path, err);
    }
    o->shown = cc_xstrdup(path);
    return 0;
}

/* A rename is in the folder's entries: flushing the folder makes it last a power cut. */
static void sync_folder(const char *path)
{
    const char *slash = strrchr(path, '/');
    char *dir = slash ? cc_xstrndup(path, slash == path ? 1 : (size_t)(slash - path))
                      : cc_xstrdup(".");
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        fsync(fd); /* best effort: some file systems refuse it, none need it for rename */
        close(fd);
    }
    free(dir);
}

static void outfile_free(cc_outfile *o)
{
    free(o->shown);
    free(o->target);
    free(o->tmp);
    memset(o, 0, sizeof *o);
}

int cc_outfile_commit(cc_outfile *o, cc_diags *d)
{
    int err = 0;
    /* errno is not reset first: when an earlier write failed (ferror), the errno it set
     * (ENOSPC, EFBIG...) is the reason to give, and calls that succeed leave errno alone */
    if (fflush(o->f) != 0 || ferror(o->f))
        err = errno ? errno : EIO;
    if (!err && o->tmp && fsync(fileno(o->f)) < 0)
        err = errno;
    if (fclose(o->f) != 0 && !err)
        err = errno ? errno : EIO;
    o->f = NULL;
    if (!err && o->tmp && rename(o->tmp, o->target) < 0)
        err = errno;
    if (err && o->tmp)
        unlink(o->tmp);
    else if (o->tmp)
        sync_folder(o->target);
    int rc = err ? io_error(d, o->shown, err) : 0;
    outfile_free(o);
    return rc;
}

void cc_outfile_abort(cc_outfile *o)
{
    if (o->f)
        fclose(o->f);
    if (o->tmp)
        unlink(o->tmp);
    outfile_free(o);
}

int cc_outfile_write(const char *path, const char *data, size_t len, cc_diags *d)
{
    cc_outfile o;
    if (cc_outfile_open(&o, path, d) < 0)
        return -1;
    if (len)
        fwrite(data, 1, len, o.f); /* a failure sets the stream's error: commit reports it */
    return cc_outfile_commit(&o, d);
}

bool cc_same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    return a && b && stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
}

/* ---- the lock ------------------------------------------------------------------------ */

static cc_lock_wait_fn wait_fn;
static void *wait_ctx;

void cc_lock_set_waiting(cc_lock_wait_fn fn, void *ctx)
{
    wait_fn = fn;
    wait_ctx = ctx;
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/*
 * Locks fd, polling (so that waiting can be said and bounded): 0, or -1 with errno set
 * (ETIMEDOUT after CC_LOCK_TIMEOUT_S). The pause between tries doubles from 1 ms to
 * 10 ms: a lock is held for the few milliseconds of one append.
 */
static int lock_polling(int fd, const char *shown, double start, bool *said)
{
    long pause_ns = 1000000;
    for (;;) {
        if (flock(fd, LOCK_EX | LOCK_NB) == 0)
            return 0;
        if (errno == EINTR)
            continue;
        if (errno != EWOULDBLOCK)
            return -1;
        double waited = now_seconds() - start;
        if (!*said && waited * 1000 >= CC_LOCK_SAY_AFTER_MS) {
            *said = true;
            if (wait_fn)
                wait_fn(wait_ctx, shown);
        }
        if (waited >= CC_LOCK_TIMEOUT_S) {
            errno = ETIMEDOUT;
            return -1;
        }
        struct timespec ts = {0, pause_ns};
        nanosleep(&ts, NULL);
        pause_ns = pause_ns * 2 > 10000000 ? 10000000 : pause_ns * 2;
    }
}

/* Whether fd is still the file at `path` (the holder before us may have removed it). */
static bool still_there(int fd, const char *path)
{
    struct stat a, b;
    return fstat(fd, &a) == 0 && stat(path, &b) == 0 && a.st_dev == b.st_dev &&
           a.st_ino == b.st_ino;
}

int cc_lock_acquire(cc_lock *l, const char *path, cc_diags *d)
{
    l->fd = -1;
    l->path = NULL;
    target t;
    if (resolve(path, &t) < 0)
        return cc_error_errno(d, CC_DIAG_IO, path, errno, "cannot lock '%s'", path);
    if (t.kind != TARGET_FILE) { /* a device or a descriptor: nothing to read back */
        free(t.path);
        return 0;
    }
    cc_buf lock = CC_BUF_INIT;
    cc_buf_addf(&lock, "%s.lock", t.path);
    free(t.path);
    double start = now_seconds();
    bool said = false;
    for (;;) {
        int fd = open(lock.data, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0666);
        if (fd < 0) { /* where the lock cannot be made, the file cannot be written */
            int err = errno;
            cc_buf_free(&lock);
            return cc_error_errno(d, CC_DIAG_IO, path, err, "cannot write '%s'", path);
        }
        if (lock_polling(fd, path, start, &said) < 0) {
            int err = errno;
            close(fd);
            cc_buf_free(&lock);
            if (err == ETIMEDOUT)
                return cc_error(d, CC_DIAG_IO, path, "cannot lock '%s': another crosscheck has "
                                "held it for %d s", path, CC_LOCK_TIMEOUT_S);
            return cc_error_errno(d, CC_DIAG_IO, path, err, "cannot lock '%s'", path);
        }
        if (still_there(fd, lock.data)) {
            l->fd = fd;
            l->path = cc_buf_detach(&lock);
            return 0;
        }
        close(fd); /* released and removed as we took it: lock the one there now */
    }
}

void cc_lock_release(cc_lock *l)
{
    if (l->fd < 0)
        return;
    /* Removed while still held: whoever locked this file next sees it gone and takes the
     * next one (still_there), so two never hold "the" lock at once. */
    unlink(l->path);
    close(l->fd);
    free(l->path);
    l->fd = -1;
    l->path = NULL;
}
