# avis — build, test, benchmark, install.  See README.md.
#
#   make            build bin/avis-*
#   make check      unit + CLI tests, then again under ASan+UBSan
#   make bench      throughput and memory against a no-op baseline
#   make eval       accuracy against labeled data (read in place)
#   make models     retrain the rules' word models (rules/*/models/)
#   make fuzz       libFuzzer harnesses (clang), FUZZ_SECONDS each
#   make demo       the pipeline on bundled example records
#   make install    PREFIX=/usr/local DESTDIR=
#   make deps       install the Debian packages the build needs

PREFIX   ?= /usr/local
DESTDIR  ?=
BINDIR    = $(PREFIX)/bin
DATADIR   = $(PREFIX)/share/avis
MANDIR    = $(PREFIX)/share/man

CC       ?= cc
CFLAGS   ?= -O2 -g
WERROR   ?= -Werror
PKGS      = libpcre2-8 libxml-2.0 jansson libutf8proc nettle
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
# libstemmer ships no .pc file; iconv is in glibc (add -liconv elsewhere).
LIBS      = $(PKG_LIBS) -lstemmer $(ICONV_LIBS)
# avis-score: sqrt and round of the sentiment normalisation.
LIBS     += -lm
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Wpedantic $(WERROR) \
	     -Ilib $(PKG_CFLAGS) -DAVIS_DATADIR='"$(DATADIR)"' $(CFLAGS)

# O is the build flavour's directory: build/ for the normal build,
# build/asan for the sanitizer build (make check builds both).
O        ?= build
BIN      ?= bin
SAN_FLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

LIB_SRC  = $(wildcard lib/*.c)
CMD_SRC  = $(wildcard cmd/avis.c cmd/avis-*.c)
CMDS     = $(patsubst cmd/%.c,$(BIN)/%,$(CMD_SRC))
LIB_OBJ  = $(patsubst lib/%.c,$(O)/lib/%.o,$(LIB_SRC))
UNIT_SRC = $(wildcard tests/unit/test_*.c)
UNIT_BIN = $(O)/tests/unit-tests

DEB_PKGS = build-essential pkg-config libpcre2-dev libxml2-dev libjansson-dev \
	   libutf8proc-dev libstemmer-dev nettle-dev jq mandoc python3 clang libclang-rt-14-dev
# make bench, avis-parse rows: xmllint is the libxml2 floor, BeautifulSoup +
# lxml the peer script (tests/bench/peers/parse_bs4.py).
DEB_PKGS += libxml2-utils python3-bs4 python3-lxml

.PHONY: eval-peers check-browser deps-browser check-office
.PHONY: all unit check check-unit check-cli check-asan bench eval models fuzz demo install \
	uninstall deps clean lint-man

all: $(CMDS)

.SECONDARY:

$(O)/lib/%.o: lib/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

$(O)/cmd/%.o: cmd/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

$(O)/libavis.a: $(LIB_OBJ)
	$(AR) rcs $@ $^

$(BIN)/%: $(O)/cmd/%.o $(O)/libavis.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -o $@ $^ $(LIBS)

# The suites are found in the test files, not registered by hand.
$(O)/tests/suites.inc: $(UNIT_SRC)
	@mkdir -p $(@D)
	sed -n 's/^void \(test_[a-z0-9_]*\)(T \*t)$$/SUITE(\1)/p' $(UNIT_SRC) >$@.tmp && mv $@.tmp $@

$(O)/tests/%.o: tests/unit/%.c $(O)/tests/suites.inc
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Itests/unit -I$(O)/tests -MMD -MP -c $< -o $@

$(UNIT_BIN): $(patsubst tests/unit/%.c,$(O)/tests/%.o,$(UNIT_SRC) tests/unit/harness.c) $(O)/libavis.a
	$(CC) $(CFLAGS) -o $@ $^ $(LIBS)

unit: $(UNIT_BIN)

-include $(wildcard $(O)/*/*.d)

# ---- tests ---------------------------------------------------------------

check: deps
	@$(MAKE) --no-print-directory all unit
	@$(MAKE) --no-print-directory all unit O=build/asan BIN=build/asan/bin \
		CFLAGS="-O1 -g $(SAN_FLAGS)"
	@$(MAKE) --no-print-directory lint-man
	@tests/run.sh

# The report in headless Chromium: DOM, injection, screenshot (CI runs it).
check-browser: deps deps-browser
	@$(MAKE) --no-print-directory all
	@tests/browser/run.sh

# The --excel CSV in LibreOffice Calc (heavy: not run by CI; see README).
check-office: all
	@tests/office/run.sh

lint-man:
	@for m in man/man*/*.[0-9]; do mandoc -Tlint -Wwarning "$$m" || exit 1; done
	@echo "man pages: mandoc -Tlint clean"

# ---- benchmarks, evaluation, fuzzing ----------------------------------------

BENCH_N ?= 1000000
bench: all
	@tests/bench/run.sh $(BENCH_N)

EVAL_DATA ?= ../shared/corpus/sentiment
eval: all
	@tests/eval/run.sh "$(EVAL_DATA)"

# The word models of the rules that declare one (avis-rules(5)), from the
# development cases of make eval; deterministic (PYTHONHASHSEED fixes the
# order of Python's sets).
models: all
	PYTHONHASHSEED=0 python3 tests/eval/train_models.py bin rules/fr

# Peer sentiment scorers (npm, versions pinned by package-lock.json) for
# make eval; node_modules stays out of git.
eval-peers:
	cd tests/eval/peers && npm ci --no-audit --no-fund

FUZZ_SECONDS ?= 60
FUZZ_CC ?= clang
FUZZ_TARGETS = $(patsubst tests/fuzz/fuzz_%.c,build/fuzz/fuzz_%,$(wildcard tests/fuzz/fuzz_*.c))
build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(LIB_SRC)
	@mkdir -p $(@D)
	$(FUZZ_CC) -std=c11 -D_POSIX_C_SOURCE=200809L -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
		-Ilib $(PKG_CFLAGS) -DAVIS_DATADIR='"$(DATADIR)"' -o $@ $< $(LIB_SRC) $(LIBS)
# fuzz_splice reports bad lines on stderr as the filters do: its stderr is
# closed (-close_fd_mask=2; libFuzzer and the sanitizers keep theirs); the
# other harnesses' stderr says why they could not start.
fuzz: $(FUZZ_TARGETS)
	@for f in $(FUZZ_TARGETS); do \
		n=$${f##*/}; mkdir -p build/fuzz/corpus-$$n; \
		echo "== $$n for $(FUZZ_SECONDS)s"; \
		q=; [ $$n = fuzz_splice ] && q=-close_fd_mask=2; \
		$$f -max_total_time=$(FUZZ_SECONDS) -max_len=65536 $$q build/fuzz/corpus-$$n \
			tests/fuzz/seeds/$${n#fuzz_} || exit 1; \
	done

# ---- demo, install -------------------------------------------------------

# Recursive: the first make read pkg-config before deps installed anything.
demo: deps
	@$(MAKE) --no-print-directory all
	@tests/demo.sh

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR) \
		$(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(MANDIR)/man7
	install -m 755 $(CMDS) $(DESTDIR)$(BINDIR)
	cp -R rules $(DESTDIR)$(DATADIR)/
	for s in 1 5 7; do \
		for m in man/man$$s/*.$$s; do [ -f "$$m" ] && install -m 644 "$$m" $(DESTDIR)$(MANDIR)/man$$s; done; \
	done; true

uninstall:
	rm -f $(patsubst cmd/%.c,$(DESTDIR)$(BINDIR)/%,$(CMD_SRC))
	rm -rf $(DESTDIR)$(DATADIR)

# ---- dependencies --------------------------------------------------------

deps-browser:
	@$(MAKE) --no-print-directory deps DEB_PKGS="chromium"

deps:
	@missing=$$(for p in $(DEB_PKGS); do \
		dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; \
	done); \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "installing: $$missing"; \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null || \
		{ echo "apt-get install failed; try: apt-get update && apt-get install -y $$missing" >&2; exit 2; }; \
	else \
		echo "missing Debian packages; run:" >&2; \
		echo "  sudo apt-get install -y $$missing" >&2; exit 2; \
	fi

clean:
	rm -rf build bin
