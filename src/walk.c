/*
 * walk.c — command-line paths to the list of files an `index` run reads, their keys, and
 * the hash of a file (contract: walk.h). Kept apart from store.c, which holds only SQL.
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

char *cc_path_key(const char *path)
{
    return realpath(path, NULL);
}

char *cc_path_absolute(const char *path)
{
    if (path[0] == '/')
        return cc_path_normalize(path);
    char *cwd = getcwd(NULL, 0);
    cc_buf b = CC_BUF_INIT;
    cc_buf_addf(&b, "%s/%s", cwd ? cwd : "", path);
    free(cwd);
    char *abs = cc_path_normalize(b.data);
    cc_buf_free(&b);
    return abs;
}

bool cc_path_under(const char *key, const char *root)
{
    size_t n = strlen(root);
    if (n == 1 && root[0] == '/')
        return key[0] == '/';
    return strncmp(key, root, n) == 0 && (key[n] == '\0' || key[n] == '/');
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

static void walk_failed(cc_walk *w, const char *path, int err)
{
    w->failed++;
    w->incomplete = true;
    cc_error_errno(w->d, CC_DIAG_IO, path, err, "cannot read '%s'", path);
}

/* Adds the file at `path` (taken) read through `key` (taken; resolved here when NULL). */
static void add_file(cc_walk *w, char *path, char *key, const struct stat *st, bool named)
{
    if (!key && !(key = cc_path_key(path))) { /* gone or changed since its stat */
        walk_failed(w, path, errno);
        free(path);
        return;
    }
    CC_GROW(w->files, w->capfiles, w->nfiles + 1);
    w->files[w->nfiles++] = (cc_walk_file){path, key, (uint64_t)st->st_size,
                                           (int64_t)st->st_mtime, named};
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
        add_file(w, path, NULL, &st, false);
    } else {
        free(path);
    }
}

static void walk_dir(cc_walk *w, const char *dir, int depth)
{
    if (depth > CC_WALK_MAX_DEPTH) {
        w->incomplete = true;
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

/* Remembers the key of a command-line path, so that --prune knows what was walked. */
static void add_root(cc_walk *w, const char *path)
{
    char *key = cc_path_key(path);
    if (!key) {
        walk_failed(w, path, errno);
        return;
    }
    CC_GROW(w->roots, w->caproots, w->nroots + 1);
    w->roots[w->nroots++] = key;
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
    add_root(w, path);
    if (S_ISDIR(st.st_mode)) {
        if (enter_dir(w, &st))
            walk_dir(w, path, 0);
        free(path);
        return;
    }
    if (!S_ISREG(st.st_mode)) { /* /dev/zero would be hashed forever, a FIFO block */
        w->failed++;
        w->incomplete = true;
        cc_error(w->d, CC_DIAG_IO, path, "cannot read '%s': %s", path,
                 cc_not_regular_reason(st.st_mode));
        free(path);
        return;
    }
    add_file(w, path, NULL, &st, true);
}

static int cmp_work_key(const void *a, const void *b)
{
    const cc_walk_file *x = *(const cc_walk_file *const *)a;
    const cc_walk_file *y = *(const cc_walk_file *const *)b;
    int c = strcmp(x->key, y->key);
    return c ? c : (x < y ? -1 : x > y);
}

/* A file named twice, inside a folder also given, or reached by a link or an absolute
 * path as well, is one file: the first occurrence stays, with its name. */
void cc_walk_dedupe(cc_walk *w)
{
    if (w->nfiles < 2)
        return;
    cc_walk_file **bykey = cc_xmalloc(w->nfiles * sizeof *bykey);
    for (size_t i = 0; i < w->nfiles; i++)
        bykey[i] = &w->files[i];
    qsort(bykey, w->nfiles, sizeof *bykey, cmp_work_key);
    for (size_t i = 1; i < w->nfiles; i++) {
        if (strcmp(bykey[i]->key, bykey[i - 1]->key) == 0) {
            bykey[i - 1]->named |= bykey[i]->named;
            free(bykey[i]->path); /* the later one of two occurrences */
            free(bykey[i]->key);
            bykey[i]->path = NULL;
            bykey[i] = bykey[i - 1];
        }
    }
    free(bykey);
    size_t k = 0;
    for (size_t i = 0; i < w->nfiles; i++)
        if (w->files[i].path)
            w->files[k++] = w->files[i];
    w->nfiles = k;
}

void cc_walk_free(cc_walk *w)
{
    for (size_t i = 0; i < w->nfiles; i++) {
        free(w->files[i].path);
        free(w->files[i].key);
    }
    free(w->files);
    free(w->seen);
    for (size_t i = 0; i < w->nroots; i++)
        free(w->roots[i]);
    free(w->roots);
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

bool cc_walk_add_file(cc_walk *w, const char *key, const char *shown)
{
    struct stat st;
    char *real;
    if (stat(key, &st) < 0 || !S_ISREG(st.st_mode) || !(real = cc_path_key(key)))
        return false;
    add_file(w, cc_xstrdup(shown), real, &st, false);
    return true;
}

uint64_t cc_walk_total_bytes(const cc_walk *w)
{
    uint64_t t = 0;
    for (size_t i = 0; i < w->nfiles; i++)
        t += w->files[i].size;
    return t;
}
