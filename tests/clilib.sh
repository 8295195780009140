# Helpers for CLI tests.  Sourced by tests/run.sh in a fresh temporary
# directory ($TMP, also the working directory) with:
#   $BIN      the directory of the binaries under test
#   $TESTS    the tests/ directory (fixtures in $TESTS/data)
#   $RESULTS  where each check appends PASS/FAIL lines
# Every check names what it tests; a failure prints what was expected.

pass() { echo "PASS $FLAVOUR $1" >>"$RESULTS"; }
fail() {
	echo "FAIL $FLAVOUR $1" >>"$RESULTS"
	printf '   FAIL %s\n' "$1"
	shift
	[ $# -gt 0 ] && printf '        %s\n' "$@"
	return 0
}

# expect_eq NAME ACTUAL EXPECTED
expect_eq() {
	if [ "$2" == "$3" ]; then pass "$1"; else
		fail "$1" "expected: $(printf %s "$3" | head -c 600)" "actual:   $(printf %s "$2" | head -c 600)"
	fi
}

# expect_match NAME TEXT ERE
expect_match() {
	if printf '%s' "$2" | grep -Eq -- "$3"; then pass "$1"; else
		fail "$1" "expected to match: $3" "actual: $(printf %s "$2" | head -c 600)"
	fi
}

# expect_no_match NAME TEXT ERE
expect_no_match() {
	if printf '%s' "$2" | grep -Eq -- "$3"; then
		fail "$1" "expected not to match: $3" "actual: $(printf %s "$2" | head -c 600)"
	else pass "$1"; fi
}

# expect_rc NAME ACTUAL EXPECTED
expect_rc() {
	if [ "$2" -eq "$3" ]; then pass "$1"; else fail "$1" "exit status $2, expected $3"; fi
}

# expect_file_eq NAME FILE EXPECTED_FILE
expect_file_eq() {
	if cmp -s "$2" "$3"; then pass "$1"; else
		fail "$1" "$(diff -u "$3" "$2" | head -20)"
	fi
}

# count_lines FILE: number of lines (0 for a missing file)
count_lines() { [ -f "$1" ] && wc -l <"$1" | tr -d ' ' || echo 0; }

# Sanitizer reports make the process exit 99: never mistake one for an
# ordinary status.
no_sanitizer_report() {
	if grep -qE 'ERROR: (Address|Undefined|Leak)Sanitizer|runtime error:' "$2" 2>/dev/null; then
		fail "$1" "$(grep -E 'Sanitizer|runtime error' "$2" | head -5)"
	else pass "$1"; fi
}

# max_width FILE: the widest line in terminal columns, colours and CRs
# left out (wide characters count two).
max_width() {
	python3 - "$1" <<'EOP'
import re, sys, unicodedata
w = 0
for line in open(sys.argv[1], encoding="utf-8"):
    line = re.sub(r"\x1b\[[0-9;]*m", "", line).rstrip("\r\n")
    w = max(w, sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line))
print(w)
EOP
}
