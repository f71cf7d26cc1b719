/*
 * main.c — the crosscheck command line: options, calls, exit codes.
 *
 * Each subcommand has one declarative option table; the same table parses the
 * arguments and prints --help. Only this file prints diagnostics and exits.
 */
#include <stdarg.h>
#include <stddef.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "checker.h"
#include "draft.h"
#include "examples.h"
#include "extract.h"
#include "pattern.h"
#include "baseline.h"
#include "formats.h"
#include "outfile.h"
#include "rulebook.h"
#include "store.h"
#include "text.h"
#include "value.h"

/* What the command line asked for. Options write here (their table rows say where), the
 * rest of argv goes to files. */
typedef struct cli {
    struct {                    /* the rulebook and the articles */
        const char *rules;
        const char *date;
        const char *locale;
        const char *name;       /* label for stdin */
        const char *encoding;
        const char *draft;      /* check --draft */
    };
    struct {                    /* the report */
        const char *format;
        const char *fail_on;
        const char *output;
        const char *color;
    };
    struct {                    /* the archive: index, audit, ack */
        const char *db;
        const char *include;
        bool prune;
        bool quiet;
        const char *baseline;
        const char *write_baseline;
        const char *ignore_file;
        const char *reason;
        const char *who;
    };
    bool explain;               /* rules test: say which step failed */
    bool help;
    char **files;
    int nfiles;
} cli;

typedef struct option {
    const char *name;   /* long name without "--" */
    char short_name;    /* 0 when none */
    const char *arg;    /* metavariable, NULL for a flag */
    const char *help;
    size_t dest;        /* offset in cli: a const char * that takes the value, or for a
                           flag a bool set to true */
} option;

typedef struct command {
    const char *name;
    const char *usage;
    const char *summary;
    const option *opts;
    size_t nopts;
    int (*run)(cli *c);
} command;

/* One row of an option table; the option stores into cli field `field`. */
#define OPTION(name, short_name, arg, field, help) \
    {name, short_name, arg, help, offsetof(cli, field)}

/* Options several commands share: macros, since C11 takes no const object as an
 * initializer (gcc accepts one as an extension, clang does not). */
#define OPT_RULES_DEF OPTION("rules", 0, "FILE", rules, \
    "rulebook to use (default: .crosscheck.yaml in this folder or above, then the installed one, then the built-in open mode)")
#define OPT_DATE_DEF OPTION("date", 0, "YYYY-MM-DD", date, \
    "date of documents that have no front-matter date")
#define OPT_LOCALE_DEF OPTION("locale", 0, "vi|en", locale, \
    "number separators: vi (1.039 and 0,66) or en (1,039 and 0.66); default: the rulebook's")
#define OPT_NAME_DEF OPTION("name", 0, "LABEL", name, "label for '-' (stdin) in reports")
#define OPT_OUTPUT_DEF OPTION("output", 'o', "FILE", output, \
    "write the report to FILE (atomically) instead of stdout")
#define OPT_HELP_DEF OPTION("help", 'h', NULL, help, "show this help")
#define OPT_ENCODING_DEF OPTION("encoding", 0, "auto|windows-1258", encoding, \
    "how files are decoded (default auto: UTF-8, or UTF-16 after a byte order mark)")

#define OPT_FORMAT_DEF OPTION("format", 'f', "text|json|sarif|github|html", format, \
    "report format (default text)")
#define OPT_FAIL_ON_DEF OPTION("fail-on", 0, "error|warning|info|never", fail_on, \
    "exit 1 when a finding is at or above this severity (default error)")
#define OPT_COLOR_DEF OPTION("color", 0, "auto|always|never", color, \
    "colour in text reports (default auto: on a terminal)")
#define OPT_DB_DEF OPTION("db", 0, "FILE", db, "the archive (SQLite), see docs/archive.md")

static const option check_opts[] = {
    OPT_RULES_DEF, OPT_FORMAT_DEF, OPT_FAIL_ON_DEF, OPT_DATE_DEF, OPT_LOCALE_DEF, OPT_NAME_DEF,
    OPT_ENCODING_DEF, OPT_OUTPUT_DEF, OPT_COLOR_DEF,
    OPTION("db", 0, "FILE", db,
           "also check against the claims of this archive (crosscheck index); FILES are drafts"),
    OPTION("draft", 0, "FILE", draft,
           "a draft to check against FILES: a disagreement with no majority is reported on it"),
    OPT_HELP_DEF,
};

static const option index_opts[] = {
    OPT_DB_DEF, OPT_RULES_DEF,
    OPTION("include", 0, "GLOBS", include,
           "comma-separated file-name globs for folders (default *.txt,*.md)"),
    OPTION("prune", 0, NULL, prune, "remove archived documents whose files are gone"),
    OPTION("quiet", 'q', NULL, quiet, "no progress line on stderr"),
    OPT_DATE_DEF, OPT_LOCALE_DEF, OPT_HELP_DEF,
};

static const option audit_opts[] = {
    OPT_DB_DEF, OPT_RULES_DEF, OPT_FORMAT_DEF, OPT_FAIL_ON_DEF, OPT_OUTPUT_DEF, OPT_COLOR_DEF,
    OPTION("baseline", 0, "FILE", baseline, "report only findings that are not in this baseline"),
    OPTION("write-baseline", 0, "FILE", write_baseline,
           "write the findings of this audit as a baseline"),
    OPTION("ignore-file", 0, "FILE", ignore_file,
           "acknowledged findings to leave out (default .crosscheck-ignore.yaml when present)"),
    OPT_HELP_DEF,
};

static const option ack_opts[] = {
    OPTION("reason", 0, "TEXT", reason, "why the finding is acceptable (required)"),
    OPTION("who", 0, "NAME", who, "who judged it (default $USER)"),
    OPTION("ignore-file", 0, "FILE", ignore_file,
           "the ignore file (default .crosscheck-ignore.yaml)"),
    OPT_HELP_DEF,
};

static const option extract_opts[] = {
    OPT_RULES_DEF,
    OPTION("format", 'f', "text|json", format,
           "text: a table; json: one claim per line (JSON Lines)"),
    OPT_DATE_DEF, OPT_LOCALE_DEF, OPT_NAME_DEF, OPT_ENCODING_DEF, OPT_OUTPUT_DEF, OPT_HELP_DEF,
};

static const option rules_opts[] = {OPT_HELP_DEF};

static const option rules_test_opts[] = {
    OPTION("explain", 0, NULL, explain,
           "after each failing example, say which step failed (pattern, value, subject, scope)"),
    OPT_HELP_DEF,
};

static const option rules_init_opts[] = {
    OPTION("output", 'o', "FILE", output,
           "write the draft rulebook to FILE (atomically) instead of stdout"),
    OPT_DATE_DEF, OPT_LOCALE_DEF, OPT_ENCODING_DEF, OPT_HELP_DEF,
};

static int run_check(cli *c);
static int run_extract(cli *c);
static int run_rules_lint(cli *c);
static int run_rules_test(cli *c);
static int run_rules_init(cli *c);
static int run_index(cli *c);
static int run_audit(cli *c);
static int run_ack(cli *c);

#define NOPTS(a) (sizeof(a) / sizeof((a)[0]))
static const command commands[] = {
    {"check", "crosscheck check [options] FILES...",
     "extract the claims of FILES and report where the sources disagree", check_opts,
     NOPTS(check_opts), run_check},
    {"extract", "crosscheck extract [options] FILES...",
     "print the claims crosscheck finds in FILES", extract_opts, NOPTS(extract_opts), run_extract},
    {"rules lint", "crosscheck rules lint FILE",
     "load a rulebook and compile its patterns; report every error", rules_opts, NOPTS(rules_opts),
     run_rules_lint},
    {"rules test", "crosscheck rules test [--explain] FILE",
     "run the examples of every field of a rulebook; exit 1 when one fails", rules_test_opts,
     NOPTS(rules_test_opts), run_rules_test},
    {"rules init", "crosscheck rules init [options] FILES...",
     "write a draft rulebook from the figures open mode aligns across FILES (one story)",
     rules_init_opts, NOPTS(rules_init_opts), run_rules_init},
    {"index", "crosscheck index --db FILE [options] PATHS...",
     "store the claims of articles (files and folders) in an archive, skipping unchanged ones",
     index_opts, NOPTS(index_opts), run_index},
    {"audit", "crosscheck audit --db FILE [options]",
     "check every group of claims in an archive; with a baseline, report only what is new",
     audit_opts, NOPTS(audit_opts), run_audit},
    {"ack", "crosscheck ack FINGERPRINT --reason TEXT [options]",
     "record that a finding has been judged acceptable, in .crosscheck-ignore.yaml", ack_opts,
     NOPTS(ack_opts), run_ack},
};

/* The command named `name` ("check", "rules lint"); it exists. */
static const command *command_named(const char *name)
{
    for (size_t i = 0; i < NOPTS(commands); i++)
        if (strcmp(commands[i].name, name) == 0)
            return &commands[i];
    return &commands[0];
}

/* ---- usage and help ------------------------------------------------------ */

static void print_help(const command *cmd)
{
    printf("usage: %s\n\n%s\n\noptions:\n", cmd->usage, cmd->summary);
    for (size_t i = 0; i < cmd->nopts; i++) {
        const option *o = &cmd->opts[i];
        char left[64];
        if (o->short_name)
            snprintf(left, sizeof left, "-%c, --%s%s%s", o->short_name, o->name, o->arg ? " " : "",
                     o->arg ? o->arg : "");
        else
            snprintf(left, sizeof left, "    --%s%s%s", o->name, o->arg ? " " : "",
                     o->arg ? o->arg : "");
        printf("  %-36s %s\n", left, o->help);
    }
    printf("\nexit codes: 0 nothing at or above --fail-on, 1 findings at or above it,\n"
           "            2 the run could not do what was asked (usage, unreadable file, rulebook)\n");
}

static void print_main_help(void)
{
    printf("usage: crosscheck COMMAND [options] ...\n\n"
           "crosscheck reads several articles about the same event, turns every figure it\n"
           "recognises into a typed claim and reports where the sources disagree.\n\ncommands:\n");
    for (size_t i = 0; i < NOPTS(commands); i++)
        printf("  %-12s %s\n", commands[i].name, commands[i].summary);
    printf("\n'crosscheck COMMAND --help' describes a command; 'crosscheck --version' the version.\n"
           "See crosscheck(1) and docs/ for the rulebook and the report formats.\n");
}

static int usage_error(const command *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int usage_error(const command *cmd, const char *fmt, ...)
{
    cc_buf msg = CC_BUF_INIT, line = CC_BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    cc_buf_vaddf(&msg, fmt, ap);
    va_end(ap);
    cc_buf_adds(&line, "crosscheck: ");
    cc_escape_shown(&line, msg.data, msg.len); /* it quotes the user's arguments */
    if (cmd)
        cc_buf_addf(&line, "\nusage: %s\nTry 'crosscheck %s --help'.\n", cmd->usage, cmd->name);
    else
        cc_buf_adds(&line, "\nusage: crosscheck COMMAND [options] ...\nTry 'crosscheck --help'.\n");
    fwrite(line.data, 1, line.len, stderr);
    cc_buf_free(&msg);
    cc_buf_free(&line);
    return 2;
}

/* ---- option parsing ------------------------------------------------------ */

/* Stores an option where its table row says: the value, or true for a flag. */
static void set_option(cli *c, const option *o, const char *val)
{
    void *field = (char *)c + o->dest;
    if (o->arg)
        *(const char **)field = val;
    else
        *(bool *)field = true;
}

static const option *find_long(const command *cmd, const char *name, size_t n)
{
    for (size_t i = 0; i < cmd->nopts; i++)
        if (strlen(cmd->opts[i].name) == n && strncmp(cmd->opts[i].name, name, n) == 0)
            return &cmd->opts[i];
    return NULL;
}

static const option *find_short(const command *cmd, char s)
{
    for (size_t i = 0; i < cmd->nopts; i++)
        if (cmd->opts[i].short_name == s)
            return &cmd->opts[i];
    return NULL;
}

/* Parses argv[0..argc) into c; 0, or 2 after a usage message. */
static int parse_args(const command *cmd, int argc, char **argv, cli *c)
{
    c->files = cc_xcalloc((size_t)argc + 1, sizeof *c->files);
    bool only_files = false;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        const option *o = NULL;
        const char *val = NULL;
        if (only_files || a[0] != '-' || strcmp(a, "-") == 0) {
            c->files[c->nfiles++] = argv[i];
            continue;
        }
        if (strcmp(a, "--") == 0) {
            only_files = true;
            continue;
        }
        if (a[1] == '-') {
            const char *eq = strchr(a + 2, '=');
            size_t n = eq ? (size_t)(eq - a - 2) : strlen(a + 2);
            o = find_long(cmd, a + 2, n);
            if (eq)
                val = eq + 1;
        } else if (a[2] == '\0') {
            o = find_short(cmd, a[1]);
        }
        if (!o)
            return usage_error(cmd, "unknown option '%s'", a);
        if (o->arg && !val) {
            if (i + 1 >= argc)
                return usage_error(cmd, "option '%s' needs a value", a);
            val = argv[++i];
        } else if (!o->arg && val) {
            return usage_error(cmd, "option '%s' takes no value", a);
        }
        set_option(c, o, val);
    }
    return 0;
}

static int one_of(const command *cmd, const char *opt, const char *val, const char *const *allowed)
{
    for (size_t i = 0; allowed[i]; i++)
        if (strcmp(val, allowed[i]) == 0)
            return 0;
    return usage_error(cmd, "invalid value '%s' for --%s", val, opt);
}

/* --date: YYYY-MM-DD and a real calendar date. */
static bool valid_date_flag(const char *s)
{
    uint64_t y, m, d;
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return false;
    if (cc_parse_uint(s, 4, 9999, &y) || cc_parse_uint(s + 5, 2, 12, &m) ||
        cc_parse_uint(s + 8, 2, 31, &d))
        return false;
    return cc_valid_ymd((int)y, (int)m, (int)d);
}

/* Checks what the table cannot: enumerations, dates, stdin twice. */
static int validate(const command *cmd, cli *c, bool need_files)
{
    static const char *const fail_on[] = {"error", "warning", "info", "never", NULL};
    static const char *const colors[] = {"auto", "always", "never", NULL};
    static const char *const locales[] = {"vi", "en", NULL};
    static const char *const encodings[] = {"auto", "utf-8", "windows-1258", "cp1258", NULL};
    if (c->encoding && one_of(cmd, "encoding", c->encoding, encodings))
        return 2;
    if (c->format && !cc_report_format_find(c->format))
        return usage_error(cmd, "invalid value '%s' for --format", c->format);
    if (c->fail_on && one_of(cmd, "fail-on", c->fail_on, fail_on))
        return 2;
    if (c->color && one_of(cmd, "color", c->color, colors))
        return 2;
    if (c->locale && one_of(cmd, "locale", c->locale, locales))
        return 2;
    if (c->date && !valid_date_flag(c->date))
        return usage_error(cmd, "invalid --date '%s': expected a real date as YYYY-MM-DD", c->date);
    int stdin_count = c->draft && strcmp(c->draft, "-") == 0;
    for (int i = 0; i < c->nfiles; i++)
        stdin_count += strcmp(c->files[i], "-") == 0;
    if (stdin_count > 1)
        return usage_error(cmd, "'%s' (standard input) given more than once", "-");
    if (need_files && c->nfiles == 0)
        return usage_error(cmd, "no input files");
    return 0;
}

/* ---- diagnostics ---------------------------------------------------------- */

/* Appends s as stderr shows input (text.h): escapes for control and bidi characters and
 * invalid bytes, and no "::" that could start a GitHub workflow command. */
static void add_shown(cc_buf *b, const char *s)
{
    cc_escape_shown(b, s, strlen(s));
}

/* One diagnostic, one line: PATH:LINE:COL: SEVERITY: MESSAGE, or "crosscheck: MESSAGE". */
static void print_diag(const cc_diag *d)
{
    cc_buf line = CC_BUF_INIT;
    if (d->kind == CC_DIAG_IO || !d->path[0]) {
        cc_buf_adds(&line, "crosscheck: ");
    } else {
        add_shown(&line, d->path);
        if (d->line)
            cc_buf_addf(&line, ":%u", d->line);
        if (d->line && d->column)
            cc_buf_addf(&line, ":%u", d->column);
        cc_buf_addf(&line, ": %s: ", cc_severity_name(d->severity));
    }
    add_shown(&line, d->message);
    cc_buf_addc(&line, '\n');
    fwrite(line.data, 1, line.len, stderr);
    cc_buf_free(&line);
}

static void print_diags(const cc_diags *d)
{
    for (size_t i = 0; i < d->n; i++)
        print_diag(&d->v[i]);
}

/* ---- rulebook ------------------------------------------------------------- */

/* .crosscheck.yaml in the current folder or the nearest one above it, else the installed
 * default; NULL when there is none. The result is malloc'd. */
static char *find_rulebook(void)
{
    char dir[4096];
    if (getcwd(dir, sizeof dir)) {
        for (;;) {
            char path[4200];
            snprintf(path, sizeof path, "%s/.crosscheck.yaml", strcmp(dir, "/") ? dir : "");
            if (access(path, R_OK) == 0)
                return cc_xstrdup(path);
            char *slash = strrchr(dir, '/');
            if (!slash || slash == dir) {
                if (strcmp(dir, "/") == 0)
                    break;
                strcpy(dir, "/");
                continue;
            }
            *slash = '\0';
        }
    }
    /* the installed default, next to the binary (PREFIX/bin/../share/crosscheck), so that
     * `make install PREFIX=...` works whatever PREFIX the binary was compiled with */
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 64);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            strcpy(slash, "/../share/crosscheck/default.yaml");
            if (access(exe, R_OK) == 0)
                return cc_xstrdup(exe);
        }
    }
    if (access(CC_DATADIR "/default.yaml", R_OK) == 0)
        return cc_xstrdup(CC_DATADIR "/default.yaml");
    return NULL;
}

/* With no rulebook anywhere: no fields, open mode on (every figure an open claim). */
#define BUILTIN_RULEBOOK_NAME "(built-in)"
static const char BUILTIN_RULEBOOK[] =
    "version: 1\nname: built-in\nopen: on\nsubjects: {}\nfields: {}\n";

/* Loads (--rules, else .crosscheck.yaml, else the installed default, else the built-in
 * one), applies --locale and compiles; NULL after printing the errors. */
static cc_rulebook *load_rulebook_at(char *path, const char *locale, char **used_path);

static cc_rulebook *load_rulebook(const char *given, const char *locale, char **used_path)
{
    return load_rulebook_at(given ? cc_xstrdup(given) : find_rulebook(), locale, used_path);
}

/* Loads the rulebook at `path` (malloc'd, taken), or the built-in one when NULL. */
static cc_rulebook *load_rulebook_at(char *path, const char *locale, char **used_path)
{
    cc_diags d = {0};
    cc_rulebook *rb = path ? cc_rulebook_load(path, &d)
                           : cc_rulebook_load_mem(BUILTIN_RULEBOOK_NAME, BUILTIN_RULEBOOK,
                                                  strlen(BUILTIN_RULEBOOK), &d);
    if (!path)
        path = cc_xstrdup(BUILTIN_RULEBOOK_NAME);
    if (rb && locale)
        cc_locale_parse(locale, &rb->locale);
    if (rb && cc_patterns_prepare(rb, &d) < 0) {
        cc_rulebook_free(rb);
        rb = NULL;
    }
    print_diags(&d);
    cc_diags_free(&d);
    if (!rb) {
        free(path);
        return NULL;
    }
    *used_path = path;
    return rb;
}

/* ---- output ---------------------------------------------------------------- */

/* Where a report goes: stdout, or -o FILE written as outfile.h says (atomically when it
 * is a file, in place when it is a device, a FIFO or /dev/stdout). */
typedef struct output {
    FILE *f;
    bool to_file;       /* -o: `file` is open */
    cc_outfile file;
} output;

static int output_open(output *o, const char *path)
{
    memset(o, 0, sizeof *o);
    if (!path) {
        o->f = stdout;
        return 0;
    }
    cc_diags d = {0};
    int rc = cc_outfile_open(&o->file, path, &d);
    print_diags(&d);
    cc_diags_free(&d);
    if (rc < 0)
        return -1;
    o->f = o->file.f;
    o->to_file = true;
    return 0;
}

static int output_close(output *o)
{
    if (!o->to_file) { /* a write that failed earlier (EFBIG, ENOSPC) leaves ferror set */
        if (fflush(stdout) == 0 && !ferror(stdout))
            return 0;
        fprintf(stderr, "crosscheck: cannot write the report to standard output: %s\n",
                strerror(errno ? errno : EIO));
        return -1;
    }
    cc_diags d = {0};
    int rc = cc_outfile_commit(&o->file, &d);
    print_diags(&d);
    cc_diags_free(&d);
    return rc;
}

/* A file the run reads or writes, and what it is to the run ("the archive (--db)"). */
typedef struct role {
    const char *path;
    const char *what;
} role;

/* The files the run reads that an output must not replace, into in[0..cap). */
static size_t run_inputs(const cli *c, const char *rb_path, const char *ignore, role *in,
                         size_t cap)
{
    size_t n = 0;
    const role fixed[] = {{c->db, "the archive (--db)"}, {rb_path, "the rulebook"},
                          {c->draft, "the draft (--draft)"}, {ignore, "the ignore file"}};
    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
        if (fixed[i].path && n < cap)
            in[n++] = fixed[i];
    /* a baseline both read and written is brought up to date: read first (filter_known) */
    if (c->baseline && !cc_same_file(c->baseline, c->write_baseline) && n < cap)
        in[n++] = (role){c->baseline, "the baseline (--baseline)"};
    for (int i = 0; i < c->nfiles && n < cap; i++)
        if (strcmp(c->files[i], "-") != 0)
            in[n++] = (role){c->files[i], "an input file"};
    return n;
}

/*
 * Refuses, before any work, an output that would replace a file this run reads (the
 * archive, the rulebook, an article, the draft, a baseline or the ignore file) or the
 * other output: compared by device and inode, symbolic links followed, so "a.txt",
 * "./a.txt" and a link to it are one file; a path that does not exist yet clashes with
 * nothing. `rb_path` is the rulebook read (NULL for the built-in one). 0, or 2 after
 * the message.
 */
static int refuse_clobbering(const cli *c, const char *rb_path, const char *ignore)
{
    const role out[] = {{c->output, "the output (-o)"},
                        {c->write_baseline, "the baseline (--write-baseline)"}};
    size_t cap = (size_t)c->nfiles + 8;
    role *in = cc_xcalloc(cap, sizeof *in);
    size_t nin = run_inputs(c, rb_path, ignore, in, cap);
    cc_diags d = {0};
    for (size_t o = 0; o < 2 && !d.n; o++) {
        if (!out[o].path)
            continue;
        for (size_t i = 0; i < nin && !d.n; i++)
            if (cc_same_file(out[o].path, in[i].path))
                cc_error(&d, CC_DIAG_USAGE, NULL, "refusing to write %s '%s': it is %s of "
                         "this run ('%s')", out[o].what, out[o].path, in[i].what, in[i].path);
        if (o == 0 && !d.n && out[1].path &&
            (cc_same_file(out[0].path, out[1].path) || strcmp(out[0].path, out[1].path) == 0))
            cc_error(&d, CC_DIAG_USAGE, NULL, "refusing to write %s '%s': it is %s too",
                     out[0].what, out[0].path, out[1].what);
    }
    print_diags(&d);
    int rc = d.n ? 2 : 0;
    cc_diags_free(&d);
    free(in);
    return rc;
}

/* The rulebook's path for refuse_clobbering(): NULL for the built-in one. */
static const char *rulebook_file(const char *rb_path)
{
    return rb_path && strcmp(rb_path, BUILTIN_RULEBOOK_NAME) != 0 ? rb_path : NULL;
}

/* ---- commands --------------------------------------------------------------- */

static bool color_wanted(const cli *c)
{
    if (c->color && strcmp(c->color, "always") == 0)
        return true;
    if ((c->color && strcmp(c->color, "never") == 0) || c->output)
        return false;
    const char *term = getenv("TERM");
    return isatty(STDOUT_FILENO) && !getenv("NO_COLOR") && term && strcmp(term, "dumb") != 0;
}

/* What --date, --locale and --encoding ask of the extractor. */
static cc_extract_opts extract_opts_of(const cli *c)
{
    /* check --db finds the drafts' story by their terms (index collects them anyway);
     * every file is named (index says which of its files were) */
    cc_extract_opts eo = {.date = c->date, .terms = c->db != NULL, .named = true};
    if (c->locale) {
        cc_locale_parse(c->locale, &eo.locale);
        eo.locale_set = true;
    }
    if (c->encoding)
        cc_encoding_parse(c->encoding, &eo.encoding);
    return eo;
}

/* Extracts every file into `run`; fatal problems stay in run->diags. */
static void extract_all(const cc_rulebook *rb, const cli *c, cc_run *run, bool checking)
{
    cc_extract_opts eo = extract_opts_of(c);
    eo.terms |= checking && !rb->open_off; /* a check finds reprints by their terms */
    cc_extractor *ex = cc_extractor_new(rb, &eo);
    if (c->draft) {
        bool is_stdin = strcmp(c->draft, "-") == 0;
        cc_extract_file(ex, run, c->draft, is_stdin ? (c->name ? c->name : "<stdin>") : NULL);
        run->docs[run->ndocs - 1].draft = true;
    }
    for (int i = 0; i < c->nfiles; i++) {
        bool is_stdin = strcmp(c->files[i], "-") == 0;
        cc_extract_file(ex, run, c->files[i], is_stdin ? (c->name ? c->name : "<stdin>") : NULL);
        run->docs[run->ndocs - 1].draft = c->db != NULL; /* check --db: FILES are drafts */
    }
    cc_extractor_free(ex);
}

static int fail_on_level(const char *s)
{
    cc_severity sev = CC_SEV_ERROR;
    if (s && strcmp(s, "never") == 0)
        return -1;
    if (s)
        cc_severity_parse(s, &sev);
    return (int)sev;
}

/* Writes the run in the format asked for, to stdout or -o; -1 when it cannot be written. */
static int report_run(const cli *c, const cc_run *run, const char *rb_path)
{
    output out;
    if (output_open(&out, c->output) < 0)
        return -1;
    cc_report_opts ro = {.color = color_wanted(c), .rulebook_path = rb_path};
    cc_report_format_find(c->format ? c->format : "text")->report(out.f, run, &ro);
    return output_close(&out);
}

/* Loads the rulebook and extracts every file into a new run; NULL, with nothing to free,
 * when the rulebook cannot be used. */
static cc_rulebook *extract_run(const cli *c, cc_run *run, char **rb_path, bool checking)
{
    cc_rulebook *rb = load_rulebook(c->rules, c->locale, rb_path);
    if (rb && refuse_clobbering(c, rulebook_file(*rb_path), NULL) != 0) {
        cc_rulebook_free(rb);
        free(*rb_path);
        return NULL;
    }
    if (rb) {
        cc_run_init(run, rb);
        extract_all(rb, c, run, checking);
        cc_run_date_open_claims(run);
    }
    return rb;
}

static void free_run(cc_run *run, cc_rulebook *rb, char *rb_path)
{
    cc_run_free(run);
    cc_rulebook_free(rb);
    free(rb_path);
}

/* Summarises, reports and frees a checked run; returns the exit code. */
static int finish_run(const cli *c, cc_run *run, cc_rulebook *rb, char *rb_path)
{
    cc_run_summarise(run, fail_on_level(c->fail_on));
    print_diags(&run->diags);
    int rc = run->summary.exit_code;
    if (report_run(c, run, rb_path) < 0)
        rc = 2;
    free_run(run, rb, rb_path);
    return rc;
}

/* Adds the archive's claims that share a group with the run's (check --db). */
static int add_archive_claims(const char *db, cc_run *run)
{
    cc_store *st = cc_store_open(db, false, &run->diags);
    if (!st)
        return -1;
    int rc = cc_store_load_matching(st, run, &run->diags);
    cc_store_close(st);
    return rc;
}

static int run_check(cli *c)
{
    char *rb_path = NULL;
    cc_run run;
    cc_rulebook *rb = extract_run(c, &run, &rb_path, true);
    if (!rb)
        return 2;
    if (c->db) {
        add_archive_claims(c->db, &run);
        cc_run_date_open_claims(&run); /* the archived story's dates written without a year */
    }
    cc_check(&run);
    return finish_run(c, &run, rb, rb_path);
}

static int run_extract(cli *c)
{
    const cc_report_format *format = cc_report_format_find(c->format ? c->format : "text");
    if (!format || !format->claims)
        return usage_error(command_named("extract"), "invalid value '%s' for --format",
                           c->format);
    char *rb_path = NULL;
    cc_run run;
    cc_rulebook *rb = extract_run(c, &run, &rb_path, false);
    if (!rb)
        return 2;
    cc_sort_claims(&run);
    cc_run_summarise(&run, -1);
    print_diags(&run.diags);
    int rc = run.summary.exit_code;
    output out;
    if (output_open(&out, c->output) < 0) {
        rc = 2;
    } else {
        cc_report_opts ro = {.color = false, .rulebook_path = rb_path};
        format->claims(out.f, &run, &ro);
        if (output_close(&out) < 0)
            rc = 2;
    }
    free_run(&run, rb, rb_path);
    return rc;
}

static size_t count_patterns(const cc_rulebook *rb)
{
    size_t n = rb->ndate_patterns + rb->nskip + rb->nrequire;
    for (size_t i = 0; i < rb->nfields; i++)
        n += rb->fields[i].npatterns + rb->fields[i].nscope_patterns + rb->fields[i].ncontext;
    return n;
}

static int run_rules_lint(cli *c)
{
    char *path = NULL;
    cc_rulebook *rb = load_rulebook(c->files[0], NULL, &path);
    if (!rb)
        return 2;
    cc_buf shown = CC_BUF_INIT;
    add_shown(&shown, path);
    printf("%s: ok: %zu subjects, %zu fields, %zu rules, %zu patterns\n", shown.data,
           rb->nsubjects, rb->nfields, rb->nrules, count_patterns(rb));
    cc_buf_free(&shown);
    cc_rulebook_free(rb);
    free(path);
    return 0;
}

/* rules init: the draft reads the story's files again with each rulebook it tries. */
static void extract_story(void *ctx, const cc_rulebook *rb, cc_run *run)
{
    extract_all(rb, ctx, run, false);
}

static int run_rules_init(cli *c)
{
    char *rb_path = NULL;
    if (refuse_clobbering(c, NULL, NULL) != 0)
        return 2;
    cc_rulebook *rb = load_rulebook_at(NULL, c->locale, &rb_path); /* the built-in: open mode */
    if (!rb)
        return 2;
    cc_run run;
    cc_run_init(&run, rb);
    extract_all(rb, c, &run, false);
    cc_run_date_open_claims(&run); /* as check does, before aligning */
    int rc = cc_diags_fatal(&run.diags) ? 2 : 0;
    cc_buf yaml = CC_BUF_INIT;
    cc_draft_summary sum = {0};
    cc_draft_source src = {extract_story, c};
    if (rc == 0 && cc_draft_write(&run, &src, rb->locale, &yaml, &sum, &run.diags) < 0)
        rc = 2;
    print_diags(&run.diags);
    output out;
    if (rc == 0 && output_open(&out, c->output) == 0) {
        fwrite(yaml.data, 1, yaml.len, out.f);
        rc = output_close(&out) < 0 ? 2 : 0;
    } else if (rc == 0) {
        rc = 2;
    }
    if (rc == 0)
        fprintf(stderr, "crosscheck: draft rulebook from %zu document%s: %zu aligned "
                        "figure%s, %zu field%s, %zu left out\n", sum.documents,
                sum.documents == 1 ? "" : "s", sum.aligned, sum.aligned == 1 ? "" : "s",
                sum.fields, sum.fields == 1 ? "" : "s", sum.left_out);
    cc_buf_free(&yaml);
    free_run(&run, rb, rb_path);
    return rc;
}

static int run_rules_test(cli *c)
{
    char *path = NULL;
    cc_rulebook *rb = load_rulebook(c->files[0], NULL, &path);
    if (!rb)
        return 2;
    size_t total = 0, failed = cc_examples_run(rb, path, c->explain, stdout, &total);
    printf("%zu examples, %zu failed\n", total, failed);
    cc_rulebook_free(rb);
    free(path);
    return failed ? 1 : 0;
}

/* ---- archive commands ------------------------------------------------------ */

#define PROGRESS_INTERVAL 0.1 /* seconds between progress lines */

/* The progress line of `index` on stderr, rewritten in place. */
typedef struct progress_line {
    double last;           /* p->seconds when a line was last shown */
    int width;             /* of the last line, to blank what a shorter one leaves */
} progress_line;

static void show_progress(void *ctx, const cc_index_progress *p)
{
    progress_line *pl = ctx;
    if (!p->final && p->done > 1 && p->seconds - pl->last < PROGRESS_INTERVAL)
        return; /* the first file always shows */
    pl->last = p->seconds;
    double rate = p->seconds > 0 ? (double)p->done / p->seconds : 0;
    double byte_rate = p->seconds > 0 ? (double)p->bytes / p->seconds : 0;
    char left[32] = "";
    if (!p->final && byte_rate > 0 && p->total_bytes > p->bytes) {
        long secs = (long)((double)(p->total_bytes - p->bytes) / byte_rate + 0.5);
        snprintf(left, sizeof left, ", %ld:%02ld left", secs / 60, secs % 60);
    }
    char line[256];
    int n = snprintf(line, sizeof line,
                     "indexing: %zu/%zu files, %.1f/%.1f MB, %zu claims, %.0f files/s%s",
                     p->done, p->total_files, (double)p->bytes / 1e6,
                     (double)p->total_bytes / 1e6, p->claims, rate, left);
    if (n < 0)
        return;
    int pad = pl->width > n ? pl->width - n : 0;
    fprintf(stderr, "\r%s%*s", line, pad, "");
    pl->width = n;
    if (p->final)
        fputc('\n', stderr);
    fflush(stderr);
}

static int run_index(cli *c)
{
    char *rb_path = NULL;
    cc_rulebook *rb = load_rulebook(c->rules, c->locale, &rb_path);
    if (!rb)
        return 2;
    cc_diags d = {0};
    cc_store *st = cc_store_open(c->db, true, &d);
    int rc = 2;
    if (st) {
        cc_extract_opts eo = extract_opts_of(c); /* index takes no --encoding */
        progress_line pl = {0};
        bool show = !c->quiet && isatty(STDERR_FILENO);
        cc_index_opts io = {.include = c->include, .prune = c->prune,
                            .progress = show ? show_progress : NULL, .progress_ctx = &pl};
        cc_index_stats stats = {0};
        int irc = cc_store_index(st, rb, &eo, c->files, (size_t)c->nfiles, &io, &stats, &d);
        printf("indexed %zu of %zu files (%zu unchanged, %zu pruned, %zu failed): %zu claims, "
               "%.1f MB in %.1f s\n",
               stats.indexed, stats.files, stats.unchanged, stats.pruned, stats.failed,
               stats.claims, (double)stats.bytes / 1e6, stats.seconds);
        if (stats.stories_updated)
            printf("stories: %zu of two or more documents (%zu documents), %zu reprint%s of "
                   "another document; found in %.1f s\n", stats.stories.stories,
                   stats.stories.grouped, stats.stories.duplicates,
                   stats.stories.duplicates == 1 ? "" : "s", stats.story_seconds);
        rc = irc < 0 || cc_diags_fatal(&d) ? 2 : 0;
        cc_store_close(st);
    }
    print_diags(&d);
    cc_diags_free(&d);
    cc_rulebook_free(rb);
    free(rb_path);
    return rc;
}

/* The ignore file: --ignore-file, else .crosscheck-ignore.yaml when it exists. */
static const char *ignore_path(const cli *c, bool must_exist)
{
    if (c->ignore_file)
        return c->ignore_file;
    if (!must_exist || access(".crosscheck-ignore.yaml", F_OK) == 0)
        return ".crosscheck-ignore.yaml";
    return NULL;
}

/*
 * Leaves out of the run what the ignore file and a baseline already cover, and writes
 * the new baseline (the findings the ignore file does not cover). The old baseline is
 * read before the new one is written, so that --baseline and --write-baseline may name
 * one file: the report is what is new since it, and the file is brought up to date.
 * (The ignore file and the baseline are two sets: reading one into the other's set
 * lost the first.) Warns when the baseline was written with another rulebook (a
 * finding whose rule changed then reads as new).
 */
static int filter_known(const cli *c, const char *rb_sha, cc_run *run)
{
    const char *ign = ignore_path(c, true);
    cc_fingerprints ignored = {0}, known = {0};
    int rc = 0;
    if (ign && cc_ignore_read(ign, &ignored, &run->diags) < 0)
        rc = -1;
    if (rc == 0 && c->baseline && cc_baseline_read(c->baseline, &known, &run->diags) < 0)
        rc = -1;
    if (rc == 0 && known.rulebook_sha256[0] && strcmp(known.rulebook_sha256, rb_sha) != 0)
        cc_warn(&run->diags, CC_DIAG_BASELINE, c->baseline, "baseline '%s' was written with "
                "another rulebook (sha256 %.12s...): findings of rules that changed since "
                "read as new", c->baseline, known.rulebook_sha256);
    if (rc == 0)
        cc_run_drop_findings(run, &ignored);
    if (rc == 0 && c->write_baseline && cc_baseline_write(c->write_baseline, run, &run->diags) < 0)
        rc = -1;
    if (rc == 0)
        cc_run_drop_findings(run, &known);
    cc_fingerprints_free(&ignored);
    cc_fingerprints_free(&known);
    return rc;
}

static int run_audit(cli *c)
{
    char *rb_path = NULL;
    cc_rulebook *rb = load_rulebook(c->rules, NULL, &rb_path);
    if (!rb)
        return 2;
    if (refuse_clobbering(c, rulebook_file(rb_path), ignore_path(c, true)) != 0) {
        cc_rulebook_free(rb);
        free(rb_path);
        return 2;
    }
    cc_run run;
    cc_run_init(&run, rb);
    cc_store *st = cc_store_open(c->db, false, &run.diags);
    if (st) {
        cc_store_load_all(st, &run, &run.diags);
        cc_store_close(st);
    }
    cc_check(&run);
    filter_known(c, rb->sha256, &run);
    return finish_run(c, &run, rb, rb_path);
}

static bool is_fingerprint(const char *s)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
            return false;
    return n == 16;
}

static int run_ack(cli *c)
{
    const char *fp = c->files[0];
    if (!is_fingerprint(fp))
        return usage_error(command_named("ack"), "'%s' is not a fingerprint (16 hex digits, as in "
                                         "the reports)", fp);
    const char *who = c->who ? c->who : getenv("USER") ? getenv("USER") : "unknown";
    char today[11];
    time_t now = time(NULL);
    strftime(today, sizeof today, "%Y-%m-%d", gmtime(&now));
    cc_diags d = {0};
    const char *path = ignore_path(c, false);
    int rc = cc_ignore_append(path, fp, c->reason, who, today, &d) < 0 ? 2 : 0;
    print_diags(&d);
    cc_diags_free(&d);
    if (rc == 0) {
        cc_buf shown = CC_BUF_INIT;
        add_shown(&shown, path);
        printf("acknowledged %s in %s\n", fp, shown.data);
        cc_buf_free(&shown);
    }
    return rc;
}

/* ---- main ----------------------------------------------------------------- */

static const command *find_command(int argc, char **argv, int *consumed)
{
    if (argc >= 2 && strcmp(argv[1], "rules") == 0) {
        *consumed = 3;
        static const char *const subs[] = {"lint", "test", "init"};
        for (size_t i = 0; argc >= 3 && i < NOPTS(subs); i++)
            if (strcmp(argv[2], subs[i]) == 0) {
                char name[16];
                snprintf(name, sizeof name, "rules %s", subs[i]);
                return command_named(name);
            }
        return NULL;
    }
    *consumed = 2;
    for (size_t i = 0; i < NOPTS(commands); i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            return &commands[i];
    return NULL;
}

/* outfile.h's lock says once when it has waited a second: an editor's `ack` that
 * seems stuck is waiting for another one. */
static void say_waiting(void *ctx, const char *shown)
{
    cc_buf line = CC_BUF_INIT;
    cc_buf_adds(&line, "crosscheck: waiting for the lock on '");
    add_shown(&line, shown);
    cc_buf_adds(&line, "' (another crosscheck is writing it)\n");
    fwrite(line.data, 1, line.len, stderr);
    fflush(stderr);
    cc_buf_free(&line);
}

int main(int argc, char **argv)
{
    cc_lock_set_waiting(say_waiting, NULL);
    /* Past `ulimit -f` a write fails with EFBIG and the run says which file it could not
     * write (exit 2), instead of dying silently of SIGXFSZ. */
    signal(SIGXFSZ, SIG_IGN);
    if (argc < 2) {
        print_main_help();
        return 2;
    }
    if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
        printf("crosscheck %s\n", CC_VERSION);
        return 0;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        print_main_help();
        return 0;
    }
    int consumed;
    const command *cmd = find_command(argc, argv, &consumed);
    if (!cmd) {
        if (strcmp(argv[1], "rules") == 0 && argc < 3)
            return usage_error(NULL, "'rules' needs a subcommand: lint, test or init");
        if (strcmp(argv[1], "rules") == 0)
            return usage_error(NULL, "unknown rules subcommand '%s' (expected lint, test or init)",
                               argv[2]);
        return usage_error(NULL, "unknown command '%s' (expected check, extract, rules, index, "
                                 "audit or ack)", argv[1]);
    }
    cli c = {0};
    int rc = parse_args(cmd, argc - consumed, argv + consumed, &c);
    if (rc == 0 && c.help) {
        print_help(cmd);
    } else if (rc == 0) {
        bool is_rules = cmd->run == run_rules_lint || cmd->run == run_rules_test;
        rc = validate(cmd, &c, cmd->run != run_audit);
        if (rc == 0 && (cmd->run == run_index || cmd->run == run_audit) && !c.db)
            rc = usage_error(cmd, "'%s' needs --db FILE", cmd->name);
        if (rc == 0 && cmd->run == run_audit && c.nfiles)
            rc = usage_error(cmd, "audit takes no files ('%s'): index them first", c.files[0]);
        if (rc == 0 && cmd->run == run_ack && (c.nfiles != 1 || !c.reason))
            rc = usage_error(cmd, "ack takes one FINGERPRINT and --reason TEXT");
        if (rc == 0 && is_rules && c.nfiles != 1)
            rc = usage_error(cmd, "expected exactly one rulebook file");
        for (int i = 0; rc == 0 && cmd->run == run_rules_init && i < c.nfiles; i++)
            if (strcmp(c.files[i], "-") == 0)
                rc = usage_error(cmd, "rules init reads its files more than once: give files, "
                                      "not '-' (standard input)");
        if (rc == 0)
            rc = cmd->run(&c);
    }
    free(c.files);
    return rc;
}
