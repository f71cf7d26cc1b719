/*
 * patcache.c — the compiled patterns of a rulebook, kept between runs (see patcache.h).
 */
#include "patcache.h"

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "sha256.h"
#include "util.h"

#define MAX_KEY (64u * 1024u)          /* bytes; a longer key is not cached */
#define MAX_RECORD (256u * 1024u * 1024u) /* bytes of a record file */
#define MAX_RECORDS 16                    /* records kept in the folder */

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

bool cc_pattern_cache_available(void)
{
    cc_buf dir = CC_BUF_INIT;
    bool ok = cache_dir(&dir);
    cc_buf_free(&dir);
    return ok;
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

/* A checksum of the payload, eight bytes at a time (FNV-1a over 64-bit words, then the
 * tail byte by byte): it catches a truncated or damaged file, at a fraction of the
 * cost of reading it. Not a defence against someone who can write the cache folder. */
static uint64_t checksum(const unsigned char *p, size_t n)
{
    uint64_t h = 1469598103934665603u;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, p + i, 8);
        h = (h ^ w) * 1099511628211u;
        h ^= h >> 29;
    }
    for (; i < n; i++)
        h = (h ^ p[i]) * 1099511628211u;
    return h;
}

/* The line between the key and the payload: "payload LENGTH CHECKSUM\n". */
static void payload_line(const void *payload, size_t plen, cc_buf *out)
{
    cc_buf_addf(out, "payload %zu %016llx\n", plen, (unsigned long long)checksum(payload, plen));
}

/* Maps the regular file at `path` (at most MAX_RECORD bytes) into rec; false when it
 * cannot be. A mapping, not a copy: the record is read once, by the checksum. */
static bool map_record(const char *path, cc_pattern_record *rec)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
    if (fd < 0)
        return false;
    struct stat st;
    void *map = MAP_FAILED;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
        (uint64_t)st.st_size <= MAX_RECORD)
        map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
    close(fd);
    if (map == MAP_FAILED)
        return false;
    rec->map = map;
    rec->map_len = (size_t)st.st_size;
    return true;
}

void cc_pattern_record_close(cc_pattern_record *rec)
{
    if (rec->map)
        munmap(rec->map, rec->map_len);
    memset(rec, 0, sizeof *rec);
}

bool cc_pattern_cache_get(const char *key, size_t klen, cc_pattern_record *rec)
{
    cc_buf path = CC_BUF_INIT;
    bool ok = false;
    memset(rec, 0, sizeof *rec);
    if (record_path(key, klen, &path) && map_record(path.data, rec) && rec->map_len > klen &&
        memcmp(rec->map, key, klen) == 0) {
        const char *data = rec->map;
        const char *line = data + klen;
        const char *nl = memchr(line, '\n', rec->map_len - klen);
        size_t head = nl ? (size_t)(nl + 1 - data) : rec->map_len;
        cc_buf expect = CC_BUF_INIT;
        if (nl)
            payload_line(data + head, rec->map_len - head, &expect);
        ok = nl && expect.len == head - klen && memcmp(expect.data, line, expect.len) == 0;
        cc_buf_free(&expect);
        rec->payload = data + head;
        rec->len = rec->map_len - head;
    }
    if (!ok)
        cc_pattern_record_close(rec);
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

/* The records in `dir` beyond the newest MAX_RECORDS - 1 are removed, oldest first, so
 * that a rulebook edited a hundred times leaves a few records, not a hundred. Another
 * run may be reading one of them: it keeps its mapping, or finds none and compiles. */
static void evict_old_records(const char *dir)
{
    typedef struct entry {
        char *path;
        time_t mtime;
    } entry;
    entry *v = NULL;
    size_t n = 0, cap = 0;
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (strncmp(e->d_name, "rulebook-", 9) != 0 || len < 3 ||
            strcmp(e->d_name + len - 3, ".ok") != 0)
            continue;
        cc_buf path = CC_BUF_INIT;
        cc_buf_addf(&path, "%s/%s", dir, e->d_name);
        struct stat st;
        if (lstat(path.data, &st) == 0 && S_ISREG(st.st_mode)) {
            CC_GROW(v, cap, n + 1);
            v[n++] = (entry){cc_buf_detach(&path), st.st_mtime};
        } else {
            cc_buf_free(&path);
        }
    }
    if (d)
        closedir(d);
    while (n >= MAX_RECORDS) { /* remove the oldest */
        size_t old = 0;
        for (size_t i = 1; i < n; i++)
            if (v[i].mtime < v[old].mtime)
                old = i;
        unlink(v[old].path);
        free(v[old].path);
        v[old] = v[--n];
    }
    for (size_t i = 0; i < n; i++)
        free(v[i].path);
    free(v);
}

void cc_pattern_cache_put(const char *key, size_t klen, const void *payload, size_t plen)
{
    cc_buf path = CC_BUF_INIT, tmp = CC_BUF_INIT, record = CC_BUF_INIT;
    if (plen > MAX_RECORD / 2 || !record_path(key, klen, &path))
        goto out;
    cc_buf_add(&record, key, klen);
    payload_line(payload, plen, &record);
    cc_buf_add(&record, payload, plen);
    char *slash = strrchr(path.data, '/');
    *slash = '\0';
    bool dir_ok = make_dirs(path.data);
    *slash = '/';
    if (!dir_ok)
        goto out;
    *slash = '\0';
    evict_old_records(path.data);
    *slash = '/';
    cc_buf_addf(&tmp, "%s.XXXXXX", path.data);
    int fd = mkstemp(tmp.data);
    if (fd < 0)
        goto out;
    size_t done = 0;
    ssize_t n;
    while (done < record.len && ((n = write(fd, record.data + done, record.len - done)) > 0 ||
                                 (n < 0 && errno == EINTR)))
        done += n > 0 ? (size_t)n : 0;
    if (close(fd) < 0 || done < record.len || rename(tmp.data, path.data) < 0)
        unlink(tmp.data);
out:
    cc_buf_free(&path);
    cc_buf_free(&tmp);
    cc_buf_free(&record);
}
