/* Unit tests for outfile.c: where a path leads decides how it is written (a file
 * replaced atomically with its mode kept, a symbolic link followed and kept, a device, a
 * FIFO or a descriptor written in place, a folder refused), same-file checks, and the
 * lock of a read-modify-write (waiting said once, 20 processes appending at once). */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "testutil.h"
#include "baseline.h"
#include "outfile.h"


static void assert_file_is(const char *path, const char *want)
{
    char *got = tu_read(path, NULL);
    ck_assert_str_eq(got, want);
    free(got);
}

static mode_t umask_now(void)
{
    mode_t m = umask(0);
    umask(m);
    return m;
}

/* ---- files and links --------------------------------------------------------------- */

START_TEST(new_file_is_created_with_the_usual_mode)
{
    const char *p = tu_path("r.txt");
    cc_diags d = {0};
    ck_assert_int_eq(cc_outfile_write(p, "hello\n", 6, &d), 0);
    ck_assert_uint_eq(d.n, 0);
    assert_file_is(p, "hello\n");
    struct stat st;
    ck_assert_int_eq(stat(p, &st), 0);
    ck_assert_uint_eq(st.st_mode & 07777, 0666 & ~umask_now());
    ck_assert_uint_eq(tu_count_files(), 1);
}
END_TEST

START_TEST(existing_file_is_replaced_and_keeps_its_mode)
{
    const char *p = tu_write_text("r.txt", "old contents, longer than the new ones\n");
    ck_assert_int_eq(chmod(p, 0640), 0);
    struct stat before, after;
    ck_assert_int_eq(stat(p, &before), 0);
    cc_diags d = {0};
    ck_assert_int_eq(cc_outfile_write(p, "new\n", 4, &d), 0);
    assert_file_is(p, "new\n");
    ck_assert_int_eq(stat(p, &after), 0);
    ck_assert_uint_eq(after.st_mode & 07777, 0640);
    ck_assert(after.st_ino != before.st_ino); /* a new file renamed over the old one */
    ck_assert_uint_eq(tu_count_files(), 1);
}
END_TEST

START_TEST(abort_leaves_the_old_file)
{
    const char *p = tu_write_text("r.txt", "old\n");
    cc_outfile o;
    cc_diags d = {0};
    ck_assert_int_eq(cc_outfile_open(&o, p, &d), 0);
    fputs("half of a new", o.f);
    fflush(o.f);
    assert_file_is(p, "old\n"); /* a reader sees the old file meanwhile */
    cc_outfile_abort(&o);
    assert_file_is(p, "old\n");
    ck_assert_uint_eq(tu_count_files(), 1);
}
END_TEST

START_TEST(symlink_is_followed_and_survives)
{
    mkdir(tu_path("real"), 0777);
    const char *target = tu_write_text("real/report.txt", "old\n");
    ck_assert_int_eq(symlink("real/report.txt", tu_path("link1")), 0); /* relative */
    ck_assert_int_eq(symlink(tu_path("link1"), tu_path("link2")), 0);  /* a chain */
    cc_diags d = {0};
    ck_assert_int_eq(cc_outfile_write(tu_path("link2"), "new\n", 4, &d), 0);
    struct stat st;
    ck_assert_int_eq(lstat(tu_path("link2"), &st), 0);
    ck_assert(S_ISLNK(st.st_mode));
    ck_assert_int_eq(lstat(tu_path("link1"), &st), 0);
    ck_assert(S_ISLNK(st.st_mode));
    assert_file_is(target, "new\n");
    ck_assert_uint_eq(tu_count_files(), 3); /* real, link1, link2: no temporary left */
}
END_TEST

START_TEST(dangling_symlink_creates_its_target)
{
    ck_assert_int_eq(symlink("made.txt", tu_path("link")), 0);
    cc_diags d = {0};
    ck_assert_int_eq(cc_outfile_write(tu_path("link"), "x", 1, &d), 0);
    assert_file_is(tu_path("made.txt"), "x");
    struct stat st;
    ck_assert_int_eq(lstat(tu_path("link"), &st), 0);
    ck_assert(S_ISLNK(st.st_mode));
}
END_TEST

START_TEST(symlink_loop_and_folder_are_refused)
{
    ck_assert_int_eq(symlink("b", tu_path("a")), 0);
    ck_assert_int_eq(symlink("a", tu_path("b")), 0);
    cc_diags d = {0};
    ck_assert_int_eq(cc_outfile_write(tu_path("a"), "x", 1, &d), -1);
    ck_assert_int_eq(cc_outfile_write(tu_dir, "x", 1, &d), -1);
    ck_assert_int_eq(cc_outfile_write(tu_path("no/such/dir/r.txt"), "x", 1, &d), -1);
    ck_assert_uint_eq(d.n, 3);
    ck_assert(strstr(d.v[0].message, "Too many levels of symbolic links"));
    ck_assert(strstr(d.v[1].message, "Is a directory"));
    ck_assert(strstr(d.v[2].message, "cannot write '"));
    ck_assert(strstr(d.v[2].message, "No such file or directory"));
    ck_assert_int_eq(d.v[0].kind, CC_DIAG_IO);
    ck_assert(cc_diags_fatal(&d));
    cc_diags_free(&d);
    ck_assert_uint_eq(tu_count_files(), 2);
}
END_TEST

/* ---- written in place ---------------------------------------------------------------- */

START_TEST(character_device_is_written_in_place)
{
    struct stat before, after;
    ck_assert_int_eq(stat("/dev/null", &before), 0);
    cc_diags d = {0};
    ck_assert_int_eq(cc_outfile_write("/dev/null", "report\n", 7, &d), 0);
    ck_assert_int_eq(stat("/dev/null", &after), 0);
    ck_assert(S_ISCHR(after.st_mode));
    ck_assert_uint_eq(after.st_rdev, before.st_rdev);
    ck_assert_uint_eq(after.st_ino, before.st_ino);
    /* a device that fails the write: the failure is reported, not swallowed */
    if (access("/dev/full", W_OK) == 0) {
        char big[8192];
        memset(big, 'x', sizeof big);
        ck_assert_int_eq(cc_outfile_write("/dev/full", big, sizeof big, &d), -1);
        ck_assert_uint_eq(d.n, 1);
        ck_assert_msg(strstr(d.v[0].message, "No space left on device"), "%s", d.v[0].message);
        cc_diags_free(&d);
    }
}
END_TEST

START_TEST(fifo_is_written_in_place)
{
    const char *p = tu_path("fifo");
    ck_assert_int_eq(mkfifo(p, 0600), 0);
    int rd = open(p, O_RDONLY | O_NONBLOCK); /* a reader, so that opening to write returns */
    ck_assert_int_ge(rd, 0);
    cc_diags d = {0};
    ck_assert_int_eq(cc_outfile_write(p, "through the pipe\n", 17, &d), 0);
    char buf[64] = "";
    ck_assert_int_eq(read(rd, buf, sizeof buf - 1), 17);
    ck_assert_str_eq(buf, "through the pipe\n");
    close(rd);
    struct stat st;
    ck_assert_int_eq(lstat(p, &st), 0);
    ck_assert(S_ISFIFO(st.st_mode)); /* still a FIFO, not a file renamed over it */
    ck_assert_uint_eq(tu_count_files(), 1);
}
END_TEST

START_TEST(descriptor_paths_write_to_the_open_descriptor)
{
    int fds[2];
    ck_assert_int_eq(pipe(fds), 0);
    char path[64];
    snprintf(path, sizeof path, "/dev/fd/%d", fds[1]);
    cc_diags d = {0};
    ck_assert_int_eq(cc_outfile_write(path, "via fd\n", 7, &d), 0);
    snprintf(path, sizeof path, "/proc/self/fd/%d", fds[1]);
    ck_assert_int_eq(cc_outfile_write(path, "via proc\n", 9, &d), 0);
    close(fds[1]);
    char buf[64] = "";
    ck_assert_int_eq(read(fds[0], buf, sizeof buf - 1), 16);
    ck_assert_str_eq(buf, "via fd\nvia proc\n");
    close(fds[0]);
    /* a descriptor that is not open: an error, nothing created */
    ck_assert_int_eq(cc_outfile_write("/dev/fd/999", "x", 1, &d), -1);
    ck_assert(strstr(d.v[0].message, "Bad file descriptor"));
    cc_diags_free(&d);
}
END_TEST

/* ---- the same file -------------------------------------------------------------------- */

START_TEST(same_file_by_device_and_inode)
{
    const char *a = tu_write_text("a.txt", "a");
    tu_write_text("b.txt", "b");
    ck_assert_int_eq(symlink("a.txt", tu_path("link")), 0);
    ck_assert(cc_same_file(a, tu_path("link")));
    ck_assert(cc_same_file(a, a));
    ck_assert(!cc_same_file(a, tu_path("b.txt")));
    ck_assert(!cc_same_file(a, tu_path("missing.txt"))); /* not there yet: no clash */
    ck_assert(!cc_same_file(tu_path("missing.txt"), tu_path("missing.txt")));
    ck_assert(!cc_same_file(a, NULL));
}
END_TEST

/* ---- the lock ------------------------------------------------------------------------ */

static int waits;
static void count_wait(void *ctx, const char *shown)
{
    (void)ctx;
    (void)shown;
    waits++;
}

START_TEST(lock_is_exclusive_and_removed)
{
    const char *p = tu_path("i.yaml");
    cc_lock l;
    cc_diags d = {0};
    ck_assert_int_eq(cc_lock_acquire(&l, p, &d), 0);
    ck_assert_int_ge(l.fd, 0);
    ck_assert_int_eq(access(tu_path("i.yaml.lock"), F_OK), 0);
    int other = open(tu_path("i.yaml.lock"), O_RDWR);
    ck_assert_int_eq(flock(other, LOCK_EX | LOCK_NB), -1); /* held */
    close(other);
    cc_lock_release(&l);
    ck_assert_int_eq(access(tu_path("i.yaml.lock"), F_OK), -1);
    ck_assert_uint_eq(tu_count_files(), 0);
    /* a device is not locked: nothing to read back */
    ck_assert_int_eq(cc_lock_acquire(&l, "/dev/null", &d), 0);
    ck_assert_int_eq(l.fd, -1);
    cc_lock_release(&l);
    ck_assert_uint_eq(d.n, 0);
}
END_TEST

START_TEST(lock_waits_and_says_so_once)
{
    const char *p = tu_path("i.yaml");
    int ready[2];
    ck_assert_int_eq(pipe(ready), 0);
    pid_t child = fork();
    ck_assert_int_ge(child, 0);
    if (child == 0) { /* holds the lock for 1.5 s */
        cc_lock l;
        cc_diags d = {0};
        if (cc_lock_acquire(&l, p, &d) < 0)
            _exit(1);
        if (write(ready[1], "x", 1) != 1)
            _exit(1);
        struct timespec ts = {1, 500000000};
        nanosleep(&ts, NULL);
        cc_lock_release(&l);
        _exit(0);
    }
    char c;
    ck_assert_int_eq(read(ready[0], &c, 1), 1);
    waits = 0;
    cc_lock_set_waiting(count_wait, NULL);
    cc_lock l;
    cc_diags d = {0};
    ck_assert_int_eq(cc_lock_acquire(&l, p, &d), 0);
    cc_lock_set_waiting(NULL, NULL);
    ck_assert_int_eq(waits, 1);
    cc_lock_release(&l);
    int status;
    ck_assert_int_eq(waitpid(child, &status, 0), child);
    ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    close(ready[0]);
    close(ready[1]);
}
END_TEST

/* 20 processes append to one ignore file at once, five times: every entry is kept. */
START_TEST(concurrent_appends_lose_nothing)
{
    enum { PROCS = 20, ROUNDS = 5 };
    const char *p = tu_path("i.yaml");
    for (int round = 0; round < ROUNDS; round++) {
        unlink(p);
        pid_t kids[PROCS];
        for (int i = 0; i < PROCS; i++) {
            kids[i] = fork();
            ck_assert_int_ge(kids[i], 0);
            if (kids[i] == 0) {
                char fp[17];
                snprintf(fp, sizeof fp, "%016x", i + 1);
                cc_diags d = {0};
                _exit(cc_ignore_append(p, fp, "r", "w", "2026-01-01", &d) == 0 ? 0 : 1);
            }
        }
        for (int i = 0; i < PROCS; i++) {
            int status;
            ck_assert_int_eq(waitpid(kids[i], &status, 0), kids[i]);
            ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
        }
        cc_fingerprints f;
        cc_diags d = {0};
        ck_assert_int_eq(cc_ignore_read(p, &f, &d), 0);
        ck_assert_uint_eq(f.n, PROCS);
        cc_fingerprints_free(&f);
        ck_assert_uint_eq(tu_count_files(), 1); /* no lock or temporary file left */
    }
}
END_TEST

Suite *make_suite(void)
{
    Suite *s = suite_create("outfile");
    CC_TCASE(s, "files", tu_tmp_setup, tu_tmp_teardown, new_file_is_created_with_the_usual_mode,
             existing_file_is_replaced_and_keeps_its_mode, abort_leaves_the_old_file,
             symlink_is_followed_and_survives, dangling_symlink_creates_its_target,
             symlink_loop_and_folder_are_refused, same_file_by_device_and_inode);
    CC_TCASE(s, "in place", tu_tmp_setup, tu_tmp_teardown, character_device_is_written_in_place,
             fifo_is_written_in_place, descriptor_paths_write_to_the_open_descriptor);
    TCase *tc = CC_TCASE(s, "lock", tu_tmp_setup, tu_tmp_teardown, lock_is_exclusive_and_removed,
                         lock_waits_and_says_so_once, concurrent_appends_lose_nothing);
    tcase_set_timeout(tc, 60);
    return s;
}
