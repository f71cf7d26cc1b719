# crosscheck — a fact auditor for news articles.
#
#   make            build build/crosscheck (WERROR=1: warnings are errors; CC=clang works too)
#   make demo       install missing packages, build, check the bundled seed articles
#   make check      every test: unit (Check), end-to-end, then both again under ASan+UBSan
#   make update-golden  rewrite the e2e cases' expected stdout/stderr from the binary
#   make asan       the sanitizer build only (build-asan/crosscheck)
#   make fuzz       libFuzzer harnesses for the parsers (clang), run briefly
#   make screenshot docs/report.png: the HTML report of the seeds in headless Chromium
#   make bench      benchmarks over ../shared/corpus (figures for docs/performance.md)
#   make stress     the reliability probes at scale (concurrent ack and archive creation, hostile names, FIFO and
#                   device inputs, big rulebooks, hostile YAML and patterns); prints figures
#   make install    PREFIX=/usr/local: binary, example rulebook, man page

PREFIX  ?= /usr/local
CC      ?= cc
# pkg-config modules from the one package list (scripts/packages.txt)
PKGS     = $(shell awk '!/^\#/ && NF == 3 && $$3 == "build" && $$2 != "-" { print $$2 }' scripts/packages.txt)
VERSION  = 0.1.0

BUILD   ?= build
WARN     = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wformat=2 \
           -Wno-unused-parameter $(if $(WERROR),-Werror)
OPT     ?= -O2 -g
CFLAGS  += -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(OPT) $(WARN) \
           -DCC_VERSION='"$(VERSION)"' -DCC_DATADIR='"$(PREFIX)/share/crosscheck"' \
           $(shell pkg-config --cflags $(PKGS))
LDLIBS  += $(shell pkg-config --libs $(PKGS)) -lm
CHECK_LIBS = $(shell pkg-config --libs check)

SRC      = $(filter-out src/main.c,$(wildcard src/*.c))
OBJ      = $(SRC:src/%.c=$(BUILD)/obj/%.o)
TESTSRC  = $(wildcard tests/unit/test_*.c)
TESTBIN  = $(TESTSRC:tests/unit/%.c=$(BUILD)/tests/%)

.PHONY: all tests-bin demo check unit e2e update-golden asan check-asan fuzz bench stress install clean deps screenshot
all: $(BUILD)/crosscheck

# -MMD -MP: each object depends on the headers it includes, no more.
$(BUILD)/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/libcrosscheck.a: $(OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/crosscheck: $(BUILD)/obj/main.o $(BUILD)/libcrosscheck.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libcrosscheck.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -MMD -MP -Isrc -Itests/unit -o $@ $< $(BUILD)/libcrosscheck.a $(LDLIBS) $(CHECK_LIBS)

-include $(OBJ:.o=.d) $(BUILD)/obj/main.d $(TESTBIN:=.d)

# Every test binary, built but not run (CI builds them with WERROR=1 under gcc and clang).
tests-bin: $(TESTBIN)

deps:
	@sh scripts/install-deps.sh

demo: deps all
	@echo '$$ build/crosscheck check --rules rules/egov-vn.yaml fixtures/seeds/*.txt'
	@$(BUILD)/crosscheck check --rules rules/egov-vn.yaml fixtures/seeds/*.txt; \
	 rc=$$?; echo "(exit code $$rc: 1 means conflicts were found)"; [ $$rc -le 1 ]

unit: $(TESTBIN)
	@sh tests/run-unit.sh $(BUILD)/tests

e2e: $(BUILD)/crosscheck
	@sh tests/e2e/run.sh $(BUILD)/crosscheck

# After an intended change of output: rewrites tests/e2e/cases/*/stdout and stderr, then
# shows what changed (read the diff before committing it).
update-golden: $(BUILD)/crosscheck
	@sh tests/e2e/run.sh --update $(BUILD)/crosscheck; rc=$$?; \
	 git --no-pager diff --stat -- tests/e2e/cases; exit $$rc

# The whole suite, then again with AddressSanitizer and UndefinedBehaviorSanitizer.
check:
	@python3 scripts/check-includes.py
	@$(MAKE) --no-print-directory unit e2e
	@$(MAKE) --no-print-directory check-asan

check-asan:
	@$(MAKE) --no-print-directory BUILD=build-asan \
	  OPT='-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined' \
	  LDFLAGS='-fsanitize=address,undefined' unit e2e

asan:
	@$(MAKE) --no-print-directory BUILD=build-asan \
	  OPT='-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined' \
	  LDFLAGS='-fsanitize=address,undefined' all

fuzz:
	@sh tests/fuzz/run.sh

# The HTML report of the seeds rendered by headless Chromium, saved as docs/report.png.
screenshot: all
	@sh scripts/screenshot.sh $(BUILD)/crosscheck docs/report.png

bench: all
	@sh bench/run.sh $(BUILD)/crosscheck
	@sh bench/archive.sh $(BUILD)/crosscheck

# Not part of `make check`: a minute or two, figures for docs/reliability.md.
# STRESS_BEFORE=path/to/an/older/crosscheck adds its figures for comparison.
stress: all
	@sh tests/stress/run.sh $(BUILD)/crosscheck $(STRESS_BEFORE)

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/crosscheck $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(BUILD)/crosscheck $(DESTDIR)$(PREFIX)/bin/crosscheck
	install -d $(DESTDIR)$(PREFIX)/share/crosscheck/rules
	install -m 644 rules/egov-vn.yaml $(DESTDIR)$(PREFIX)/share/crosscheck/rules/egov-vn.yaml
	install -m 644 docs/crosscheck.1 $(DESTDIR)$(PREFIX)/share/man/man1/crosscheck.1

clean:
	rm -rf build build-asan
