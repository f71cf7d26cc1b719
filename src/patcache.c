/*
 * patcache.c — a record of the rulebooks that compiled cleanly (see patcache.h).
 */
#include "patcache.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sha256.h"
#include "util.h"

#define MAX_KEY (64u * 1024u) /* bytes; a longer key is not cached */

/* The cache folder into out (without a trailing '/'); false when there is none. */
static bool cache_dir(cc_buf *out)
{
    const char *off = getenv("CROSSCHECK_NO_CACHE");
    if (off && *off)
        return false;
    const char *xdg = getenv("XDG_CACHE_HOME");
    const char *home = getenv("HOME");
    if (xdg && xdg[0] == '/') /* the XDG rule: a relative value is ignored */
        cc_buf_addf(out, "%s/crosscheck", xdg);
    else if (home && home[0] == '/')
        cc_buf_addf(out, "%s/.cache/crosscheck", home);
    else
        return false;
    return true;
}

/* The record's path for `key`: FOLDER/rulebook-SHA256.ok */
static bool record_path(const char *key, size_t len, cc_buf *out)
{
    if (len > MAX_KEY || !cache_dir(out))
        return false;
    char hex[65];
    cc_sha256_hex(key, len, hex);
    cc_buf_addf(out, "/rulebook-%s.ok", hex);
    return true;
}

bool cc_pattern_cache_has(const char *key, size_t len)
{
    cc_buf path = CC_BUF_INIT;
    bool ok = false;
    if (record_path(key, len, &path)) {
        int fd = open(path.data, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
        struct stat st;
        if (fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
            (size_t)st.st_size == len) {
            char *got = cc_xmalloc(len + 1);
            size_t have = 0;
            ssize_t n;
            while (have < len && ((n = read(fd, got + have, len - have)) > 0 ||
                                  (n < 0 && errno == EINTR)))
                have += n > 0 ? (size_t)n : 0;
            ok = have == len && memcmp(got, key, len) == 0;
            free(got);
        }
        if (fd >= 0)
            close(fd);
    }
    cc_buf_free(&path);
    return ok;
}

/* mkdir -p of the cache folder (0700 for what it creates); false when it cannot be. */
static bool make_dirs(char *dir)
{
    for (char *p = dir + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        int rc = mkdir(dir, 0700);
        *p = '/';
        if (rc < 0 && errno != EEXIST)
            return false;
    }
    return mkdir(dir, 0700) == 0 || errno == EEXIST;
}

void cc_pattern_cache_add(const char *key, size_t len)
{
    cc_buf path = CC_BUF_INIT, tmp = CC_BUF_INIT;
    if (!record_path(key, len, &path))
        goto out;
    char *slash = strrchr(path.data, '/');
    *slash = '\0';
    bool dir_ok = make_dirs(path.data);
    *slash = '/';
    if (!dir_ok)
        goto out;
    cc_buf_addf(&tmp, "%s.XXXXXX", path.data);
    int fd = mkstemp(tmp.data);
    if (fd < 0)
        goto out;
    size_t done = 0;
    ssize_t n;
    while (done < len && ((n = write(fd, key + done, len - done)) > 0 ||
                          (n < 0 && errno == EINTR)))
        done += n > 0 ? (size_t)n : 0;
    if (close(fd) < 0 || done < len || rename(tmp.data, path.data) < 0)
        unlink(tmp.data);
out:
    cc_buf_free(&path);
    cc_buf_free(&tmp);
}
