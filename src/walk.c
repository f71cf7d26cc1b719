/*
 * walk.c — command-line paths to the list of files an `index` run reads, and the hash
 * of a file (contract: walk.h). Kept apart from store.c, which holds only SQL.
 */
#include "walk.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sha256.h"

char *cc_path_normalize(const char *p)
{
    cc_buf b = CC_BUF_INIT;
    bool absolute = p[0] == '/';
    if (absolute)
        cc_buf_addc(&b, '/');
    const char *s = p;
    while (*s) {
        while (*s == '/')
            s++;
        const char *e = s;
        while (*e && *e != '/')
            e++;
        size_t n = (size_t)(e - s);
        if (n && !(n == 1 && s[0] == '.')) {
            if (b.len && b.data[b.len - 1] != '/')
                cc_buf_addc(&b, '/');
            cc_buf_add(&b, s, n);
        }
        s = e;
    }
    if (b.len == 0)
        cc_buf_addc(&b, '.');
    return cc_buf_detach(&b);
}

static char *join_path(const char *dir, const char *name)
{
    if (strcmp(dir, ".") == 0)
        return cc_xstrdup(name);
    cc_buf b = CC_BUF_INIT;
    cc_buf_adds(&b, dir);
    if (b.len && b.data[b.len - 1] != '/')
        cc_buf_addc(&b, '/');
    cc_buf_adds(&b, name);
    return cc_buf_detach(&b);
}

static void split_globs(cc_walk *w, const char *include)
{
    const char *s = include ? include : "*.txt,*.md";
    while (*s && w->nglobs < CC_WALK_MAX_GLOBS) {
        while (*s == ',' || *s == ' ')
            s++;
        const char *e = s;
        while (*e && *e != ',')
            e++;
        size_t n = (size_t)(e - s);
        while (n && s[n - 1] == ' ')
            n--;
        if (n)
            w->globs[w->nglobs++] = cc_xstrndup(s, n);
        s = e;
    }
}

static bool glob_matches(const cc_walk *w, const char *name)
{
    for (size_t i = 0; i < w->nglobs; i++)
        if (fnmatch(w->globs[i], name, 0) == 0)
            return true;
    return false;
}

static void add_file(cc_walk *w, char *path, const struct stat *st)
{
    CC_GROW(w->files, w->capfiles, w->nfiles + 1);
    w->files[w->nfiles++] = (cc_walk_file){path, (uint64_t)st->st_size, (int64_t)st->st_mtime};
}

static void walk_failed(cc_walk *w, const char *path, int err)
{
    w->failed++;
    cc_error_errno(w->d, CC_DIAG_IO, path, err, "cannot read '%s'", path);
}

/* Marks a folder as entered; false when it was already (a loop or a second route). */
static bool enter_dir(cc_walk *w, const struct stat *st)
{
    for (size_t i = 0; i < w->nseen; i++)
        if (w->seen[i].dev == (uint64_t)st->st_dev && w->seen[i].ino == (uint64_t)st->st_ino)
            return false;
    CC_GROW(w->seen, w->capseen, w->nseen + 1);
    w->seen[w->nseen++] = (cc_walk_dir_id){(uint64_t)st->st_dev, (uint64_t)st->st_ino};
    return true;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void walk_dir(cc_walk *w, const char *dir, int depth);

/* One entry of a folder: a matching regular file is added, a folder walked; hidden
 * entries (".git", ".cache") are left out. Symlinks are followed (to a file or a
 * folder not entered yet). */
static void walk_entry(cc_walk *w, const char *dir, const char *name, int depth)
{
    if (name[0] == '.')
        return;
    char *path = join_path(dir, name);
    struct stat st;
    if (stat(path, &st) < 0) {
        if (errno != ENOENT) /* a dangling symlink is not an error */
            walk_failed(w, path, errno);
        free(path);
        return;
    }
    if (S_ISDIR(st.st_mode)) {
        if (enter_dir(w, &st))
            walk_dir(w, path, depth + 1);
        free(path);
    } else if (S_ISREG(st.st_mode) && glob_matches(w, name)) {
        add_file(w, path, &st);
    } else {
        free(path);
    }
}

static void walk_dir(cc_walk *w, const char *dir, int depth)
{
    if (depth > CC_WALK_MAX_DEPTH) {
        cc_warn(w->d, CC_DIAG_LIMIT, dir, "folder '%s' is more than %d levels deep; not walked", dir, CC_WALK_MAX_DEPTH);
        return;
    }
    DIR *dh = opendir(dir);
    if (!dh) {
        walk_failed(w, dir, errno);
        return;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(dh)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        CC_GROW(names, cap, n + 1);
        names[n++] = cc_xstrdup(e->d_name);
    }
    closedir(dh);
    if (n)
        qsort(names, n, sizeof *names, cmp_names);
    for (size_t i = 0; i < n; i++) {
        walk_entry(w, dir, names[i], depth);
        free(names[i]);
    }
    free(names);
}

void cc_walk_root(cc_walk *w, const char *given)
{
    char *path = cc_path_normalize(given);
    struct stat st;
    if (stat(path, &st) < 0) {
        walk_failed(w, path, errno);
        free(path);
        return;
    }
    if (S_ISDIR(st.st_mode)) {
        if (enter_dir(w, &st))
            walk_dir(w, path, 0);
        free(path);
        return;
    }
    if (!S_ISREG(st.st_mode)) { /* /dev/zero would be hashed forever, a FIFO block */
        w->failed++;
        cc_error(w->d, CC_DIAG_IO, path, "cannot read '%s': %s", path,
                 cc_not_regular_reason(st.st_mode));
        free(path);
        return;
    }
    add_file(w, path, &st);
}

static int cmp_work_path(const void *a, const void *b)
{
    const cc_walk_file *x = *(const cc_walk_file *const *)a;
    const cc_walk_file *y = *(const cc_walk_file *const *)b;
    int c = strcmp(x->path, y->path);
    return c ? c : (x < y ? -1 : x > y);
}

/* A file named twice, or inside a folder also given, is one file. */
void cc_walk_dedupe(cc_walk *w)
{
    if (w->nfiles < 2)
        return;
    cc_walk_file **byname = cc_xmalloc(w->nfiles * sizeof *byname);
    for (size_t i = 0; i < w->nfiles; i++)
        byname[i] = &w->files[i];
    qsort(byname, w->nfiles, sizeof *byname, cmp_work_path);
    for (size_t i = 1; i < w->nfiles; i++) {
        if (strcmp(byname[i]->path, byname[i - 1]->path) == 0) {
            free(byname[i]->path); /* the later one of two equal paths */
            byname[i]->path = NULL;
            byname[i] = byname[i - 1];
        }
    }
    free(byname);
    size_t k = 0;
    for (size_t i = 0; i < w->nfiles; i++)
        if (w->files[i].path)
            w->files[k++] = w->files[i];
    w->nfiles = k;
}

void cc_walk_free(cc_walk *w)
{
    for (size_t i = 0; i < w->nfiles; i++)
        free(w->files[i].path);
    free(w->files);
    free(w->seen);
    for (size_t i = 0; i < w->nglobs; i++)
        free(w->globs[i]);
}

int cc_file_sha256(const char *path, char hex[65], uint64_t *bytes)
{
    /* The walk took regular files only; one replaced by a FIFO or a device since is
     * refused here too rather than waited on or read forever. */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    struct stat st;
    int err = fstat(fd, &st) < 0 ? errno : !S_ISREG(st.st_mode) ? EINVAL : 0;
    if (err) {
        close(fd);
        errno = err;
        return -1;
    }
    cc_sha256 c;
    cc_sha256_init(&c);
    char buf[65536];
    ssize_t n;
    *bytes = 0;
    while ((n = read(fd, buf, sizeof buf)) != 0) {
        if (n < 0) {
            if (errno == EINTR)
                continue;
            err = errno;
            close(fd);
            errno = err;
            return -1;
        }
        cc_sha256_update(&c, buf, (size_t)n);
        *bytes += (uint64_t)n;
    }
    close(fd);
    cc_sha256_final_hex(&c, hex);
    return 0;
}

void cc_walk_init(cc_walk *w, const char *include, cc_diags *d)
{
    memset(w, 0, sizeof *w);
    w->d = d;
    split_globs(w, include);
}

bool cc_walk_add_file(cc_walk *w, const char *path)
{
    struct stat st;
    if (stat(path, &st) < 0 || !S_ISREG(st.st_mode))
        return false;
    add_file(w, cc_xstrdup(path), &st);
    return true;
}

uint64_t cc_walk_total_bytes(const cc_walk *w)
{
    uint64_t t = 0;
    for (size_t i = 0; i < w->nfiles; i++)
        t += w->files[i].size;
    return t;
}
