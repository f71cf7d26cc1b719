/*
 * store.c — the archive: documents and their claims in SQLite (schema: docs/archive.md).
 *
 * Opening never harms a file that is not ours: an existing file is first inspected
 * through a read-only connection (magic bytes, application_id, user_version, the set of
 * tables and their columns); only an empty file, or an SQLite database with no table at
 * all, gets our schema. Opening happens under a flock(2) on the archive's file (shared to
 * read, exclusive for `index`), and a new archive's file appears already locked, so that a
 * process never sees an archive another one is still creating or upgrading. Indexing
 * walks the paths first (sorted, so runs are deterministic), then
 * hashes and extracts file by file and writes each batch in one transaction: a killed
 * run leaves the archive as it was after its last commit. Every document row records
 * the hash of the rulebook it was extracted with, so "unchanged" means same bytes and
 * same rulebook, and a run killed halfway through a rulebook change resumes correctly.
 * A document is its file's canonical path (walk.h's key); reports show the path it was
 * given as.
 *
 * Open claims are rows of `claims` with their fact in the open_ columns; in open mode each
 * document also keeps its story terms, and the stories (story.c does the grouping) are a
 * table computed again after a run that changed documents, with the postings of the
 * terms (story_terms) that let check --db find a draft's story. Only an archive of an older
 * schema version (1, 2 or 3) is ever altered in place, by `index`, to the current one;
 * `check --db` and `audit` read version 3 as it is.
 */
#include "store.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "story.h"
#include "walk.h"

/* PRAGMA application_id of every crosscheck archive: "CCK1". */
#define STORE_APPLICATION_ID 0x43434B31
#define STORE_BUSY_MS 5000
/* How long opening waits for another process that holds the archive's file lock while it
 * creates or upgrades the archive (milliseconds), and how often it looks again. */
#define STORE_LOCK_MS 30000
#define STORE_LOCK_POLL_MS 5
#define DEFAULT_BATCH 200
/* The older version `check --db` and `audit` still read without an upgrade: it lacks only
 * the story_terms table, which they can do without. */
#define STORE_READABLE_OLD_VERSION 3
/* A batch is also committed once it holds this many bytes of extracted files, so that
 * a few huge files do not keep hundreds of megabytes of claims in memory. */
#define BATCH_MAX_BYTES (64u * 1024u * 1024u)
/* Joins an open claim's words in one column: no line of text holds a line feed. */
#define OPEN_SEPARATOR '\n'
#define OPEN_COLUMNS                                                                       \
    "open_kind, open_dim, open_currency, open_before, open_after, open_names, open_cues,"  \
    " open_lo, open_hi, open_lo2, open_hi2, open_second, open_time_lo, open_time_hi,"     \
    " open_yearless"

struct cc_store {
    sqlite3 *db;           /* the connection */
    char *path;            /* as given, for messages */
    bool immutable;        /* read-only media or folder: opened with immutable=1 */
    bool reader;           /* opened to read (check --db, audit): never writes */
};

/* The columns of an open claim (NULL for a rulebook claim), after the claim's own. */
#define OPEN_COLUMNS_SQL                                                                   \
    "  open_kind         TEXT,\n"                                                         \
    "  open_dim          TEXT,\n"                                                         \
    "  open_currency     TEXT,\n"                                                         \
    "  open_before       TEXT,\n"                                                         \
    "  open_after        TEXT,\n"                                                         \
    "  open_names        TEXT,\n"                                                         \
    "  open_cues         INTEGER,\n"                                                      \
    "  open_lo           REAL,\n"                                                         \
    "  open_hi           REAL,\n"                                                         \
    "  open_lo2          REAL,\n"                                                         \
    "  open_hi2          REAL,\n"                                                         \
    "  open_second       REAL,\n"                                                         \
    "  open_time_lo      REAL,\n"                                                         \
    "  open_time_hi      REAL,\n"                                                         \
    "  open_yearless     INTEGER\n"

#define STORIES_SQL                                                                        \
    "CREATE TABLE stories (\n"                                                            \
    "  document_id  INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,\n"    \
    "  story_id     INTEGER NOT NULL,\n"                                                  \
    "  duplicate_of INTEGER,\n"                                                           \
    "  norm         REAL NOT NULL\n"                                                      \
    ");\n"                                                                                \
    "CREATE INDEX stories_story ON stories(story_id);\n"

/* The term postings of the stories (see "story terms" below): rows by bucket of term keys. */
#define STORY_TERMS_SQL                                                                    \
    "CREATE TABLE story_terms (\n"                                                        \
    "  bucket   INTEGER PRIMARY KEY,\n"                                                   \
    "  postings BLOB NOT NULL\n"                                                          \
    ");\n"

/*
 * Version 1 to 2: the same tables with the new columns added at their end (as a new
 * archive has them), the stories table, and every document marked as extracted with no
 * rulebook, so that the next `index` extracts it again: version 1 did not keep open claims
 * nor terms, and an archive is derived data.
 */
static const char MIGRATE_1_SQL[] =
    "ALTER TABLE documents ADD COLUMN terms BLOB;\n"
    "ALTER TABLE claims ADD COLUMN open_kind TEXT;\n"
    "ALTER TABLE claims ADD COLUMN open_dim TEXT;\n"
    "ALTER TABLE claims ADD COLUMN open_currency TEXT;\n"
    "ALTER TABLE claims ADD COLUMN open_before TEXT;\n"
    "ALTER TABLE claims ADD COLUMN open_after TEXT;\n"
    "ALTER TABLE claims ADD COLUMN open_names TEXT;\n"
    "ALTER TABLE claims ADD COLUMN open_cues INTEGER;\n"
    "ALTER TABLE claims ADD COLUMN open_lo REAL;\n"
    "ALTER TABLE claims ADD COLUMN open_hi REAL;\n"
    "ALTER TABLE claims ADD COLUMN open_lo2 REAL;\n"
    "ALTER TABLE claims ADD COLUMN open_hi2 REAL;\n"
    "ALTER TABLE claims ADD COLUMN open_second REAL;\n"
    "ALTER TABLE claims ADD COLUMN open_time_lo REAL;\n"
    "ALTER TABLE claims ADD COLUMN open_time_hi REAL;\n"
    "ALTER TABLE claims ADD COLUMN open_yearless INTEGER;\n"
    STORIES_SQL
    "UPDATE documents SET rulebook_sha256 = '';\n";

/*
 * Version 2 to 3: documents get their file's key (`file`, walk.h's canonical path), one
 * document per file. The column comes with a default so that it can be added; store.c
 * fills it (fill_keys) before the unique index is made.
 */
static const char MIGRATE_2_SQL[] =
    "ALTER TABLE documents ADD COLUMN file TEXT NOT NULL DEFAULT '';\n";

#define DOCUMENTS_FILE_SQL "CREATE UNIQUE INDEX documents_file ON documents(file);\n"

/*
 * Version 3 to 4: the story_terms table, empty. The stories of the archive are computed
 * again by the next open-mode `index` (stories_stale: no story_documents in meta); until
 * then `check --db` finds a draft's story by reading every document's terms, as version 3
 * did.
 */
static const char MIGRATE_3_SQL[] = STORY_TERMS_SQL;

static const char SCHEMA_SQL[] =
    "CREATE TABLE meta (\n"
    "  key   TEXT PRIMARY KEY,\n"
    "  value TEXT NOT NULL\n"
    ");\n"
    "CREATE TABLE documents (\n"
    "  id              INTEGER PRIMARY KEY,\n"
    "  path            TEXT NOT NULL UNIQUE,\n"
    "  sha256          TEXT NOT NULL,\n"
    "  rulebook_sha256 TEXT NOT NULL,\n"
    "  date            TEXT NOT NULL,\n"
    "  date_from       TEXT NOT NULL,\n"
    "  year            INTEGER NOT NULL,\n"
    "  title           TEXT,\n"
    "  source          TEXT,\n"
    "  size            INTEGER NOT NULL,\n"
    "  lines           INTEGER NOT NULL,\n"
    "  skipped         INTEGER NOT NULL,\n"
    "  mtime           INTEGER NOT NULL,\n"
    "  indexed_at      INTEGER NOT NULL,\n"
    "  claims          INTEGER NOT NULL,\n"
    "  terms           BLOB,\n"
    "  file            TEXT NOT NULL\n"
    ");\n"
    DOCUMENTS_FILE_SQL
    "CREATE TABLE claims (\n"
    "  id                INTEGER PRIMARY KEY,\n"
    "  document_id       INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,\n"
    "  field             TEXT NOT NULL,\n"
    "  subject           TEXT NOT NULL,\n"
    "  scope             INTEGER NOT NULL,\n"
    "  type              TEXT NOT NULL,\n"
    "  lo                REAL,\n"
    "  hi                REAL,\n"
    "  currency          TEXT,\n"
    "  position          INTEGER,\n"
    "  total             INTEGER,\n"
    "  start_from        INTEGER,\n"
    "  start_to          INTEGER,\n"
    "  start_precision   TEXT,\n"
    "  end_from          INTEGER,\n"
    "  end_to            INTEGER,\n"
    "  end_precision     TEXT,\n"
    "  line              INTEGER NOT NULL,\n"
    "  \"column\"          INTEGER NOT NULL,\n"
    "  byte_offset       INTEGER NOT NULL,\n"
    "  byte_length       INTEGER NOT NULL,\n"
    "  text              TEXT NOT NULL,\n"
    "  value_text        TEXT NOT NULL,\n"
    "  sentence          TEXT NOT NULL,\n"
    "  value_in_sentence INTEGER NOT NULL,\n"
    OPEN_COLUMNS_SQL
    ");\n"
    "CREATE INDEX claims_key ON claims(field, subject, scope);\n"
    "CREATE INDEX claims_document ON claims(document_id);\n"
    STORIES_SQL
    STORY_TERMS_SQL;

/* The tables of the schema; any other table makes a file foreign. Version 1 had the
 * first three (and fewer columns: see MIGRATE_1_SQL), versions 2 and 3 the first four
 * (version 2 without documents.file: MIGRATE_2_SQL). */
static const char *const OUR_TABLES[] = {"meta", "documents", "claims", "stories", "story_terms"};
#define NTABLES (sizeof OUR_TABLES / sizeof OUR_TABLES[0])

/* ---- errors ------------------------------------------------------------------------- */

static int not_archive(cc_diags *d, const char *path, const char *why)
{
    return cc_error(d, CC_DIAG_DATABASE, path, "'%s' is not a crosscheck archive (%s)", path, why);
}

/* A connection that failed while inspecting a file: "not a crosscheck archive" only when
 * SQLite says what it read is not a database, or a corrupt one; anything else (no room
 * for the -shm file, a lock held too long, permissions) is a failure to read it. */
static int inspect_error(cc_diags *d, const char *path, sqlite3 *db)
{
    if (!db)
        return cc_error(d, CC_DIAG_DATABASE, path, "cannot open archive '%s': out of memory", path);
    int code = sqlite3_errcode(db) & 0xFF;
    if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT || code == SQLITE_ERROR)
        return not_archive(d, path, sqlite3_errmsg(db));
    int sys = sqlite3_system_errno(db);
    if (sys && (code == SQLITE_IOERR || code == SQLITE_FULL || code == SQLITE_CANTOPEN))
        return cc_error(d, CC_DIAG_DATABASE, path, "cannot read archive '%s': %s: %s", path,
                        sqlite3_errmsg(db), strerror(sys));
    return cc_error(d, CC_DIAG_DATABASE, path, "cannot read archive '%s': %s", path, sqlite3_errmsg(db));
}

/* SQLite's message, and for an I/O error what the system said ("disk I/O error: File too
 * large" under `ulimit -f`, "database or disk is full: No space left on device"). */
static int db_error(cc_diags *d, const cc_store *s, const char *doing)
{
    int code = sqlite3_errcode(s->db) & 0xFF;
    int sys = sqlite3_system_errno(s->db);
    if (sys && (code == SQLITE_IOERR || code == SQLITE_FULL || code == SQLITE_CANTOPEN))
        return cc_error(d, CC_DIAG_DATABASE, s->path, "cannot %s archive '%s': %s: %s", doing,
                        s->path, sqlite3_errmsg(s->db), strerror(sys));
    return cc_error(d, CC_DIAG_DATABASE, s->path, "cannot %s archive '%s': %s", doing, s->path, sqlite3_errmsg(s->db));
}

/* Runs SQL without results; 0 or the SQLite error code. */
static int exec_sql(sqlite3 *db, const char *sql)
{
    return sqlite3_exec(db, sql, NULL, NULL, NULL);
}

static sqlite3_stmt *prepare(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
        sqlite3_finalize(st);
        return NULL;
    }
    return st;
}

/* One integer from a single-row query; -1 on error. */
static int query_int(sqlite3 *db, const char *sql, int64_t *out)
{
    sqlite3_stmt *st = prepare(db, sql);
    if (!st)
        return -1;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *out = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 0 : -1;
}

/* ---- inspecting --------------------------------------------------------------------- */

typedef enum archive_state {
    ARCHIVE_OURS,          /* our application_id, version, tables and columns */
    ARCHIVE_OLD,           /* ours, of an older schema version: `index` upgrades it */
    ARCHIVE_EMPTY,         /* an SQLite database with nothing in it */
    ARCHIVE_REFUSED,       /* anything else: a diagnostic was added */
} archive_state;

/* True when the file starts with SQLite's magic string (a garbage file is refused
 * before SQLite sees it, and SQLite never writes to what it did not create). */
static bool has_sqlite_magic(int fd)
{
    static const char magic[16] = "SQLite format 3";
    char head[16];
    ssize_t n = pread(fd, head, sizeof head, 0);
    return n == (ssize_t)sizeof head && memcmp(head, magic, sizeof magic) == 0;
}

/* What the schema of a database holds, as far as telling ours from others goes. */
typedef struct schema_survey {
    int64_t nobjects;      /* every object but SQLite's own (indexes included) */
    char foreign[160];     /* the first table, view or trigger that is not ours, or "" */
    const char *missing;   /* one of our tables that is not there, or NULL */
} schema_survey;

/* Lists the schema objects; -1 when SQLite cannot read them (corrupt, not a database). */
static int survey_schema(sqlite3 *db, schema_survey *sv)
{
    sqlite3_stmt *st = prepare(db, "SELECT type, name FROM sqlite_master "
                                   "WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name");
    if (!st)
        return -1;
    bool found[NTABLES] = {false};
    memset(sv, 0, sizeof *sv);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *type = (const char *)sqlite3_column_text(st, 0);
        const char *name = (const char *)sqlite3_column_text(st, 1);
        sv->nobjects++;
        if (!type || !name || strcmp(type, "index") == 0)
            continue;
        bool ours = false;
        for (size_t i = 0; strcmp(type, "table") == 0 && i < NTABLES; i++)
            if (strcmp(name, OUR_TABLES[i]) == 0)
                ours = found[i] = true;
        if (!ours && !sv->foreign[0])
            snprintf(sv->foreign, sizeof sv->foreign, "%s '%.100s'", type, name);
    }
    sqlite3_finalize(st);
    for (size_t i = 0; i < NTABLES && !sv->missing; i++)
        if (!found[i])
            sv->missing = OUR_TABLES[i];
    return rc == SQLITE_DONE ? 0 : -1;
}

/*
 * The first column of the current schema that the archive's tables lack ("" when none):
 * the columns expected are read from SCHEMA_SQL itself, made in a private in-memory
 * database, so that the schema has one home. A hand-edited or damaged archive gets a
 * message that names the column instead of failing later on a query. -1 on error.
 */
static int missing_column(sqlite3 *db, char table[32], char column[64])
{
    table[0] = column[0] = '\0';
    sqlite3 *mem = NULL;
    if (sqlite3_open_v2(":memory:", &mem, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
        exec_sql(mem, SCHEMA_SQL) != SQLITE_OK) {
        sqlite3_close(mem);
        return -1;
    }
    sqlite3_stmt *want = prepare(mem, "SELECT name FROM pragma_table_info(?1)");
    sqlite3_stmt *have = prepare(db, "SELECT 1 FROM pragma_table_info(?1) WHERE name = ?2");
    int rc = want && have ? 0 : -1;
    for (size_t t = 0; rc == 0 && !column[0] && t < NTABLES; t++) {
        sqlite3_reset(want);
        sqlite3_bind_text(want, 1, OUR_TABLES[t], -1, SQLITE_STATIC);
        int step;
        while (!column[0] && (step = sqlite3_step(want)) == SQLITE_ROW) {
            const char *name = (const char *)sqlite3_column_text(want, 0);
            sqlite3_reset(have);
            sqlite3_bind_text(have, 1, OUR_TABLES[t], -1, SQLITE_STATIC);
            sqlite3_bind_text(have, 2, name, -1, SQLITE_TRANSIENT);
            int found = sqlite3_step(have);
            if (found == SQLITE_DONE) {
                snprintf(table, 32, "%s", OUR_TABLES[t]);
                snprintf(column, 64, "%s", name);
            } else if (found != SQLITE_ROW) {
                rc = -1;
            }
        }
    }
    sqlite3_finalize(want);
    sqlite3_finalize(have);
    sqlite3_close(mem);
    return rc;
}

/* Our tables with every column of the current schema: ours, or refused as damaged. */
static archive_state check_columns(sqlite3 *db, const char *path, cc_diags *d)
{
    char table[32], column[64];
    if (missing_column(db, table, column) < 0)
        return not_archive(d, path, sqlite3_errmsg(db)), ARCHIVE_REFUSED;
    if (!column[0])
        return ARCHIVE_OURS;
    cc_error(d, CC_DIAG_DATABASE, path, "archive '%s': the schema is damaged: no column '%s' in "
             "table '%s'; index the articles again into a new archive", path, column, table);
    return ARCHIVE_REFUSED;
}

/* Inspects an open connection: ours, old (*version says which), empty, or refused with a
 * diagnostic. Run it inside one transaction, so that its queries see one state. */
static archive_state inspect(sqlite3 *db, const char *path, int64_t *version, cc_diags *d)
{
    int64_t app = 0;
    schema_survey sv;
    *version = 0;
    if (query_int(db, "PRAGMA application_id", &app) < 0 ||
        query_int(db, "PRAGMA user_version", version) < 0 || survey_schema(db, &sv) < 0)
        return inspect_error(d, path, db), ARCHIVE_REFUSED;
    if (app == 0 && *version == 0 && sv.nobjects == 0)
        return ARCHIVE_EMPTY;
    char why[320];
    if (app != STORE_APPLICATION_ID) {
        int n = app == 0 ? snprintf(why, sizeof why, "an SQLite database without crosscheck's "
                                                     "application_id")
                         : snprintf(why, sizeof why, "an SQLite database with application_id "
                                                     "0x%08llx", (unsigned long long)(uint32_t)app);
        if (sv.foreign[0] && n > 0 && (size_t)n < sizeof why)
            snprintf(why + n, sizeof why - (size_t)n, "; %s is not crosscheck's", sv.foreign);
    } else if (*version == 1 && !sv.foreign[0] && sv.missing &&
               strcmp(sv.missing, "stories") == 0) {
        return ARCHIVE_OLD;
    } else if ((*version == 2 || *version == 3) && !sv.foreign[0] && sv.missing &&
               strcmp(sv.missing, "story_terms") == 0) {
        return ARCHIVE_OLD;
    } else if (*version != CC_STORE_SCHEMA_VERSION) {
        snprintf(why, sizeof why, "schema version %lld; this crosscheck reads version %d",
                 (long long)*version, CC_STORE_SCHEMA_VERSION);
    } else if (sv.foreign[0]) {
        snprintf(why, sizeof why, "%s is not crosscheck's", sv.foreign);
    } else if (sv.missing) {
        snprintf(why, sizeof why, "table '%s' is missing", sv.missing);
    } else {
        return check_columns(db, path, d);
    }
    return not_archive(d, path, why), ARCHIVE_REFUSED;
}

/* ---- read-only connections ---------------------------------------------------------- */

/* The file SQLite works on for `path`: it follows symbolic links, and keeps its -wal
 * and -shm beside the file they lead to. Owned by the caller. */
static char *resolved(const char *path)
{
    char *real = cc_path_key(path);
    return real ? real : cc_xstrdup(path);
}

/* Whether this user may create files beside `path` (SQLite's -wal and -shm). */
static bool folder_writable(const char *path)
{
    char *real = resolved(path);
    char *slash = strrchr(real, '/');
    bool ok;
    if (!slash) {
        ok = access(".", W_OK) == 0;
    } else if (slash == real) {
        ok = access("/", W_OK) == 0;
    } else {
        *slash = '\0';
        ok = access(real, W_OK) == 0;
    }
    free(real);
    return ok;
}

/* `path` as an SQLite URI with immutable=1: "file:" and the path, every byte but
 * letters, digits and "/._-~" percent-encoded (SQLite reads '?', '#' and '%' in it). */
static char *immutable_uri(const char *path)
{
    cc_buf b = CC_BUF_INIT;
    cc_buf_adds(&b, "file:");
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        bool plain = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                     (*p >= '0' && *p <= '9') || strchr("/._-~", *p);
        if (plain)
            cc_buf_addc(&b, (char)*p);
        else
            cc_buf_addf(&b, "%%%02X", *p);
    }
    cc_buf_adds(&b, "?immutable=1");
    return cc_buf_detach(&b);
}

/*
 * A read-only connection to `path` in *db (which may hold an error after a failure, for
 * its message); SQLITE_OK or SQLite's error code. A reader of a WAL archive needs the
 * -shm file beside it, which SQLite makes when it is missing; on read-only media or in a
 * folder this user cannot write it cannot, and the archive is opened immutable instead:
 * no process can be writing it there.
 */
static int open_read(const char *path, sqlite3 **db, bool *immutable)
{
    *immutable = false;
    /* Where the archive could be written, the reader opens it read-write but query-only:
     * only a read-write connection may checkpoint and remove the -wal and -shm files when
     * it closes, and a read-only one would leave them beside the archive after every
     * `audit` and `check --db`. */
    bool writable = access(path, W_OK) == 0 && folder_writable(path);
    int rc = sqlite3_open_v2(path, db, writable ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY,
                             NULL);
    if (rc == SQLITE_OK) {
        sqlite3_busy_timeout(*db, STORE_BUSY_MS);
        if (writable)
            rc = exec_sql(*db, "PRAGMA query_only=ON");
    }
    if (rc == SQLITE_OK)
        rc = exec_sql(*db, "SELECT count(*) FROM sqlite_master"); /* reads the header, the WAL */
    if (rc == SQLITE_OK || (rc & 0xFF) == SQLITE_BUSY || folder_writable(path))
        return rc;
    sqlite3_close(*db);
    char *uri = immutable_uri(path);
    *immutable = true;
    rc = sqlite3_open_v2(uri, db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
    if (rc == SQLITE_OK)
        sqlite3_busy_timeout(*db, STORE_BUSY_MS);
    free(uri);
    return rc;
}

/* Inspects the file `path` (locked through fd) with a read-only connection that is
 * closed again. */
static archive_state inspect_file(const char *path, int fd, int64_t *version, cc_diags *d)
{
    if (!has_sqlite_magic(fd))
        return not_archive(d, path, "not an SQLite database"), ARCHIVE_REFUSED;
    sqlite3 *db = NULL;
    bool immutable;
    if (open_read(path, &db, &immutable) != SQLITE_OK) {
        inspect_error(d, path, db);
        sqlite3_close(db);
        return ARCHIVE_REFUSED;
    }
    archive_state state = ARCHIVE_REFUSED;
    if (exec_sql(db, "BEGIN") != SQLITE_OK)
        inspect_error(d, path, db);
    else
        state = inspect(db, path, version, d);
    exec_sql(db, "COMMIT");
    sqlite3_close(db);
    return state;
}

/* ---- creating and upgrading --------------------------------------------------------- */

/* Settings of every connection: waits for writers, enforces the cascade, WAL. */
static int configure(cc_store *s, cc_diags *d)
{
    sqlite3_busy_timeout(s->db, STORE_BUSY_MS);
    if (exec_sql(s->db, "PRAGMA foreign_keys=ON") != SQLITE_OK)
        return db_error(d, s, "open");
    /* A reader stays in the journal mode the file has (WAL when we made it). */
    if (!s->reader) {
        sqlite3_stmt *st = prepare(s->db, "PRAGMA journal_mode=WAL");
        int rc = st ? sqlite3_step(st) : SQLITE_ERROR;
        bool wal = rc == SQLITE_ROW &&
                   strcmp((const char *)sqlite3_column_text(st, 0), "wal") == 0;
        sqlite3_finalize(st);
        if (!wal)
            return db_error(d, s, "set WAL mode on");
        /* In WAL mode NORMAL loses nothing when the process dies, only on power loss. */
        if (exec_sql(s->db, "PRAGMA synchronous=NORMAL") != SQLITE_OK)
            return db_error(d, s, "open");
    }
    return 0;
}

static int set_meta(cc_store *s, const char *key, const char *value)
{
    sqlite3_stmt *st = prepare(s->db, "INSERT OR REPLACE INTO meta(key, value) VALUES(?1, ?2)");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

/*
 * Version 2 to 3, after MIGRATE_2_SQL: every document's key from its path (a relative
 * path from the current folder, as `index` always read it); a file that is gone gets the
 * absolute form of its path, so that --prune still finds it gone. Of documents that were
 * one file under several names (what version 3 ends), the first stays.
 */
static int fill_keys(cc_store *s)
{
    sqlite3_stmt *q = prepare(s->db, "SELECT id, path FROM documents ORDER BY id");
    sqlite3_stmt *u = prepare(s->db, "UPDATE documents SET file = ?2 WHERE id = ?1");
    int rc = q && u ? SQLITE_ROW : SQLITE_ERROR;
    while (rc == SQLITE_ROW && (rc = sqlite3_step(q)) == SQLITE_ROW) {
        const char *path = (const char *)sqlite3_column_text(q, 1);
        char *key = path ? cc_path_key(path) : NULL;
        if (!key)
            key = cc_path_absolute(path ? path : "");
        sqlite3_reset(u);
        sqlite3_bind_int64(u, 1, sqlite3_column_int64(q, 0));
        sqlite3_bind_text(u, 2, key, -1, SQLITE_TRANSIENT);
        free(key);
        if (sqlite3_step(u) != SQLITE_DONE)
            rc = SQLITE_ERROR;
    }
    sqlite3_finalize(q);
    sqlite3_finalize(u);
    if (rc != SQLITE_DONE)
        return -1;
    return exec_sql(s->db, "DELETE FROM documents WHERE id NOT IN"
                           " (SELECT min(id) FROM documents GROUP BY file);\n"
                           DOCUMENTS_FILE_SQL) == SQLITE_OK ? 0 : -1;
}

/* The statements that bring an archive of `version` to the current schema. */
static int migrate(cc_store *s, int64_t version)
{
    if (version == 1 && exec_sql(s->db, MIGRATE_1_SQL) != SQLITE_OK)
        return -1;
    if (version <= 2 && (exec_sql(s->db, MIGRATE_2_SQL) != SQLITE_OK || fill_keys(s) < 0))
        return -1;
    return exec_sql(s->db, MIGRATE_3_SQL) == SQLITE_OK ? 0 : -1;
}

/*
 * Creates the schema in an empty database, or upgrades an archive of an older version,
 * inside one immediate transaction that checks again what the file holds (the file lock
 * keeps other crosschecks out; this keeps the step safe without it too), and checks the
 * result as an archive of the current version before it commits.
 */
static int create_schema(cc_store *s, cc_diags *d)
{
    if (exec_sql(s->db, "BEGIN IMMEDIATE") != SQLITE_OK)
        return db_error(d, s, "create");
    int64_t old_version;
    archive_state state = inspect(s->db, s->path, &old_version, d);
    if (state == ARCHIVE_OURS)
        return exec_sql(s->db, "COMMIT") == SQLITE_OK ? 0 : db_error(d, s, "create");
    if (state == ARCHIVE_REFUSED) {
        exec_sql(s->db, "ROLLBACK");
        return -1;
    }
    char pragma[96], now[32], version[16];
    snprintf(pragma, sizeof pragma, "PRAGMA application_id=%d; PRAGMA user_version=%d",
             STORE_APPLICATION_ID, CC_STORE_SCHEMA_VERSION);
    snprintf(now, sizeof now, "%lld", (long long)time(NULL));
    snprintf(version, sizeof version, "%d", CC_STORE_SCHEMA_VERSION);
    const char *doing = state == ARCHIVE_OLD ? "upgrade" : "create";
    int rc = state == ARCHIVE_OLD ? migrate(s, old_version) : exec_sql(s->db, SCHEMA_SQL);
    if (rc != 0 || exec_sql(s->db, pragma) != SQLITE_OK ||
        set_meta(s, "schema_version", version) < 0 ||
        (state == ARCHIVE_EMPTY && set_meta(s, "created_at", now) < 0) ||
        (state == ARCHIVE_OLD && set_meta(s, "upgraded_at", now) < 0)) {
        db_error(d, s, doing);
        exec_sql(s->db, "ROLLBACK");
        return -1;
    }
    int64_t now_version;
    if (inspect(s->db, s->path, &now_version, d) != ARCHIVE_OURS) { /* a damaged old archive */
        exec_sql(s->db, "ROLLBACK");
        return -1;
    }
    if (exec_sql(s->db, "COMMIT") != SQLITE_OK) {
        db_error(d, s, doing);
        exec_sql(s->db, "ROLLBACK");
        return -1;
    }
    return 0;
}

/* ---- the file lock ------------------------------------------------------------------ */

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
        ;
}

/* Takes `op` (LOCK_SH or LOCK_EX) on fd, waiting up to STORE_LOCK_MS; 0, or -1 with
 * errno (EWOULDBLOCK: still held by another process). On a file system without
 * flock(2) nothing is locked and 0 is returned: SQLite's own locking still holds. */
static int lock_fd(int fd, int op)
{
    for (long waited = 0;;) {
        if (flock(fd, op | LOCK_NB) == 0)
            return 0;
        if (errno == EINTR)
            continue;
        if (errno == ENOLCK || errno == EINVAL || errno == EOPNOTSUPP)
            return 0;
        if (errno != EWOULDBLOCK || waited >= STORE_LOCK_MS)
            return -1;
        sleep_ms(STORE_LOCK_POLL_MS);
        waited += STORE_LOCK_POLL_MS;
    }
}

/*
 * Creates the archive's file already locked (LOCK_EX): it is made under a temporary name
 * beside `path`, locked, then linked to `path`, so that no other process ever sees it
 * empty and unlocked (and reports "not a crosscheck archive"). -1 with errno; EEXIST: the
 * file exists now (another process made it first). On a file system without hard links,
 * or when `path` is a symbolic link to a file not made yet, the file is made in place and
 * locked right after.
 */
static int create_locked(const char *path)
{
    cc_buf tmp = CC_BUF_INIT;
    cc_buf_addf(&tmp, "%s.new-XXXXXX", path);
    int fd = mkstemp(tmp.data);
    if (fd < 0) {
        cc_buf_free(&tmp);
        return -1;
    }
    mode_t mask = umask(0);
    umask(mask);
    int err = fchmod(fd, 0644 & ~mask) < 0 || lock_fd(fd, LOCK_EX) < 0 ? errno : 0;
    if (!err && link(tmp.data, path) < 0)
        err = errno;
    unlink(tmp.data);
    cc_buf_free(&tmp);
    struct stat ls;
    bool dangling = err == EEXIST && lstat(path, &ls) == 0 && S_ISLNK(ls.st_mode);
    if (err == EPERM || err == EOPNOTSUPP || err == ENOSYS || err == EMLINK || dangling) {
        /* no hard links here, or a symbolic link to the archive to be: made in place */
        close(fd);
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | (dangling ? 0 : O_EXCL), 0644);
        if (fd < 0)
            return -1;
        err = lock_fd(fd, LOCK_EX) < 0 ? errno : 0;
    }
    if (err) {
        close(fd);
        errno = err;
        return -1;
    }
    return fd;
}

/* A descriptor of the archive's file holding its lock: exclusive for `index` (which may
 * create or upgrade it; a missing file is created, locked), shared to read. -1 after a
 * diagnostic. */
static int lock_archive(const char *path, bool create, cc_diags *d)
{
    int flags = (create ? O_RDWR : O_RDONLY) | O_CLOEXEC | O_NONBLOCK;
    int fd = -1;
    for (int tries = 0; fd < 0 && tries < 100; tries++) {
        fd = open(path, flags);
        if (fd < 0 && errno == ENOENT && create)
            fd = create_locked(path);
        if (fd < 0 && errno == EEXIST)
            continue; /* made by another process meanwhile: open it */
        if (fd < 0)
            return cc_error_errno(d, CC_DIAG_DATABASE, path, errno, create ? "cannot open archive '%s' for writing" : "cannot open archive '%s'", path);
        if (lock_fd(fd, create ? LOCK_EX : LOCK_SH) < 0) {
            int err = errno;
            close(fd);
            if (err == EWOULDBLOCK)
                return cc_error(d, CC_DIAG_DATABASE, path, "cannot open archive '%s': another process has held its lock for %d s while creating or upgrading it", path, STORE_LOCK_MS / 1000);
            return cc_error_errno(d, CC_DIAG_DATABASE, path, err, "cannot lock archive '%s'", path);
        }
    }
    return fd >= 0 ? fd : cc_error(d, CC_DIAG_DATABASE, path, "cannot open archive '%s': it keeps appearing and disappearing", path);
}

/* ---- opening ------------------------------------------------------------------------ */

static cc_store *store_new(const char *path)
{
    cc_store *s = cc_xcalloc(1, sizeof *s);
    s->path = cc_xstrdup(path);
    return s;
}

/* The connection the store works with: read-write for `index`, else read-only (immutable
 * on read-only media). NULL after a diagnostic. */
static cc_store *store_connect(const char *path, bool write, cc_diags *d)
{
    cc_store *s = store_new(path);
    s->reader = !write;
    int rc = write ? sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE, NULL)
                   : open_read(path, &s->db, &s->immutable);
    if (rc != SQLITE_OK) {
        if (s->db)
            db_error(d, s, "open");
        else
            cc_error(d, CC_DIAG_DATABASE, path, "cannot open archive '%s': out of memory", path);
        cc_store_close(s);
        return NULL;
    }
    sqlite3_extended_result_codes(s->db, 1);
    if (configure(s, d) < 0) {
        cc_store_close(s);
        return NULL;
    }
    return s;
}

/*
 * A reader of a read-only archive makes its -wal and -shm files with the archive's
 * permissions, read-only; after `chmod u+w` SQLite would open them read-only again and
 * every write would fail. `index` makes them as writable as the archive (they are
 * SQLite's shared scratch files; their content stays valid).
 */
static int fix_scratch_files(const char *path, cc_diags *d)
{
    struct stat db;
    if (stat(path, &db) < 0 || access(path, W_OK) != 0)
        return 0; /* the archive itself cannot be written: SQLite says so */
    static const char *const suffixes[] = {"-wal", "-shm"};
    char *real = resolved(path);
    for (size_t i = 0; i < 2; i++) {
        cc_buf name = CC_BUF_INIT;
        cc_buf_addf(&name, "%s%s", real, suffixes[i]);
        int rc = 0;
        if (access(name.data, F_OK) == 0 && access(name.data, W_OK) != 0 &&
            chmod(name.data, db.st_mode & 0666) < 0)
            rc = cc_error_errno(d, CC_DIAG_DATABASE, path, errno, "cannot write archive '%s': '%s' is read-only (left by a reader of the read-only archive); make it writable, or remove it while nothing uses the archive", path, name.data);
        cc_buf_free(&name);
        if (rc < 0) {
            free(real);
            return -1;
        }
    }
    free(real);
    return 0;
}

/* For `index`, under the exclusive lock: the schema created in an empty file or database,
 * or an old archive upgraded, by a connection closed again. */
static int make_schema(const char *path, cc_diags *d)
{
    cc_store *s = store_connect(path, true, d);
    if (!s)
        return -1;
    int rc = create_schema(s, d);
    cc_store_close(s);
    return rc;
}

/*
 * Under the lock (fd): what the file holds, and for `index` (create) the schema made or
 * upgraded. Every connection it opens is closed before the caller closes fd: closing any
 * descriptor of a file drops the POSIX locks SQLite holds on it in this process.
 */
static int settle(const char *path, int fd, bool create, cc_diags *d)
{
    struct stat st;
    if (fstat(fd, &st) < 0)
        return cc_error_errno(d, CC_DIAG_DATABASE, path, errno, "cannot open archive '%s'", path);
    if (!S_ISREG(st.st_mode))
        return not_archive(d, path, "not a regular file");
    int64_t version = 0;
    archive_state state = st.st_size == 0 ? ARCHIVE_EMPTY : inspect_file(path, fd, &version, d);
    if (state == ARCHIVE_REFUSED)
        return -1;
    if (!create && state == ARCHIVE_EMPTY)
        return not_archive(d, path, st.st_size > 0 ? "an empty database" : "an empty file");
    if (!create && state == ARCHIVE_OLD && version == STORE_READABLE_OLD_VERSION)
        return 0; /* read as it is: only its story_terms are missing (load_drafts_story) */
    if (!create && state == ARCHIVE_OLD)
        return cc_error(d, CC_DIAG_DATABASE, path, "archive '%s' has schema version %lld; this "
                        "crosscheck reads version %d: run 'crosscheck index' on it once to "
                        "upgrade it%s", path, (long long)version, CC_STORE_SCHEMA_VERSION,
                        version == 1 ? " (its articles are extracted again)" : "");
    if (!create)
        return 0;
    if (!folder_writable(path))
        return cc_error(d, CC_DIAG_DATABASE, path, "cannot write archive '%s': its folder is not "
                        "writable (SQLite keeps '%s-wal' and '%s-shm' beside it)", path, path, path);
    if (fix_scratch_files(path, d) < 0)
        return -1;
    return state == ARCHIVE_OURS ? 0 : make_schema(path, d);
}

/* A read-only archive opened immutable does not see what is still in its -wal. */
static void warn_immutable(const cc_store *s, cc_diags *d)
{
    char *real = resolved(s->path);
    cc_buf wal = CC_BUF_INIT;
    cc_buf_addf(&wal, "%s-wal", real);
    free(real);
    struct stat st;
    if (stat(wal.data, &st) == 0 && st.st_size > 0)
        cc_warn(d, CC_DIAG_DATABASE, s->path, "archive '%s' is read-only here (its folder or media): "
                "the changes still in '%s' are not read", s->path, wal.data);
    cc_buf_free(&wal);
}

cc_store *cc_store_open(const char *path, bool create, cc_diags *d)
{
    struct stat st;
    if (!path[0]) /* SQLite would open a private temporary database */
        return cc_error(d, CC_DIAG_DATABASE, path, "cannot open archive '': empty path"),
               NULL;
    if (stat(path, &st) < 0) {
        if (errno != ENOENT || !create)
            return cc_error_errno(d, CC_DIAG_DATABASE, path, errno, "cannot open archive '%s'", path),
                   NULL;
    } else if (S_ISDIR(st.st_mode)) {
        return not_archive(d, path, "a directory"), NULL;
    } else if (!S_ISREG(st.st_mode)) {
        return not_archive(d, path, "not a regular file"), NULL;
    }
    int fd = lock_archive(path, create, d);
    if (fd < 0)
        return NULL;
    int rc = settle(path, fd, create, d);
    close(fd); /* and with it the lock: the archive is complete now */
    if (rc < 0)
        return NULL;
    cc_store *s = store_connect(path, create, d);
    if (s && s->immutable)
        warn_immutable(s, d);
    return s;
}

void cc_store_close(cc_store *s)
{
    if (!s)
        return;
    sqlite3_close(s->db);
    free(s->path);
    free(s);
}

/* ---- progress ----------------------------------------------------------------------- */

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Tells the caller's progress callback, if any, how far the run is. */
static void report_progress(const cc_index_opts *o, const cc_index_stats *st, size_t done,
                            size_t total_files, uint64_t total_bytes, double start, bool final)
{
    if (!o->progress)
        return;
    cc_index_progress p = {done, total_files, st->bytes, total_bytes, st->claims,
                           now_seconds() - start, final};
    o->progress(o->progress_ctx, &p);
}

/* ---- writing ------------------------------------------------------------------------ */

/* Prepared statements of an index run. */
typedef struct writer {
    cc_store *s;
    sqlite3_stmt *find;     /* id, sha256, rulebook_sha256 of a path */
    sqlite3_stmt *del;      /* a document by path (its claims go by the cascade) */
    sqlite3_stmt *ins_doc;
    sqlite3_stmt *ins_claim;
    cc_buf words[3];        /* an open claim's words before, after and names, joined */
    cc_buf blob;            /* a document's terms, encoded */
} writer;

/* Terms as stored: 4 bytes each, little-endian, so that an archive moves between
 * machines. */
static void terms_blob(const uint32_t *t, size_t n, cc_buf *out)
{
    cc_buf_reset(out);
    for (size_t i = 0; i < n; i++) {
        char b[4] = {(char)(t[i] & 0xFF), (char)(t[i] >> 8 & 0xFF), (char)(t[i] >> 16 & 0xFF),
                     (char)(t[i] >> 24 & 0xFF)};
        cc_buf_add(out, b, 4);
    }
}

/* The terms of a stored blob (malloc'd; NULL when none). A blob whose length is not a
 * multiple of 4 is cut to one. */
static uint32_t *terms_of_blob(const void *blob, size_t bytes, size_t *n)
{
    const unsigned char *b = blob;
    *n = blob ? bytes / 4 : 0;
    if (!*n)
        return NULL;
    uint32_t *t = cc_xmalloc(*n * sizeof *t);
    for (size_t i = 0; i < *n; i++)
        t[i] = (uint32_t)b[4 * i] | (uint32_t)b[4 * i + 1] << 8 | (uint32_t)b[4 * i + 2] << 16 |
               (uint32_t)b[4 * i + 3] << 24;
    return t;
}

static void writer_free(writer *w)
{
    for (int i = 0; i < 3; i++)
        cc_buf_free(&w->words[i]);
    cc_buf_free(&w->blob);
    sqlite3_finalize(w->find);
    sqlite3_finalize(w->del);
    sqlite3_finalize(w->ins_doc);
    sqlite3_finalize(w->ins_claim);
}

/* -1 after a diagnostic (SQLite's message is taken before the statements are freed:
 * freeing them clears it). */
static int writer_init(writer *w, cc_store *s, cc_diags *d)
{
    memset(w, 0, sizeof *w);
    w->s = s;
    for (int i = 0; i < 3; i++)
        cc_buf_init(&w->words[i], SIZE_MAX);
    cc_buf_init(&w->blob, SIZE_MAX);
    w->find = prepare(s->db, "SELECT id, sha256, rulebook_sha256, skipped FROM documents"
                             " WHERE file = ?1");
    /* By key, not by the id seen before extracting: another `index` may have stored the
     * same file in the meantime, and the last writer's version wins. A shown path names
     * one document too: a relative path given from another folder replaces it. */
    w->del = prepare(s->db, "DELETE FROM documents WHERE file = ?1 OR path = ?2");
    w->ins_doc = prepare(s->db,
        "INSERT INTO documents(path, sha256, rulebook_sha256, date, date_from, year, title,"
        " source, size, lines, skipped, mtime, indexed_at, claims, terms, file)"
        " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)");
    w->ins_claim = prepare(s->db,
        "INSERT INTO claims(document_id, field, subject, scope, type, lo, hi, currency,"
        " position, total, start_from, start_to, start_precision, end_from, end_to,"
        " end_precision, line, \"column\", byte_offset, byte_length, text, value_text,"
        " sentence, value_in_sentence, " OPEN_COLUMNS ")"
        " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,"
        " ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32,"
        " ?33, ?34, ?35, ?36, ?37, ?38, ?39)");
    if (!w->find || !w->del || !w->ins_doc || !w->ins_claim) {
        db_error(d, s, "read");
        writer_free(w);
        return -1;
    }
    return 0;
}

/* What the archive holds for a file (its key): *id 0 when nothing. */
typedef struct stored_doc {
    int64_t id;
    char sha[65], rulebook_sha[65];
    bool skipped;
} stored_doc;

static int find_document(writer *w, const char *key, stored_doc *out)
{
    sqlite3_reset(w->find);
    sqlite3_bind_text(w->find, 1, key, -1, SQLITE_STATIC);
    int rc = sqlite3_step(w->find);
    memset(out, 0, sizeof *out);
    if (rc == SQLITE_ROW) {
        out->id = sqlite3_column_int64(w->find, 0);
        const char *a = (const char *)sqlite3_column_text(w->find, 1);
        const char *b = (const char *)sqlite3_column_text(w->find, 2);
        snprintf(out->sha, sizeof out->sha, "%s", a ? a : "");
        snprintf(out->rulebook_sha, sizeof out->rulebook_sha, "%s", b ? b : "");
        out->skipped = sqlite3_column_int(w->find, 3) != 0;
        rc = SQLITE_DONE;
    }
    sqlite3_reset(w->find);
    return rc == SQLITE_DONE ? 0 : -1;
}

static void bind_text_or_null(sqlite3_stmt *st, int i, const char *s)
{
    if (s)
        sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, i);
}

/* NaN cannot be stored (SQLite makes it NULL); it never comes out of the parsers. */
static void bind_double(sqlite3_stmt *st, int i, double x)
{
    if (isnan(x))
        sqlite3_bind_null(st, i);
    else
        sqlite3_bind_double(st, i, x);
}

static void bind_date(sqlite3_stmt *st, int i, const cc_date *dt)
{
    sqlite3_bind_int64(st, i, dt->from);
    sqlite3_bind_int64(st, i + 1, dt->to);
    sqlite3_bind_text(st, i + 2, cc_precision_name(dt->precision), -1, SQLITE_STATIC);
}

/* Binds the typed value to columns 5..16 of the claim insert; the columns a type does
 * not use stay NULL. */
static void bind_value(sqlite3_stmt *st, const cc_value *v)
{
    for (int i = 6; i <= 16; i++)
        sqlite3_bind_null(st, i);
    sqlite3_bind_text(st, 5, cc_type_name(v->type), -1, SQLITE_STATIC);
    switch (v->type) {
    case CC_TYPE_MONEY:
        sqlite3_bind_text(st, 8, v->currency, -1, SQLITE_TRANSIENT);
        /* fall through */
    case CC_TYPE_NUMBER:
    case CC_TYPE_PERCENT:
        bind_double(st, 6, v->range.lo);
        bind_double(st, 7, v->range.hi);
        break;
    case CC_TYPE_RANK:
        sqlite3_bind_int64(st, 9, v->position);
        sqlite3_bind_int64(st, 10, v->total);
        break;
    case CC_TYPE_PERIOD:
        bind_date(st, 14, &v->end);
        /* fall through */
    case CC_TYPE_DATE:
        bind_date(st, 11, &v->start);
        break;
    }
}

/* Words joined by OPEN_SEPARATOR into buf (none: NULL, bound as NULL). */
static const char *join_words(const char *words, size_t stride, unsigned n, cc_buf *buf)
{
    cc_buf_reset(buf);
    for (unsigned i = 0; i < n; i++) {
        assert(!strchr(words + i * stride, OPEN_SEPARATOR));
        if (i)
            cc_buf_addc(buf, OPEN_SEPARATOR);
        cc_buf_adds(buf, words + i * stride);
    }
    return n ? buf->data : NULL;
}

/* Binds an open claim's fact to columns 25..39 (NULL for a rulebook claim). */
static void bind_open(sqlite3_stmt *st, const cc_open_fact *f, cc_buf bufs[3])
{
    for (int i = 25; i <= 39; i++)
        sqlite3_bind_null(st, i);
    if (!f)
        return;
    sqlite3_bind_text(st, 25, cc_name_of(cc_figure_kind_names, (int)f->kind), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 26, cc_name_of(cc_dim_names, f->dim), -1, SQLITE_STATIC);
    bind_text_or_null(st, 27, f->currency[0] ? f->currency : NULL);
    bind_text_or_null(st, 28, join_words(f->before[0], sizeof f->before[0], f->nbefore, &bufs[0]));
    bind_text_or_null(st, 29, join_words(f->after[0], sizeof f->after[0], f->nafter, &bufs[1]));
    bind_text_or_null(st, 30, join_words(f->names[0], sizeof f->names[0], f->nnames, &bufs[2]));
    sqlite3_bind_int64(st, 31, f->cues);
    bind_double(st, 32, f->value.lo);
    bind_double(st, 33, f->value.hi);
    bind_double(st, 34, f->value2.lo);
    bind_double(st, 35, f->value2.hi);
    bind_double(st, 36, f->second);
    if (f->has_time) {
        bind_double(st, 37, f->time.lo);
        bind_double(st, 38, f->time.hi);
    }
    /* dates written without a year, kept in CC_FIGURE_YEARLESS until a story gives one */
    sqlite3_bind_int64(st, 39, (f->yearless ? 1 : 0) | (f->yearless2 ? 2 : 0) |
                                   (f->time_yearless ? 4 : 0));
}

static int insert_claim(writer *w, int64_t doc_id, const cc_run *run, const cc_claim *c)
{
    const cc_rulebook *rb = run->rb;
    assert(c->field >= 0 || c->open); /* a claim is a field's or an open one */
    sqlite3_stmt *st = w->ins_claim;
    sqlite3_reset(st);
    sqlite3_bind_int64(st, 1, doc_id);
    sqlite3_bind_text(st, 2, c->field >= 0 ? rb->fields[c->field].id : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, c->subject >= 0 ? rb->subjects[c->subject].id : "", -1,
                      SQLITE_STATIC);
    sqlite3_bind_int64(st, 4, c->scope);
    bind_value(st, &c->value);
    sqlite3_bind_int64(st, 17, c->line);
    sqlite3_bind_int64(st, 18, c->column);
    sqlite3_bind_int64(st, 19, (sqlite3_int64)c->byte_offset);
    sqlite3_bind_int64(st, 20, c->byte_length);
    sqlite3_bind_text(st, 21, c->text ? c->text : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 22, c->value_text ? c->value_text : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 23, c->sentence ? c->sentence : "", -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 24, (sqlite3_int64)c->value_in_sentence);
    bind_open(st, c->open, w->words);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

/* A file extracted and waiting for its batch's transaction. */
typedef struct pending_doc {
    const cc_walk_file *file;
    char sha[65];
    cc_run run;            /* its one document and claims */
} pending_doc;

static int insert_document(writer *w, const pending_doc *p, const char *rulebook_sha,
                           int64_t indexed_at)
{
    const cc_document *doc = &p->run.docs[0];
    sqlite3_stmt *st = w->ins_doc;
    sqlite3_reset(w->del);
    sqlite3_bind_text(w->del, 1, p->file->key, -1, SQLITE_STATIC);
    sqlite3_bind_text(w->del, 2, p->file->path, -1, SQLITE_STATIC);
    int rc = sqlite3_step(w->del);
    sqlite3_reset(w->del);
    if (rc != SQLITE_DONE)
        return -1;
    sqlite3_reset(st);
    sqlite3_bind_text(st, 1, p->file->path, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, p->sha, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, rulebook_sha, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, doc->date, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, cc_date_from_name(doc->date_from), -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 6, doc->year);
    bind_text_or_null(st, 7, doc->title);
    bind_text_or_null(st, 8, doc->source);
    sqlite3_bind_int64(st, 9, (sqlite3_int64)doc->bytes);
    sqlite3_bind_int64(st, 10, doc->lines);
    sqlite3_bind_int64(st, 11, doc->skipped);
    sqlite3_bind_int64(st, 12, p->file->mtime);
    sqlite3_bind_int64(st, 13, indexed_at);
    sqlite3_bind_int64(st, 14, (sqlite3_int64)p->run.nclaims);
    if (doc->nterms) {
        terms_blob(doc->terms, doc->nterms, &w->blob);
        sqlite3_bind_blob64(st, 15, w->blob.data, w->blob.len, SQLITE_STATIC);
    } else {
        sqlite3_bind_null(st, 15);
    }
    sqlite3_bind_text(st, 16, p->file->key, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return -1;
    int64_t id = sqlite3_last_insert_rowid(w->s->db);
    for (size_t i = 0; i < p->run.nclaims; i++)
        if (insert_claim(w, id, &p->run, &p->run.claims[i]) < 0)
            return -1;
    return 0;
}

/* Writes a batch in one transaction; -1 (rolled back, diagnostic added) on error. */
static int commit_batch(writer *w, pending_doc *batch, size_t n, const cc_rulebook *rb,
                        cc_index_stats *st, cc_diags *d)
{
    if (n == 0)
        return 0;
    cc_store *s = w->s;
    if (exec_sql(s->db, "BEGIN IMMEDIATE") != SQLITE_OK)
        return db_error(d, s, "write");
    int64_t now = (int64_t)time(NULL);
    size_t claims = 0;
    for (size_t i = 0; i < n; i++) {
        if (insert_document(w, &batch[i], rb->sha256, now) < 0) {
            db_error(d, s, "write");
            exec_sql(s->db, "ROLLBACK");
            return -1;
        }
        claims += batch[i].run.nclaims;
    }
    if (exec_sql(s->db, "COMMIT") != SQLITE_OK) {
        db_error(d, s, "write");
        exec_sql(s->db, "ROLLBACK");
        return -1;
    }
    st->indexed += n;
    st->claims += claims;
    return 0;
}

static void copy_diags(cc_diags *to, const cc_diags *from)
{
    for (size_t i = 0; i < from->n; i++) {
        const cc_diag *g = &from->v[i];
        cc_diag_copy(to, g);
    }
}

/* State of one index run. */
typedef struct indexer {
    cc_store *s;
    const cc_rulebook *rb;
    cc_extract_opts eo;    /* how files are extracted */
    cc_extractor *ex;      /* for files found in folders (made on first use) */
    cc_extractor *ex_named; /* for files named on the command line (likewise) */
    writer w;
    pending_doc *batch;    /* extracted, not yet written */
    size_t nbatch, capbatch;
    uint64_t batch_bytes;
    size_t batch_max;
    cc_index_stats *st;
    cc_diags *d;
} indexer;

static void free_batch(indexer *ix)
{
    for (size_t i = 0; i < ix->nbatch; i++)
        cc_run_free(&ix->batch[i].run);
    ix->nbatch = 0;
    ix->batch_bytes = 0;
}

static int flush_batch(indexer *ix)
{
    int rc = commit_batch(&ix->w, ix->batch, ix->nbatch, ix->rb, ix->st, ix->d);
    free_batch(ix);
    return rc;
}

/* The extractor for a file: one found in a folder that the reader skips (binary) is
 * stored as skipped with a warning; one named on the command line is an error, so that
 * a file someone asked for is never passed over in silence (extract.h). */
static cc_extractor *extractor_for(indexer *ix, const cc_walk_file *f)
{
    cc_extractor **ex = f->named ? &ix->ex_named : &ix->ex;
    if (!*ex) {
        cc_extract_opts o = ix->eo;
        o.named = f->named;
        *ex = cc_extractor_new(ix->rb, &o);
    }
    return *ex;
}

/* Hashes one file, and extracts it into the batch when it is new or changed. -1 only
 * on a database error. */
static int index_file(indexer *ix, const cc_walk_file *f)
{
    char sha[65];
    uint64_t bytes;
    stored_doc old;
    if (cc_file_sha256(f->key, sha, &bytes) < 0) {
        ix->st->failed++;
        cc_error_errno(ix->d, CC_DIAG_IO, f->path, errno, "cannot read '%s'", f->path);
        return 0;
    }
    ix->st->bytes += bytes;
    if (find_document(&ix->w, f->key, &old) < 0)
        return db_error(ix->d, ix->s, "read");
    /* A named file stored as skipped is read again, to say again that it cannot be. */
    if (old.id && strcmp(old.sha, sha) == 0 && strcmp(old.rulebook_sha, ix->rb->sha256) == 0 &&
        !(f->named && old.skipped)) {
        ix->st->unchanged++;
        return 0;
    }
    CC_GROW(ix->batch, ix->capbatch, ix->nbatch + 1);
    pending_doc *p = &ix->batch[ix->nbatch];
    p->file = f;
    memcpy(p->sha, sha, sizeof p->sha);
    cc_run_init(&p->run, ix->rb);
    int rc = cc_extract_file(extractor_for(ix, f), &p->run, f->key, f->path);
    copy_diags(ix->d, &p->run.diags);
    /* Unreadable, or named and not text (an error): the archived version stays. */
    if (rc < 0 || p->run.ndocs != 1 || (f->named && p->run.docs[0].skipped)) {
        ix->st->failed++;
        cc_run_free(&p->run);
        return 0;
    }
    ix->nbatch++;
    ix->batch_bytes += bytes;
    if (ix->nbatch >= ix->batch_max || ix->batch_bytes >= BATCH_MAX_BYTES)
        return flush_batch(ix);
    return 0;
}

/*
 * Adds to the walk the archived documents extracted with another rulebook that the
 * walk did not reach, so that a changed rulebook re-extracts the whole archive: read
 * through their keys (absolute, so from any folder), shown by their stored paths. Files
 * that are gone are left (--prune removes them).
 */
static int add_stale_documents(cc_store *s, const cc_rulebook *rb, cc_walk *w)
{
    sqlite3_stmt *st = prepare(s->db, "SELECT file, path FROM documents"
                                      " WHERE rulebook_sha256 <> ?1 ORDER BY path");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, rb->sha256, -1, SQLITE_STATIC);
    size_t nwalked = w->nfiles;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *key = (const char *)sqlite3_column_text(st, 0);
        const char *path = (const char *)sqlite3_column_text(st, 1);
        if (key && path)
            cc_walk_add_file(w, key, path);
    }
    sqlite3_finalize(st);
    if (w->nfiles > nwalked)
        cc_walk_dedupe(w);
    return rc == SQLITE_DONE ? 0 : -1;
}

static bool file_is_gone(const char *key)
{
    struct stat sb;
    return stat(key, &sb) < 0 && (errno == ENOENT || errno == ENOTDIR);
}

static bool under_roots(const cc_walk *w, const char *key)
{
    for (size_t i = 0; i < w->nroots; i++)
        if (cc_path_under(key, w->roots[i]))
            return true;
    return false;
}

/*
 * --prune: removes, in batches of `batch`, the documents whose files no longer exist
 * among those under the paths of the run (their keys: a document elsewhere in the archive
 * is left alone). Only when every path was walked completely: a folder that could not be
 * read (not mounted, mistyped, run from another folder) would otherwise read as "every
 * file in it is gone", and one error must not empty the archive: then cc_store_index
 * prunes nothing and says so (a fatal diagnostic: exit 2).
 */
static int prune_gone(cc_store *s, const cc_walk *w, size_t batch, cc_index_stats *st,
                      cc_diags *d)
{
    sqlite3_stmt *q = prepare(s->db, "SELECT id, file FROM documents ORDER BY path");
    if (!q)
        return db_error(d, s, "read");
    int64_t *gone = NULL;
    size_t n = 0, cap = 0;
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        const char *key = (const char *)sqlite3_column_text(q, 1);
        if (key && under_roots(w, key) && file_is_gone(key)) {
            CC_GROW(gone, cap, n + 1);
            gone[n++] = sqlite3_column_int64(q, 0);
        }
    }
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE) {
        free(gone);
        return db_error(d, s, "read");
    }
    sqlite3_stmt *del = prepare(s->db, "DELETE FROM documents WHERE id = ?1");
    int result = del ? 0 : db_error(d, s, "write");
    for (size_t i = 0; result == 0 && i < n; i += batch) {
        if (exec_sql(s->db, "BEGIN IMMEDIATE") != SQLITE_OK) {
            result = db_error(d, s, "write");
            break;
        }
        size_t end = i + batch < n ? i + batch : n;
        for (size_t k = i; k < end && result == 0; k++) {
            sqlite3_reset(del);
            sqlite3_bind_int64(del, 1, gone[k]);
            if (sqlite3_step(del) != SQLITE_DONE)
                result = -1;
        }
        if (result == 0 && exec_sql(s->db, "COMMIT") == SQLITE_OK) {
            st->pruned += end - i;
        } else {
            result = db_error(d, s, "write");
            exec_sql(s->db, "ROLLBACK");
        }
    }
    sqlite3_finalize(del);
    free(gone);
    return result;
}

static int record_rulebook(cc_store *s, const cc_rulebook *rb, cc_diags *d)
{
    char now[32];
    snprintf(now, sizeof now, "%lld", (long long)time(NULL));
    if (exec_sql(s->db, "BEGIN IMMEDIATE") != SQLITE_OK)
        return db_error(d, s, "write");
    if (set_meta(s, "rulebook_sha256", rb->sha256) < 0 ||
        set_meta(s, "rulebook_path", rb->path ? rb->path : "") < 0 ||
        set_meta(s, "indexed_at", now) < 0 || exec_sql(s->db, "COMMIT") != SQLITE_OK) {
        db_error(d, s, "write");
        exec_sql(s->db, "ROLLBACK");
        return -1;
    }
    return 0;
}

/* ---- stories ---------------------------------------------------------------------- */

/* Whether the stories table is out of step with the documents: a document without its
 * row, or a story or original that is no longer there (a run killed after it changed
 * documents and before it computed the stories), or stories without their story terms
 * (an archive upgraded from version 3). */
static int stories_stale(cc_store *s, bool *stale)
{
    int64_t n = 0;
    int rc = query_int(s->db, "SELECT EXISTS(SELECT 1 FROM documents d WHERE NOT EXISTS"
                              " (SELECT 1 FROM stories t WHERE t.document_id = d.id))"
                              " OR EXISTS(SELECT 1 FROM stories t WHERE NOT EXISTS"
                              " (SELECT 1 FROM documents d WHERE d.id = t.story_id))"
                              " OR EXISTS(SELECT 1 FROM stories t WHERE t.duplicate_of IS NOT NULL"
                              " AND NOT EXISTS (SELECT 1 FROM documents d"
                              " WHERE d.id = t.duplicate_of))"
                              " OR (EXISTS(SELECT 1 FROM documents) AND NOT EXISTS"
                              " (SELECT 1 FROM meta WHERE key = 'story_documents'))", &n);
    *stale = n != 0;
    return rc;
}

/* Every document's id, day and terms, in id order. */
typedef struct story_input {
    int64_t *ids;
    cc_story_doc *docs;
    size_t n, cap;
} story_input;

static void story_input_free(story_input *in)
{
    for (size_t i = 0; i < in->n; i++)
        free((void *)in->docs[i].terms);
    free(in->ids);
    free(in->docs);
}

/* Reads one row of (id, date, terms, ...) into `in`. */
static void story_input_add(story_input *in, sqlite3_stmt *st)
{
    if (in->n == in->cap) { /* the two arrays grow together */
        in->cap = in->cap ? 2 * in->cap : 256;
        in->ids = cc_xrealloc(in->ids, in->cap * sizeof *in->ids);
        in->docs = cc_xrealloc(in->docs, in->cap * sizeof *in->docs);
    }
    in->ids[in->n] = sqlite3_column_int64(st, 0);
    cc_story_doc *doc = &in->docs[in->n++];
    const char *date = (const char *)sqlite3_column_text(st, 1);
    doc->day = cc_story_day(date);
    const void *blob = sqlite3_column_blob(st, 2);
    doc->terms = terms_of_blob(blob, (size_t)sqlite3_column_bytes(st, 2), &doc->nterms);
}

/*
 * ---- story terms ----
 * So that `check --db` finds a draft's story without reading every document's terms, the
 * stories keep their postings: for every term key of the archive, its document frequency
 * and, while that is below CC_STORY_MAX_DF, the ids of the documents that hold it (a term
 * that common is never evidence: cc_story_match_df). Keys are grouped in rows by their
 * top bits (a few dozen keys a row: far fewer rows to write than keys); a row's blob is,
 * key after key in ascending order, varints of: the key minus the previous one (the
 * row's first minus the row's first possible key), df, then, when listed, the document
 * ids as differences from the previous one (the first from 0). meta's story_documents
 * is the number of documents with terms (the N of the weights).
 */
#define STORY_BUCKET_SHIFT 15 /* 31-bit keys: at most 65536 rows */

static void put_varint(cc_buf *b, uint64_t v)
{
    char out[10];
    size_t n = 0;
    do {
        out[n++] = (char)((v & 0x7F) | (v > 0x7F ? 0x80 : 0));
        v >>= 7;
    } while (v);
    cc_buf_add(b, out, n);
}

/* The varint at *p (before end), advancing *p; false when it runs past end. */
static bool get_varint(const unsigned char **p, const unsigned char *end, uint64_t *v)
{
    *v = 0;
    for (unsigned shift = 0; *p < end && shift < 64; shift += 7) {
        unsigned char c = *(*p)++;
        *v |= (uint64_t)(c & 0x7F) << shift;
        if (!(c & 0x80))
            return true;
    }
    return false;
}

/* The story_terms rows while cc_story_group_terms hands over the keys. */
typedef struct story_terms_out {
    const int64_t *ids;    /* document index -> archive id */
    int64_t *buckets;      /* the rows' buckets, ascending */
    cc_buf *blobs;         /* and their postings */
    size_t n, cap;
    uint32_t last_key;     /* of the current row (its first possible key before any) */
    size_t ndocs;          /* documents with terms */
} story_terms_out;

static void add_story_term(void *ctx, uint32_t key, const size_t *docs, size_t df)
{
    story_terms_out *o = ctx;
    int64_t bucket = (int64_t)(key >> STORY_BUCKET_SHIFT);
    if (!o->n || o->buckets[o->n - 1] != bucket) {
        assert(!o->n || o->buckets[o->n - 1] < bucket); /* keys come in ascending order */
        if (o->n == o->cap) {
            o->cap = o->cap ? 2 * o->cap : 1024;
            o->buckets = cc_xrealloc(o->buckets, o->cap * sizeof *o->buckets);
            o->blobs = cc_xrealloc(o->blobs, o->cap * sizeof *o->blobs);
        }
        o->buckets[o->n] = bucket;
        cc_buf_init(&o->blobs[o->n++], SIZE_MAX);
        o->last_key = (uint32_t)bucket << STORY_BUCKET_SHIFT;
    }
    cc_buf *b = &o->blobs[o->n - 1];
    put_varint(b, key - o->last_key);
    o->last_key = key;
    put_varint(b, df);
    int64_t prev = 0;
    for (size_t i = 0; docs && i < df; i++) {
        assert(o->ids[docs[i]] > prev);
        put_varint(b, (uint64_t)(o->ids[docs[i]] - prev));
        prev = o->ids[docs[i]];
    }
}

static void story_terms_free(story_terms_out *o)
{
    for (size_t i = 0; i < o->n; i++)
        cc_buf_free(&o->blobs[i]);
    free(o->blobs);
    free(o->buckets);
}

static int write_story_terms(cc_store *s, const story_terms_out *terms)
{
    if (exec_sql(s->db, "DELETE FROM story_terms") != SQLITE_OK)
        return -1;
    sqlite3_stmt *ins = prepare(s->db, "INSERT INTO story_terms(bucket, postings) VALUES(?1, ?2)");
    if (!ins)
        return -1;
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < terms->n; i++) {
        sqlite3_reset(ins);
        sqlite3_bind_int64(ins, 1, terms->buckets[i]);
        sqlite3_bind_blob64(ins, 2, terms->blobs[i].data, terms->blobs[i].len, SQLITE_STATIC);
        rc = sqlite3_step(ins) == SQLITE_DONE ? 0 : -1;
    }
    sqlite3_finalize(ins);
    char count[32];
    snprintf(count, sizeof count, "%zu", terms->ndocs);
    return rc == 0 ? set_meta(s, "story_documents", count) : -1;
}

static int write_stories(cc_store *s, const story_input *in, const cc_story_out *out,
                         const story_terms_out *terms)
{
    if (exec_sql(s->db, "DELETE FROM stories") != SQLITE_OK)
        return -1;
    sqlite3_stmt *ins = prepare(s->db, "INSERT INTO stories(document_id, story_id, duplicate_of,"
                                       " norm) VALUES(?1, ?2, ?3, ?4)");
    if (!ins)
        return -1;
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < in->n; i++) {
        sqlite3_reset(ins);
        sqlite3_bind_int64(ins, 1, in->ids[i]);
        sqlite3_bind_int64(ins, 2, in->ids[out[i].story]);
        if (out[i].duplicate_of != SIZE_MAX)
            sqlite3_bind_int64(ins, 3, in->ids[out[i].duplicate_of]);
        else
            sqlite3_bind_null(ins, 3);
        sqlite3_bind_double(ins, 4, out[i].norm);
        rc = sqlite3_step(ins) == SQLITE_DONE ? 0 : -1;
    }
    sqlite3_finalize(ins);
    return rc == 0 ? write_story_terms(s, terms) : -1;
}

/* The terms of every document, read in one read transaction; *version is the archive's
 * PRAGMA data_version when it was read. -1 on a database error. */
static int read_story_input(cc_store *s, story_input *in, int64_t *version)
{
    if (exec_sql(s->db, "BEGIN") != SQLITE_OK)
        return -1;
    sqlite3_stmt *q = prepare(s->db, "SELECT id, date, terms FROM documents ORDER BY id");
    int rc = q ? SQLITE_OK : SQLITE_ERROR;
    while (q && (rc = sqlite3_step(q)) == SQLITE_ROW)
        story_input_add(in, q);
    sqlite3_finalize(q);
    if (rc == SQLITE_DONE && query_int(s->db, "PRAGMA data_version", version) < 0)
        rc = SQLITE_ERROR;
    exec_sql(s->db, "COMMIT");
    return rc == SQLITE_DONE ? 0 : -1;
}

/*
 * Computes the stories of the whole archive again and replaces the stories table. The
 * terms are read in a read transaction and grouped outside any (a second long on 6000
 * documents: other writers are not kept waiting); the result is written only if no other
 * connection has committed since the terms were read. When one has (another `index`), the
 * result is dropped: that run computes the stories at its own end, and a run that does not
 * finds them stale (stories_stale) and computes them. Story ids are the archive's document
 * ids (a story's is the smallest of its documents').
 */
static int update_stories(cc_store *s, cc_index_stats *st, cc_diags *d)
{
    double start = now_seconds();
    story_input in = {0};
    int64_t read_version = 0, now_version = 0;
    if (read_story_input(s, &in, &read_version) < 0) {
        story_input_free(&in);
        return db_error(d, s, "read");
    }
    cc_story_out *out = cc_xcalloc(in.n ? in.n : 1, sizeof *out);
    story_terms_out terms = {.ids = in.ids};
    for (size_t i = 0; i < in.n; i++)
        terms.ndocs += in.docs[i].nterms > 0;
    cc_story_group_terms(in.docs, in.n, out, &st->stories, add_story_term, &terms);
    int result = 0;
    if (exec_sql(s->db, "BEGIN IMMEDIATE") != SQLITE_OK ||
        query_int(s->db, "PRAGMA data_version", &now_version) < 0) {
        result = -1;
    } else if (now_version == read_version) {
        result = write_stories(s, &in, out, &terms);
        if (result == 0 && exec_sql(s->db, "COMMIT") == SQLITE_OK)
            st->stories_updated = true;
        else
            result = -1;
    } else {
        exec_sql(s->db, "ROLLBACK"); /* changed meanwhile: see above */
    }
    if (result < 0) {
        db_error(d, s, "write");
        exec_sql(s->db, "ROLLBACK");
    }
    free(out);
    story_terms_free(&terms);
    story_input_free(&in);
    st->story_seconds = now_seconds() - start;
    return result;
}

int cc_store_index(cc_store *s, const cc_rulebook *rb, const cc_extract_opts *eo,
                   char *const *paths, size_t npaths, const cc_index_opts *o,
                   cc_index_stats *st, cc_diags *d)
{
    static const cc_index_opts defaults = {0};
    cc_index_stats unused;
    if (!o)
        o = &defaults;
    if (!st)
        st = &unused;
    double start = now_seconds();
    memset(st, 0, sizeof *st);
    cc_walk w;
    cc_walk_init(&w, o->include, d);
    for (size_t i = 0; i < npaths; i++)
        cc_walk_root(&w, paths[i]);
    cc_walk_dedupe(&w);
    st->failed = w.failed;
    indexer ix = {.s = s, .rb = rb, .st = st, .d = d,
                  .batch_max = o->batch ? o->batch : DEFAULT_BATCH};
    if (eo)
        ix.eo = *eo;
    /* Stories are found from every document's terms, for open claims only: with `open:
     * off` there are none, and nothing reads stories. */
    ix.eo.terms = !rb->open_off;
    int rc = 0;
    if (add_stale_documents(s, rb, &w) < 0) {
        cc_walk_free(&w);
        return db_error(d, s, "read");
    }
    if (writer_init(&ix.w, s, d) < 0) {
        cc_walk_free(&w);
        return -1;
    }
    st->files = w.nfiles;
    uint64_t total = cc_walk_total_bytes(&w);
    for (size_t i = 0; i < w.nfiles && rc == 0; i++) {
        rc = index_file(&ix, &w.files[i]);
        report_progress(o, st, i + 1, w.nfiles, total, start, false);
    }
    if (rc == 0)
        rc = flush_batch(&ix);
    free_batch(&ix);
    free(ix.batch);
    cc_extractor_free(ix.ex);
    cc_extractor_free(ix.ex_named);
    writer_free(&ix.w);
    if (rc == 0 && o->prune && w.incomplete) /* the run goes on: stories, rulebook */
        cc_error(d, CC_DIAG_IO, "", "nothing pruned: a path could not be walked completely "
                 "(above), and --prune removes documents only under paths that were");
    else if (rc == 0 && o->prune)
        rc = prune_gone(s, &w, ix.batch_max, st, d);
    if (rc == 0)
        rc = record_rulebook(s, rb, d);
    bool stale = st->indexed || st->pruned;
    if (rc == 0 && !rb->open_off && !stale && stories_stale(s, &stale) < 0)
        rc = db_error(d, s, "read");
    if (rc == 0 && !rb->open_off && stale)
        rc = update_stories(s, st, d);
    st->seconds = now_seconds() - start;
    report_progress(o, st, w.nfiles, w.nfiles, total, start, true);
    cc_walk_free(&w);
    return rc;
}

/* ---- loading ------------------------------------------------------------------------ */

/* Archived document id -> index in run->docs (or -1: left out), open addressing. */
typedef struct doc_map {
    int64_t *keys;         /* 0 = empty slot (rowids start at 1) */
    long *vals;
    size_t cap, n;         /* cap a power of two */
} doc_map;

static size_t map_slot(const doc_map *m, int64_t key)
{
    uint64_t h = (uint64_t)key * 0x9E3779B97F4A7C15ull;
    size_t i = (size_t)(h >> 17) & (m->cap - 1);
    while (m->keys[i] != 0 && m->keys[i] != key)
        i = (i + 1) & (m->cap - 1);
    return i;
}

static bool map_get(const doc_map *m, int64_t key, long *val)
{
    if (!m->cap)
        return false;
    size_t i = map_slot(m, key);
    if (m->keys[i] != key)
        return false;
    *val = m->vals[i];
    return true;
}

static void map_put(doc_map *m, int64_t key, long val)
{
    if ((m->n + 1) * 2 > m->cap) {
        doc_map bigger = {cc_xcalloc(m->cap ? m->cap * 2 : 64, sizeof(int64_t)),
                          cc_xcalloc(m->cap ? m->cap * 2 : 64, sizeof(long)),
                          m->cap ? m->cap * 2 : 64, 0};
        for (size_t i = 0; i < m->cap; i++)
            if (m->keys[i])
                map_put(&bigger, m->keys[i], m->vals[i]);
        free(m->keys);
        free(m->vals);
        *m = bigger;
    }
    size_t i = map_slot(m, key);
    if (m->keys[i] != key) {
        m->keys[i] = key;
        m->n++;
    }
    m->vals[i] = val;
}

static void map_free(doc_map *m)
{
    free(m->keys);
    free(m->vals);
}

/* What loading needs: statements, the id map, the paths to leave out. */
typedef struct loader {
    cc_store *s;
    cc_run *run;
    sqlite3_stmt *doc;      /* one document by id */
    doc_map ids;
    char **exclude;         /* sorted normalized paths of the run's own documents */
    size_t nexclude;
    char **real;            /* sorted keys (realpath) of those that exist */
    size_t nreal;
    size_t ndrafts;         /* the run's own documents: docs[0..ndrafts) */
} loader;

#define CLAIM_COLUMNS                                                                      \
    "document_id, field, subject, scope, type, lo, hi, currency, position, total,"         \
    " start_from, start_to, start_precision, end_from, end_to, end_precision, line,"       \
    " \"column\", byte_offset, byte_length, text, value_text, sentence, value_in_sentence," \
    " " OPEN_COLUMNS

#define DOC_COLUMNS "id, path, date, date_from, year, title, source, size, lines, skipped, file"

static const char *col_text(sqlite3_stmt *st, int i)
{
    const char *s = (const char *)sqlite3_column_text(st, i);
    return s ? s : "";
}

static char *col_dup_or_null(sqlite3_stmt *st, int i)
{
    const char *s = (const char *)sqlite3_column_text(st, i);
    return s ? cc_xstrdup(s) : NULL;
}

static cc_date_from parse_date_from(const char *s)
{
    static const cc_date_from all[] = {CC_DATE_FRONT_MATTER, CC_DATE_FLAG, CC_DATE_PATTERN,
                                       CC_DATE_INFERRED};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        if (strcmp(s, cc_date_from_name(all[i])) == 0)
            return all[i];
    return CC_DATE_NONE;
}

static cc_precision parse_precision(const char *s)
{
    if (strcmp(s, "month") == 0)
        return CC_PREC_MONTH;
    if (strcmp(s, "year") == 0)
        return CC_PREC_YEAR;
    return CC_PREC_DAY;
}

/* Adds the document of a row in DOC_COLUMNS order to the run; its index. */
static long add_document_row(loader *L, sqlite3_stmt *st)
{
    cc_run *run = L->run;
    long index = (long)run->ndocs;
    cc_document *doc = cc_run_add_document(run, col_text(st, 1));
    snprintf(doc->date, sizeof doc->date, "%s", col_text(st, 2));
    doc->date_from = parse_date_from(col_text(st, 3));
    doc->year = sqlite3_column_int(st, 4);
    doc->title = col_dup_or_null(st, 5);
    doc->source = col_dup_or_null(st, 6);
    doc->bytes = (uint64_t)sqlite3_column_int64(st, 7);
    doc->lines = (unsigned)sqlite3_column_int64(st, 8);
    doc->skipped = sqlite3_column_int(st, 9) != 0;
    doc->archived = true;
    map_put(&L->ids, sqlite3_column_int64(st, 0), index);
    return index;
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}

static int cmp_strp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool in_sorted(char *const *v, size_t n, const char *s)
{
    return n && bsearch(&s, v, n, sizeof *v, cmp_strp) != NULL;
}

/* True when the archived document of a row in DOC_COLUMNS order is one of the run's
 * documents: the same file (its key: "a.txt" and "/home/x/a.txt" are one), or the same
 * shown path once normalized (a draft read from stdin and named like it). */
static bool excluded_row(const loader *L, sqlite3_stmt *st)
{
    if (!L->nexclude)
        return false;
    if (in_sorted(L->real, L->nreal, col_text(st, 10)))
        return true;
    char *norm = cc_path_normalize(col_text(st, 1));
    bool hit = in_sorted(L->exclude, L->nexclude, norm);
    free(norm);
    return hit;
}

/* The run index of an archived document, adding it on first use; -1 when left out,
 * -2 on a database error. */
static long document_index(loader *L, int64_t id)
{
    long index;
    if (map_get(&L->ids, id, &index))
        return index;
    sqlite3_reset(L->doc);
    sqlite3_bind_int64(L->doc, 1, id);
    int rc = sqlite3_step(L->doc);
    if (rc != SQLITE_ROW) {
        sqlite3_reset(L->doc);
        return -2; /* a claim without its document cannot be: the cascade keeps them paired */
    }
    if (excluded_row(L, L->doc)) {
        map_put(&L->ids, id, -1);
        index = -1;
    } else {
        index = add_document_row(L, L->doc);
    }
    sqlite3_reset(L->doc);
    return index;
}

static void read_date(sqlite3_stmt *st, int i, cc_date *dt)
{
    dt->from = (int32_t)sqlite3_column_int64(st, i);
    dt->to = (int32_t)sqlite3_column_int64(st, i + 1);
    dt->precision = parse_precision(col_text(st, i + 2));
}

static double col_double(sqlite3_stmt *st, int i)
{
    return sqlite3_column_type(st, i) == SQLITE_NULL ? 0 : sqlite3_column_double(st, i);
}

/* Splits a column of words joined by OPEN_SEPARATOR into words[0..max) of `stride` bytes
 * (a word too long for one, which only a hand-edited archive holds, is cut on a character
 * boundary); returns how many. */
static unsigned split_words(const char *s, char *words, size_t stride, unsigned max)
{
    unsigned n = 0;
    while (s && *s && n < max) {
        const char *e = strchr(s, OPEN_SEPARATOR);
        size_t len = e ? (size_t)(e - s) : strlen(s);
        size_t keep = len < stride ? len : stride - 1;
        while (keep < len && keep > 0 && ((unsigned char)s[keep] & 0xC0) == 0x80)
            keep--;
        memcpy(words + (size_t)n * stride, s, keep);
        words[(size_t)n * stride + keep] = '\0';
        n++;
        if (!e)
            break;
        s = e + 1;
    }
    return n;
}

/* The open fact of a row in CLAIM_COLUMNS order (its columns from OPEN_COLUMN on); NULL
 * when its kind or dimension is not one this crosscheck knows. */
#define OPEN_COLUMN 24
static cc_open_fact *open_fact_of_row(sqlite3_stmt *st)
{
    int kind = cc_name_find(cc_figure_kind_names, col_text(st, OPEN_COLUMN));
    int dim = cc_name_find(cc_dim_names, col_text(st, OPEN_COLUMN + 1));
    if (kind < 0 || dim < 0)
        return NULL;
    cc_open_fact *f = cc_xcalloc(1, sizeof *f);
    f->kind = (cc_figure_kind)kind;
    f->dim = dim;
    snprintf(f->currency, sizeof f->currency, "%s", col_text(st, OPEN_COLUMN + 2));
    f->nbefore = split_words(col_text(st, OPEN_COLUMN + 3), f->before[0], sizeof f->before[0],
                             CC_OPEN_WORDS);
    f->nafter = split_words(col_text(st, OPEN_COLUMN + 4), f->after[0], sizeof f->after[0],
                            CC_OPEN_WORDS);
    f->nnames = split_words(col_text(st, OPEN_COLUMN + 5), f->names[0], sizeof f->names[0],
                            CC_OPEN_NAMES);
    f->cues = (unsigned)sqlite3_column_int64(st, OPEN_COLUMN + 6);
    f->value = (cc_range){col_double(st, OPEN_COLUMN + 7), col_double(st, OPEN_COLUMN + 8)};
    f->value2 = (cc_range){col_double(st, OPEN_COLUMN + 9), col_double(st, OPEN_COLUMN + 10)};
    f->second = col_double(st, OPEN_COLUMN + 11);
    f->has_time = sqlite3_column_type(st, OPEN_COLUMN + 12) != SQLITE_NULL;
    if (f->has_time)
        f->time = (cc_range){col_double(st, OPEN_COLUMN + 12), col_double(st, OPEN_COLUMN + 13)};
    int64_t yearless = sqlite3_column_int64(st, OPEN_COLUMN + 14);
    f->yearless = yearless & 1;
    f->yearless2 = yearless & 2;
    f->time_yearless = yearless & 4;
    return f;
}

/* Adds the claim of a row in CLAIM_COLUMNS order; false when it is skipped: a rulebook
 * claim whose field, subject or type the rulebook does not know, or an open claim when
 * the rulebook says `open: off` (or of a kind this crosscheck does not know). */
static bool add_claim_row(loader *L, sqlite3_stmt *st, long doc)
{
    const cc_rulebook *rb = L->run->rb;
    cc_open_fact *open = NULL;
    int field = -1, subject = -1;
    cc_type type;
    if (cc_type_parse(col_text(st, 4), &type) < 0)
        return false;
    if (sqlite3_column_type(st, OPEN_COLUMN) != SQLITE_NULL) {
        if (rb->open_off || !(open = open_fact_of_row(st)))
            return false;
    } else {
        field = cc_rulebook_field_index(rb, col_text(st, 1));
        const char *subject_id = col_text(st, 2);
        subject = subject_id[0] ? cc_rulebook_subject_index(rb, subject_id) : -1;
        if (field < 0 || (subject_id[0] && subject < 0))
            return false;
    }
    cc_claim *c = cc_run_add_claim(L->run);
    c->open = open;
    c->field = field;
    c->subject = subject;
    c->scope = sqlite3_column_int(st, 3);
    cc_value *v = &c->value;
    v->type = type;
    v->range.lo = col_double(st, 5);
    v->range.hi = col_double(st, 6);
    snprintf(v->currency, sizeof v->currency, "%s", col_text(st, 7));
    v->position = sqlite3_column_int64(st, 8);
    v->total = sqlite3_column_int64(st, 9);
    if (type == CC_TYPE_DATE || type == CC_TYPE_PERIOD)
        read_date(st, 10, &v->start);
    if (type == CC_TYPE_PERIOD)
        read_date(st, 13, &v->end);
    c->doc = (int)doc;
    c->line = (unsigned)sqlite3_column_int64(st, 16);
    c->column = (unsigned)sqlite3_column_int64(st, 17);
    c->byte_offset = (uint64_t)sqlite3_column_int64(st, 18);
    c->byte_length = (uint32_t)sqlite3_column_int64(st, 19);
    c->text = cc_xstrdup(col_text(st, 20));
    c->value_text = cc_xstrdup(col_text(st, 21));
    c->sentence = cc_xstrdup(col_text(st, 22));
    c->value_in_sentence = (size_t)sqlite3_column_int64(st, 23);
    L->run->docs[doc].nclaims++;
    return true;
}

/* Steps a claim query to its end, adding every claim; 0, or -1 on a database error. */
static int add_claim_rows(loader *L, sqlite3_stmt *st)
{
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        long doc = document_index(L, sqlite3_column_int64(st, 0));
        if (doc == -2)
            return -1;
        if (doc >= 0)
            add_claim_row(L, st, doc);
    }
    return rc == SQLITE_DONE ? 0 : -1;
}

static int loader_init(loader *L, cc_store *s, cc_run *run)
{
    memset(L, 0, sizeof *L);
    L->s = s;
    L->run = run;
    L->ndrafts = run->ndocs;
    L->doc = prepare(s->db, "SELECT " DOC_COLUMNS " FROM documents WHERE id = ?1");
    if (!L->doc)
        return -1;
    if (run->ndocs) {
        L->exclude = cc_xmalloc(run->ndocs * sizeof *L->exclude);
        for (size_t i = 0; i < run->ndocs; i++)
            L->exclude[i] = cc_path_normalize(run->docs[i].path);
        L->nexclude = run->ndocs;
        qsort(L->exclude, L->nexclude, sizeof *L->exclude, cmp_strp);
        L->real = cc_xmalloc(run->ndocs * sizeof *L->real);
        for (size_t i = 0; i < run->ndocs; i++)
            if ((L->real[L->nreal] = cc_path_key(run->docs[i].path)) != NULL)
                L->nreal++;
        if (L->nreal)
            qsort(L->real, L->nreal, sizeof *L->real, cmp_strp);
    }
    return 0;
}

static void loader_free(loader *L)
{
    sqlite3_finalize(L->doc);
    map_free(&L->ids);
    for (size_t i = 0; i < L->nexclude; i++)
        free(L->exclude[i]);
    free(L->exclude);
    for (size_t i = 0; i < L->nreal; i++)
        free(L->real[i]);
    free(L->real);
}

/* A note when the archive was last indexed with another rulebook than the run's. */
static void warn_other_rulebook(cc_store *s, const cc_run *run, cc_diags *d)
{
    sqlite3_stmt *st = prepare(s->db, "SELECT value FROM meta WHERE key = 'rulebook_sha256'");
    if (!st)
        return;
    if (sqlite3_step(st) == SQLITE_ROW) {
        const char *sha = col_text(st, 0);
        if (sha[0] && strcmp(sha, run->rb->sha256) != 0)
            cc_warn(d, CC_DIAG_DATABASE, s->path, "archive '%s' was indexed with another rulebook (sha256 %.12s...); "
                        "fields and subjects are matched by id", s->path, sha);
    }
    sqlite3_finalize(st);
}

/* A read transaction: every query of one load sees the same committed state, even
 * while `index` writes. */
static int begin_read(cc_store *s, cc_diags *d)
{
    return exec_sql(s->db, "BEGIN") == SQLITE_OK ? 0 : db_error(d, s, "read");
}

static int end_read(cc_store *s, int rc, cc_diags *d)
{
    exec_sql(s->db, "COMMIT");
    return rc < 0 ? db_error(d, s, "read") : 0;
}

/* The lookup of one key: the (field, subject, scope) index gives the rows in rowid
 * order, so ORDER BY id costs no sort. */
#define MATCHING_SQL                                                                       \
    "SELECT " CLAIM_COLUMNS " FROM claims WHERE field = ?1 AND subject = ?2 AND scope = ?3" \
    " ORDER BY id"

typedef struct claim_key {
    int field, subject, scope;
} claim_key;

static int cmp_key(const void *a, const void *b)
{
    const claim_key *x = a, *y = b;
    if (x->field != y->field)
        return x->field < y->field ? -1 : 1;
    if (x->subject != y->subject)
        return x->subject < y->subject ? -1 : 1;
    return x->scope < y->scope ? -1 : x->scope > y->scope;
}

/* The distinct (field, subject, scope) keys of the run's claims, sorted. */
static claim_key *distinct_keys(const cc_run *run, size_t *n)
{
    claim_key *keys = cc_xmalloc((run->nclaims ? run->nclaims : 1) * sizeof *keys);
    size_t k = 0;
    for (size_t i = 0; i < run->nclaims; i++) {
        const cc_claim *c = &run->claims[i];
        if (c->field < 0 || (size_t)c->field >= run->rb->nfields)
            continue;
        keys[k++] = (claim_key){c->field, c->subject, c->scope};
    }
    if (k)
        qsort(keys, k, sizeof *keys, cmp_key);
    size_t u = 0;
    for (size_t i = 0; i < k; i++)
        if (u == 0 || cmp_key(&keys[u - 1], &keys[i]) != 0)
            keys[u++] = keys[i];
    *n = u;
    return keys;
}

/* ---- stories when loading ------------------------------------------------------- */

/* The run index of an archived id already loaded, or -1. */
static long loaded_index(const loader *L, int64_t id)
{
    long index;
    return map_get(&L->ids, id, &index) ? index : -1;
}

/* For audit: each loaded document's story and original, from the stories table. */
static int load_stories(loader *L)
{
    sqlite3_stmt *q = prepare(L->s->db, "SELECT document_id, story_id, duplicate_of FROM stories");
    if (!q)
        return -1;
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        long doc = loaded_index(L, sqlite3_column_int64(q, 0));
        if (doc < 0)
            continue;
        L->run->docs[doc].story = sqlite3_column_int64(q, 1);
        if (sqlite3_column_type(q, 2) != SQLITE_NULL)
            L->run->docs[doc].duplicate_of = loaded_index(L, sqlite3_column_int64(q, 2));
    }
    sqlite3_finalize(q);
    L->run->stories = true;
    return rc == SQLITE_DONE ? 0 : -1;
}

/* Sorts the story ids of out[0..*n) and keeps each once. */
static void sort_distinct(int64_t *out, size_t *n)
{
    if (*n > 1)
        qsort(out, *n, sizeof *out, cmp_i64);
    size_t u = 0;
    for (size_t i = 0; i < *n; i++)
        if (u == 0 || out[u - 1] != out[i])
            out[u++] = out[i];
    *n = u;
}

/* Reads the rows of (id, date, terms, norm, story_id) of `q` into in, norms and story. */
static int add_story_rows(sqlite3_stmt *q, story_input *in, double **norms, int64_t **story,
                          size_t *cap)
{
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        story_input_add(in, q);
        if (in->n > *cap) {
            *cap = in->cap;
            *norms = cc_xrealloc(*norms, *cap * sizeof **norms);
            *story = cc_xrealloc(*story, *cap * sizeof **story);
        }
        (*norms)[in->n - 1] = sqlite3_column_double(q, 3);
        (*story)[in->n - 1] = sqlite3_column_int64(q, 4);
    }
    return rc == SQLITE_DONE ? 0 : -1;
}

#define STORY_ROW_SQL "SELECT d.id, d.date, d.terms, t.norm, t.story_id" \
                      " FROM documents d JOIN stories t ON t.document_id = d.id"

/* The stories of the documents a draft links with (cc_story_match over `in`), added to
 * *out. */
static void add_linked_stories(const cc_document *draft, const story_input *in,
                               const double *norms, const int64_t *story, const size_t *df,
                               size_t ndocs, int64_t **out, size_t *nout, size_t *cap)
{
    cc_story_doc dd = {draft->terms, draft->nterms, cc_story_day(draft->date)};
    size_t match[CC_STORY_NEIGHBOURS + 1];
    size_t m = df ? cc_story_match_df(in->docs, norms, in->n, ndocs, df, &dd, match)
                  : cc_story_match(in->docs, norms, in->n, &dd, match);
    for (size_t k = 0; k < m; k++) {
        CC_GROW(*out, *cap, *nout + 1);
        (*out)[(*nout)++] = story[match[k]];
    }
}

/* Without story terms (an archive of version 3 not indexed since): every document's
 * terms are read and each draft compared with all of them. */
static int drafts_story_ids_scan(loader *L, int64_t **out, size_t *nout)
{
    sqlite3_stmt *q = prepare(L->s->db, STORY_ROW_SQL " ORDER BY d.id");
    if (!q)
        return -1;
    story_input in = {0};
    double *norms = NULL;
    int64_t *story = NULL;
    size_t cap = 0, cap_out = 0;
    int rc = add_story_rows(q, &in, &norms, &story, &cap);
    sqlite3_finalize(q);
    for (size_t i = 0; rc == 0 && i < L->ndrafts; i++)
        add_linked_stories(&L->run->docs[i], &in, norms, story, NULL, 0, out, nout, &cap_out);
    free(norms);
    free(story);
    story_input_free(&in);
    return rc;
}

/* meta's story_documents in *n: 1 when the archive has story terms, 0 when it has not,
 * -1 on a database error. */
static int story_documents(cc_store *s, size_t *n)
{
    sqlite3_stmt *q = prepare(s->db, "SELECT value FROM meta WHERE key = 'story_documents'");
    if (!q)
        return -1;
    int rc = sqlite3_step(q);
    *n = rc == SQLITE_ROW ? (size_t)sqlite3_column_int64(q, 0) : 0;
    sqlite3_finalize(q);
    return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

/* The postings of the draft's terms of one story_terms row (blob [p, end), bucket b),
 * from draft term *i on: each term's document frequency in df[], and the documents of
 * the terms rare enough to count appended to *cands. Advances *i past the bucket. */
static void read_bucket(const unsigned char *p, const unsigned char *end, int64_t b,
                        const cc_document *draft, size_t *i, size_t *df, int64_t **cands,
                        size_t *ncands, size_t *cap)
{
    uint64_t key = (uint64_t)b << STORY_BUCKET_SHIFT, delta, n, id;
    while (*i < draft->nterms && CC_STORY_TERM_KEY(draft->terms[*i]) >> STORY_BUCKET_SHIFT ==
                                     (uint64_t)b) {
        if (p >= end || !get_varint(&p, end, &delta) || !get_varint(&p, end, &n)) {
            (*i)++; /* past the row's last key (or a damaged row): not in the archive */
            continue;
        }
        key += delta;
        while (*i < draft->nterms && CC_STORY_TERM_KEY(draft->terms[*i]) < key)
            (*i)++; /* a key of the draft's only (df 0) */
        bool wanted = *i < draft->nterms && CC_STORY_TERM_KEY(draft->terms[*i]) == key;
        if (wanted)
            df[*i] = (size_t)n;
        int64_t prev = 0;
        for (uint64_t k = 0; n < CC_STORY_MAX_DF && k < n && get_varint(&p, end, &id); k++) {
            prev += (int64_t)id;
            if (wanted) {
                CC_GROW(*cands, *cap, *ncands + 1);
                (*cands)[(*ncands)++] = prev;
            }
        }
        *i += wanted;
    }
}

/* Sorts the ids of v[0..*n), one per rare term shared, and keeps once each that shares
 * at least CC_STORY_MIN_SHARED: no other can be linked (cc_story_match_df), so their
 * terms need not be read. */
static void keep_sharing_enough(int64_t *v, size_t *n)
{
    if (*n > 1)
        qsort(v, *n, sizeof *v, cmp_i64);
    size_t u = 0;
    for (size_t i = 0; i < *n;) {
        size_t j = i + 1;
        while (j < *n && v[j] == v[i])
            j++;
        if (j - i >= CC_STORY_MIN_SHARED)
            v[u++] = v[i];
        i = j;
    }
    *n = u;
}

/* A draft's terms' document frequencies (df[], zeroed by the caller) and the documents
 * that share at least CC_STORY_MIN_SHARED terms with it rare enough to count (sorted,
 * distinct), from story_terms. */
static int draft_postings(loader *L, const cc_document *draft, size_t *df, int64_t **cands,
                          size_t *ncands)
{
    sqlite3_stmt *q = prepare(L->s->db, "SELECT postings FROM story_terms WHERE bucket = ?1");
    if (!q)
        return -1;
    size_t cap = 0, i = 0;
    int rc = SQLITE_DONE;
    while (rc == SQLITE_DONE && i < draft->nterms) {
        int64_t b = (int64_t)(CC_STORY_TERM_KEY(draft->terms[i]) >> STORY_BUCKET_SHIFT);
        sqlite3_reset(q);
        sqlite3_bind_int64(q, 1, b);
        rc = sqlite3_step(q);
        const unsigned char *p = rc == SQLITE_ROW ? sqlite3_column_blob(q, 0) : NULL;
        size_t bytes = p ? (size_t)sqlite3_column_bytes(q, 0) : 0;
        if (rc == SQLITE_ROW || rc == SQLITE_DONE) {
            size_t before = i;
            read_bucket(p, p ? p + bytes : NULL, b, draft, &i, df, cands, ncands, &cap);
            assert(i > before);
            rc = SQLITE_DONE;
        }
    }
    sqlite3_finalize(q);
    keep_sharing_enough(*cands, ncands);
    return rc == SQLITE_DONE ? 0 : -1;
}

/* With story terms: each draft is compared with the documents that share a rare term
 * with it only, read by id; the same links as drafts_story_ids_scan (cc_story_match_df). */
static int drafts_story_ids_indexed(loader *L, size_t ndocs, int64_t **out, size_t *nout)
{
    sqlite3_stmt *q = prepare(L->s->db, STORY_ROW_SQL " WHERE d.id = ?1");
    if (!q)
        return -1;
    int rc = 0;
    size_t cap_out = 0;
    for (size_t i = 0; rc == 0 && i < L->ndrafts; i++) {
        const cc_document *draft = &L->run->docs[i];
        size_t *df = cc_xcalloc(draft->nterms ? draft->nterms : 1, sizeof *df);
        int64_t *cands = NULL;
        size_t ncands = 0, cap = 0;
        story_input in = {0};
        double *norms = NULL;
        int64_t *story = NULL;
        rc = draft_postings(L, draft, df, &cands, &ncands);
        for (size_t k = 0; rc == 0 && k < ncands; k++) { /* in id order, as the scan */
            sqlite3_reset(q);
            sqlite3_bind_int64(q, 1, cands[k]);
            rc = add_story_rows(q, &in, &norms, &story, &cap);
        }
        if (rc == 0)
            add_linked_stories(draft, &in, norms, story, df, ndocs, out, nout, &cap_out);
        free(df);
        free(cands);
        free(norms);
        free(story);
        story_input_free(&in);
    }
    sqlite3_finalize(q);
    return rc;
}

/* The stories the drafts belong to: the stored story of every archived document a
 * draft links with (cc_story_match); sorted, distinct, in *out. */
static int drafts_story_ids(loader *L, int64_t **out, size_t *nout)
{
    *out = NULL;
    *nout = 0;
    size_t ndocs;
    int has = story_documents(L->s, &ndocs);
    int rc = has < 0 ? -1 : has ? drafts_story_ids_indexed(L, ndocs, out, nout)
                                : drafts_story_ids_scan(L, out, nout);
    sort_distinct(*out, nout);
    return rc;
}

/* An archived document of the drafts' story, and the document it reprints (ids). */
typedef struct story_member {
    int64_t id, duplicate_of;   /* duplicate_of 0: none */
} story_member;

/* The documents of the given stories, by id. */
static int story_members(loader *L, const int64_t *stories, size_t n, story_member **out,
                         size_t *nout)
{
    *out = NULL;
    *nout = 0;
    sqlite3_stmt *q = prepare(L->s->db, "SELECT document_id, duplicate_of FROM stories"
                                        " WHERE story_id = ?1 ORDER BY document_id");
    if (!q)
        return -1;
    size_t cap = 0;
    int rc = SQLITE_DONE;
    for (size_t i = 0; rc == SQLITE_DONE && i < n; i++) {
        sqlite3_reset(q);
        sqlite3_bind_int64(q, 1, stories[i]);
        while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
            CC_GROW(*out, cap, *nout + 1);
            (*out)[(*nout)++] = (story_member){sqlite3_column_int64(q, 0),
                                               sqlite3_column_int64(q, 1)};
        }
    }
    sqlite3_finalize(q);
    return rc == SQLITE_DONE ? 0 : -1;
}

/*
 * check --db in open mode: the drafts and the archived documents of their stories become
 * one story of the run, with those documents' open claims (their rulebook claims come by
 * key, as for any archived document). A draft the archive already holds finds its own
 * story through its archived copy, which is left out.
 */
static int load_drafts_story(loader *L)
{
    int64_t *stories;
    size_t nstories, nmembers = 0;
    story_member *members = NULL;
    int rc = drafts_story_ids(L, &stories, &nstories);
    if (rc == 0)
        rc = story_members(L, stories, nstories, &members, &nmembers);
    sqlite3_stmt *q = rc == 0 ? prepare(L->s->db, "SELECT " CLAIM_COLUMNS " FROM claims"
                                                  " WHERE document_id = ?1 AND open_kind"
                                                  " IS NOT NULL ORDER BY id")
                              : NULL;
    if (!q)
        rc = -1;
    cc_run *run = L->run;
    for (size_t i = 0; rc == 0 && i < nmembers; i++) {
        long doc = document_index(L, members[i].id);
        if (doc == -2)
            rc = -1;
        if (doc < 0)
            continue;
        run->docs[doc].story = 0;
        sqlite3_reset(q);
        sqlite3_bind_int64(q, 1, members[i].id);
        rc = add_claim_rows(L, q);
    }
    sqlite3_finalize(q);
    for (size_t i = 0; rc == 0 && i < nmembers; i++) { /* every member is loaded now */
        long doc = loaded_index(L, members[i].id);
        if (doc >= 0 && members[i].duplicate_of)
            run->docs[doc].duplicate_of = loaded_index(L, members[i].duplicate_of);
    }
    for (size_t i = 0; i < L->ndrafts; i++) {
        run->docs[i].story = 0;
        run->docs[i].draft = true; /* the documents read now are the drafts */
    }
    run->stories = true;
    run->drafts_only = true;
    free(stories);
    free(members);
    return rc;
}

int cc_store_load_matching(cc_store *s, cc_run *run, cc_diags *d)
{
    size_t nkeys;
    claim_key *keys = distinct_keys(run, &nkeys);
    loader L;
    if (begin_read(s, d) < 0) {
        free(keys);
        return -1;
    }
    int rc = loader_init(&L, s, run);
    sqlite3_stmt *q = rc == 0 ? prepare(s->db, MATCHING_SQL) : NULL;
    if (!q)
        rc = -1;
    const cc_rulebook *rb = run->rb;
    for (size_t i = 0; rc == 0 && i < nkeys; i++) {
        sqlite3_reset(q);
        sqlite3_bind_text(q, 1, rb->fields[keys[i].field].id, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 2, keys[i].subject >= 0 ? rb->subjects[keys[i].subject].id : "",
                          -1, SQLITE_STATIC);
        sqlite3_bind_int64(q, 3, keys[i].scope);
        rc = add_claim_rows(&L, q);
    }
    sqlite3_finalize(q);
    if (rc == 0 && !rb->open_off)
        rc = load_drafts_story(&L);
    if (rc == 0)
        warn_other_rulebook(s, run, d);
    rc = end_read(s, rc, d);
    loader_free(&L);
    free(keys);
    return rc;
}

int cc_store_load_all(cc_store *s, cc_run *run, cc_diags *d)
{
    if (begin_read(s, d) < 0)
        return -1;
    loader L;
    int rc = loader_init(&L, s, run);
    sqlite3_stmt *docs = rc == 0 ? prepare(s->db, "SELECT " DOC_COLUMNS " FROM documents"
                                                  " ORDER BY path")
                                 : NULL;
    sqlite3_stmt *claims = docs ? prepare(s->db, "SELECT " CLAIM_COLUMNS " FROM claims"
                                                 " ORDER BY id")
                                : NULL;
    if (!claims)
        rc = -1;
    int step = SQLITE_DONE;
    while (rc == 0 && (step = sqlite3_step(docs)) == SQLITE_ROW) {
        if (excluded_row(&L, docs))
            map_put(&L.ids, sqlite3_column_int64(docs, 0), -1);
        else
            add_document_row(&L, docs);
    }
    if (rc == 0 && step != SQLITE_DONE)
        rc = -1;
    if (rc == 0)
        rc = add_claim_rows(&L, claims);
    if (rc == 0 && !run->rb->open_off)
        rc = load_stories(&L);
    sqlite3_finalize(docs);
    sqlite3_finalize(claims);
    if (rc == 0)
        warn_other_rulebook(s, run, d);
    rc = end_read(s, rc, d);
    loader_free(&L);
    return rc;
}

int cc_store_counts(cc_store *s, size_t *documents, size_t *claims)
{
    int64_t ndocs = 0, nclaims = 0;
    if (query_int(s->db, "SELECT count(*) FROM documents", &ndocs) < 0 ||
        query_int(s->db, "SELECT count(*) FROM claims", &nclaims) < 0)
        return -1;
    *documents = (size_t)ndocs;
    *claims = (size_t)nclaims;
    return 0;
}

int cc_store_query_plan(cc_store *s, cc_buf *out)
{
    sqlite3_stmt *st = prepare(s->db, "EXPLAIN QUERY PLAN " MATCHING_SQL);
    if (!st)
        return -1;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        cc_buf_addf(out, "%s\n", col_text(st, 3));
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : -1;
}
