#!/usr/bin/env bash
# Run every test twice: with the normal build (bin/) and with the
# ASan+UBSan build (build/asan/bin).  Each flavour runs the unit tests
# (C) and the CLI tests (tests/cli/*.sh, which run the real binaries).
# Ends with one line "N passed, N failed" over everything.
set -u
cd "$(dirname "$0")/.."
ROOT=$PWD
RESULTS=$(mktemp)
trap 'rm -f "$RESULTS"' EXIT
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:exitcode=99
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:exitcode=99

run_flavour() {
	local flavour=$1 bindir=$2 builddir=$3
	echo "== $flavour: unit tests"
	if "$builddir/tests/unit-tests" >"$RESULTS.unit" 2>&1; then :; fi
	grep -E '^(not )?ok ' "$RESULTS.unit" | sed "s/^/$flavour /" | grep '^.* not ok' || true
	local up uf
	up=$(grep -c '^ok ' "$RESULTS.unit")
	uf=$(grep -c '^not ok ' "$RESULTS.unit")
	if ! grep -q '^1\.\.' "$RESULTS.unit"; then
		echo "unit tests did not finish:"; tail -20 "$RESULTS.unit"; uf=$((uf + 1))
	fi
	for _ in $(seq "$up"); do echo "PASS $flavour unit" >>"$RESULTS"; done
	for _ in $(seq "$uf"); do echo "FAIL $flavour unit" >>"$RESULTS"; done
	echo "   $up passed, $uf failed"
	rm -f "$RESULTS.unit"
	for t in tests/cli/*.sh; do
		echo "== $flavour: $t"
		(
			export BIN="$ROOT/$bindir" TESTS="$ROOT/tests" ROOT FLAVOUR="$flavour" RESULTS
			TMP=$(mktemp -d)
			export TMP
			trap 'rm -rf "$TMP"' EXIT
			cd "$TMP" || exit 1
			# shellcheck source=tests/clilib.sh
			. "$ROOT/tests/clilib.sh"
			. "$ROOT/$t"
		)
	done
}

run_flavour plain bin build
AVIS_RULES="$ROOT/rules" run_flavour asan build/asan/bin build/asan

passed=$(grep -c '^PASS' "$RESULTS")
failed=$(grep -c '^FAIL' "$RESULTS")
if [ "$failed" -gt 0 ]; then
	echo "failures:"
	grep '^FAIL' "$RESULTS" | sed 's/^FAIL /  /'
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
