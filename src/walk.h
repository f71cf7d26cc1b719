/*
 * walk.h — the files an `index` run reads: command-line paths walked into a sorted,
 * duplicate-free list of regular files, and the SHA-256 of a file's bytes.
 *
 * A folder is walked in name order (so runs are deterministic), at most
 * CC_WALK_MAX_DEPTH levels deep; hidden entries (".git") are left out, symlinks are
 * followed unless they lead back to a folder already entered, and only file names
 * matching one of the include globs are taken. A file named on the command line is
 * always taken.
 *
 * Every file has two names: the path as the user gave it, normalized ("./a//b.txt" is
 * "a/b.txt"), which reports show, and its key, the canonical path realpath(3) gives,
 * which says which file it is: "corpus/a.txt", "link-to-corpus/a.txt" and
 * "/home/lan/corpus/a.txt" are one file with one key, read once.
 *
 * Ownership: cc_walk_free() frees every path and key in `files` and every root key.
 */
#ifndef CC_WALK_H
#define CC_WALK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "util.h"

#define CC_WALK_MAX_DEPTH 64
#define CC_WALK_MAX_GLOBS 64

typedef struct cc_walk_file {
    char *path;            /* as given, normalized: what reports show */
    char *key;             /* canonical (realpath): which file it is */
    uint64_t size;         /* from stat, for progress */
    int64_t mtime;         /* seconds */
    bool named;            /* named on the command line (not found in a folder) */
} cc_walk_file;

typedef struct cc_walk_dir_id {
    uint64_t dev, ino;
} cc_walk_dir_id;

typedef struct cc_walk {
    cc_walk_file *files;   /* found so far, in walk order */
    size_t nfiles, capfiles;
    size_t failed;         /* paths that could not be read (each an "io" error in d) */
    bool incomplete;       /* some path could not be walked completely (an error, or a
                              folder too deep): what is missing may still exist */
    char **roots;          /* the keys of the command-line paths that exist */
    size_t nroots, caproots;
    cc_walk_dir_id *seen;  /* folders entered: a symlink back to one is not followed */
    size_t nseen, capseen;
    char *globs[CC_WALK_MAX_GLOBS]; /* include patterns */
    size_t nglobs;
    cc_diags *d;           /* where unreadable paths and too-deep folders are reported */
} cc_walk;

/* The key of an existing file: its canonical absolute path (realpath), malloc'd; NULL
 * with errno set when it cannot be resolved. */
char *cc_path_key(const char *path);

/* An absolute path for `path` made without the file system (the current folder before a
 * relative path, then normalized): the key of a file that no longer exists. */
char *cc_path_absolute(const char *path);

/* True when the key `key` is `root` or lies under the folder `root` (both keys). */
bool cc_path_under(const char *key, const char *root);

/* `include`: comma-separated globs ("*.txt,*.md" when NULL). */
void cc_walk_init(cc_walk *w, const char *include, cc_diags *d);
void cc_walk_free(cc_walk *w);

/* Adds a command-line path: a folder is walked, a file always taken (named). */
void cc_walk_root(cc_walk *w, const char *given);

/* Adds the file read at `key` and shown as `shown` (an archived document) when it is a
 * regular file now; false otherwise. */
bool cc_walk_add_file(cc_walk *w, const char *key, const char *shown);

/* Drops files reached twice (the same key, by any name), keeping the first occurrence
 * so the order stays the walk's; a file named on the command line stays named. */
void cc_walk_dedupe(cc_walk *w);

/* Sum of the sizes of the files found. */
uint64_t cc_walk_total_bytes(const cc_walk *w);

/* SHA-256 of a file's bytes as lowercase hex, and how many bytes were read; 0, or -1
 * with errno set. */
int cc_file_sha256(const char *path, char hex[65], uint64_t *bytes);

#endif
