#!/usr/bin/env python3
"""Hostile file names against what crosscheck prints (issue 9, item 2).

    python3 tests/e2e/tools/hostile_names.py BIN OUTDIR [--stress]

Creates, under OUTDIR (names git cannot hold are made at test time), files whose names
carry ESC, CR, LF, TAB, U+202E, an invalid UTF-8 byte and a GitHub workflow command, then:
  1. `check` of those names where no such file exists, in every format: exit 2, and a
     diagnostic on stderr quoting each name;
  2. `check` of files with those names that disagree (fixtures/rulebooks/mini.yaml) and
     hold an invalid byte, in every format: the reports name them, and a warning line
     on stderr starts with each name.
Every stderr must be valid UTF-8 with no control character but the line ends, no DEL, C1
or bidi control, and no line that starts with "::" (a workflow command in a CI log); the
text and HTML reports likewise; the GitHub report's lines that start with "::" must be
its own commands, with the file property escaped; JSON and SARIF must parse. Prints the
text format's stderr of (1), which shows the escapes, and exits 1 on the first breach.
With --stress it also prints how many runs and lines it checked.
"""
import json
import os
import subprocess
import sys

NAMES = [
    b"esc\x1b[31mred.txt",
    b"cr\rreturn.txt",
    b"lf\nnewline.txt",
    b"tab\tname.txt",
    "rlo\u202etxt.exe.txt".encode(),
    b"bad\xffbyte.txt",
    b"::error file=README.md,line=1::PWNED.txt",
    b"lf\n::warning::injected.txt",
    b":",
]
FORMATS = ["text", "json", "sarif", "github", "html"]
BIDI = {0x061C, 0x200E, 0x200F} | set(range(0x202A, 0x202F)) | set(range(0x2066, 0x206A))


def fail(why, data=b""):
    sys.stderr.write("FAIL: %s\n%r\n" % (why, data[:2000]))
    sys.exit(1)


def check_shown(what, data, commands_allowed=False):
    """What people read: valid UTF-8, no controls but line ends, no bidi, no '::' lines."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        fail("%s is not valid UTF-8 (%s)" % (what, e), data)
    for ch in text:
        cp = ord(ch)
        if (cp < 0x20 and ch != "\n") or 0x7F <= cp < 0xA0 or cp in BIDI:
            fail("%s holds U+%04X" % (what, cp), data)
    lines = 0
    for line in text.split("\n"):
        lines += 1
        if not line.startswith("::"):
            continue
        if not commands_allowed:
            fail("%s has a line that starts with '::'" % what, line.encode())
        # the report's own command: "::KIND PROPS::MESSAGE", each property once, with
        # the file name's ':' and ',' escaped (so it cannot add a property or end them)
        head, _, rest = line.partition(" ")
        props = rest.split("::", 1)[0].split(",")
        keys = [p.split("=", 1)[0] for p in props]
        if head not in ("::error", "::warning", "::notice") or len(set(keys)) != len(keys) \
                or not set(keys) <= {"file", "line", "col", "endLine", "endColumn", "title"}:
            fail("%s has a forged workflow command" % what, line.encode())
    return lines


def run(bin_, args, cwd):
    return subprocess.run([bin_] + args, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          stdin=subprocess.DEVNULL, timeout=60)


def main():
    stress = "--stress" in sys.argv
    args = [a for a in sys.argv[1:] if a != "--stress"]
    bin_, out = os.path.abspath(args[0]), os.path.abspath(args[1])
    root = os.getcwd()
    rules = os.path.join(root, "fixtures/rulebooks/mini.yaml")
    missing = os.path.join(out, "missing")
    present = os.path.join(out, "present")
    os.makedirs(missing, exist_ok=True)
    os.makedirs(present, exist_ok=True)
    runs = lines = 0
    shown_text = b""
    # 1. the names, missing: one diagnostic each, in every format
    for fmt in FORMATS:
        r = run(bin_, ["check", "--rules", rules, "--format", fmt, "--"] +
                [os.fsdecode(n) for n in NAMES], missing)
        runs += 1
        if r.returncode != 2:
            fail("check of missing files (%s) exited %d, not 2" % (fmt, r.returncode), r.stderr)
        lines += check_shown("stderr (%s, missing files)" % fmt, r.stderr)
        if r.stderr.count(b"cannot read") != len(NAMES):
            fail("expected %d 'cannot read' diagnostics" % len(NAMES), r.stderr)
        if fmt == "text":
            shown_text = r.stderr
    # 2. the names, present and disagreeing: the reports name them
    for i, n in enumerate(NAMES):
        # an invalid byte too: its warning starts a line of stderr with the file's name
        with open(os.path.join(present, os.fsdecode(n)), "wb") as f:
            f.write(("Việt Nam có %d lượt truy cập, xếp thứ 2%d/47 châu Á.\n"
                     % (100 + 50 * i, i)).encode() + b"\xff\n")
    names = sorted(os.listdir(present))
    for fmt in FORMATS:
        r = run(bin_, ["check", "--rules", rules, "--format", fmt, "--"] + names, present)
        runs += 1
        if r.returncode != 1:
            fail("check of disagreeing files (%s) exited %d, not 1" % (fmt, r.returncode),
                 r.stderr)
        lines += check_shown("stderr (%s, reports)" % fmt, r.stderr)
        if r.stderr.count(b": warning: invalid UTF-8 byte 0xFF") != len(NAMES):
            fail("expected %d warnings that start with a file name" % len(NAMES), r.stderr)
        if fmt in ("json", "sarif"):
            try:
                json.loads(r.stdout.decode("utf-8"))
            except ValueError as e:
                fail("the %s report is not JSON: %s" % (fmt, e), r.stdout)
        else:
            lines += check_shown("the %s report" % fmt, r.stdout, commands_allowed=fmt == "github")
    sys.stdout.write(shown_text.decode("utf-8"))
    if stress:
        print("hostile names: %d names, %d formats, %d runs, %d lines of output checked, 0 breaches"
              % (len(NAMES), len(FORMATS), runs, lines))


if __name__ == "__main__":
    main()
