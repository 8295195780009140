# The Unix filter contract, checked on every filter that reads records:
# inputs, bad lines, exit codes, output failures, --help and --version.

for prog in avis-norm avis-fmt avis-score; do
	P="$BIN/$prog"
	# filt ARGS: run the filter so that it writes JSON jq can read.
	if [ "$prog" = avis-fmt ]; then filt() { "$P" -f json "$@"; }; else filt() { "$P" "$@"; }; fi

	"$P" --help >help.out 2>&1; rc=$?
	expect_rc "$prog --help exits 0" $rc 0
	expect_match "$prog --help shows usage" "$(cat help.out)" "^Usage: $prog "
	"$P" --version >v.out 2>&1; rc=$?
	expect_match "$prog --version" "$(cat v.out)" "^$prog \(avis\) [0-9]+\.[0-9]+"
	"$P" --no-such-option </dev/null >/dev/null 2>err.out; rc=$?
	expect_rc "$prog: unknown option exits 2" $rc 2
	expect_match "$prog: unknown option is named" "$(cat err.out)" "no-such-option"

	# Good and bad lines mixed: every good record comes out, in order;
	# every bad one is reported with file and line; exit 2 at the end.
	cat >mixed.jsonl <<'EOR'
{"id":"r1","text":"un"}
{"id":"r2","text":"deux"
[1,2]

"just a string"
{"id":"r3","text":"trois"}
{"id":
{"id":"r4","text":"quatre"}
EOR
	filt mixed.jsonl >out 2>err; rc=$?
	got=$(jq -r .id out | tr '\n' ' ')
	expect_eq "$prog: good records pass, in order" "$got" "r1 r3 r4 "
	expect_rc "$prog: bad records make exit 2" $rc 2
	expect_eq "$prog: each bad line reported once" "$(wc -l <err | tr -d ' ')" 4
	expect_match "$prog: truncated line located" "$(cat err)" "^$prog: mixed\.jsonl:2: invalid record: "
	expect_match "$prog: array line named" "$(cat err)" "^$prog: mixed\.jsonl:3: invalid record: not a JSON object but an array"
	expect_match "$prog: string line named" "$(cat err)" "^$prog: mixed\.jsonl:5: invalid record: not a JSON object but a string"
	expect_match "$prog: line 7 located" "$(cat err)" "^$prog: mixed\.jsonl:7: invalid record"

	# A UTF-8 byte order mark opens the file: skipped, not a bad line
	# (RFC 8259 lets a parser ignore it); inside a file it stays an error.
	printf '\357\273\277{"id":"b1"}\n\357\273\277{"id":"b2"}\n' >bom.jsonl
	filt bom.jsonl >out 2>err; rc=$?
	expect_eq "$prog: byte order mark of a file skipped" "$(jq -r .id out | tr '\n' ' ')" "b1 "
	expect_match "$prog: byte order mark inside a file refused" "$(cat err)" "^$prog: bom\.jsonl:2: invalid record"
	printf '\357\273\277\n{"id":"b3"}\n' >bom.jsonl
	filt bom.jsonl >out 2>err; rc=$?
	expect_eq "$prog: byte order mark on a blank first line" "$(jq -r .id out):$rc:$(cat err)" "b3:0:"
	# each file's first line, stdin's too: the line count starts again
	printf '{"id":"b4"}\n' >plain.jsonl
	printf '\357\273\277{"id":"b5"}\n\357\273\277{"id":"b6"}\n' | filt plain.jsonl - bom.jsonl >out 2>err; rc=$?
	expect_eq "$prog: byte order mark opening stdin and a later file" "$(jq -r .id out | tr '\n' ' ')" "b4 b5 b3 "
	expect_match "$prog: byte order mark later in stdin located" "$(cat err)" "^$prog: <stdin>:2: invalid record: "
	expect_eq "$prog: only that line reported" "$(wc -l <err | tr -d ' ')" 1

	# --strict stops at the first bad line.
	filt --strict mixed.jsonl >out 2>err; rc=$?
	expect_eq "$prog --strict: stops at first bad line" "$(jq -r .id out | tr '\n' ' ')" "r1 "
	expect_rc "$prog --strict: exit 2" $rc 2
	expect_eq "$prog --strict: one message" "$(wc -l <err | tr -d ' ')" 1

	# Empty input, missing file, directory: the rest is still processed.
	: >empty.jsonl
	filt empty.jsonl >out 2>err; rc=$?
	expect_rc "$prog: empty file is fine" $rc 0
	expect_eq "$prog: empty file, empty output" "$(cat out)" ""
	printf '{"id":"ok"}\n' >one.jsonl
	mkdir -p adir
	filt nope.jsonl adir one.jsonl >out 2>err; rc=$?
	expect_rc "$prog: missing file exits 2" $rc 2
	expect_match "$prog: missing file named" "$(cat err)" "^$prog: nope\.jsonl: No such file or directory$"
	expect_match "$prog: directory refused" "$(cat err)" "^$prog: adir: Is a directory$"
	expect_match "$prog: later file still read" "$(cat out)" "ok"

	# stdin, named as - or implied.
	got=$(filt <one.jsonl | grep -c ok)
	expect_eq "$prog: reads stdin by default" "$got" 1
	got=$(filt - <one.jsonl | grep -c ok)
	expect_eq "$prog: reads stdin as -" "$got" 1
	printf '{"id":"ok"}\n[' | filt >/dev/null 2>err
	expect_match "$prog: stdin is named in messages" "$(cat err)" "^$prog: <stdin>:2: invalid record"

	# -o FILE
	filt -o written.out one.jsonl; rc=$?
	expect_rc "$prog -o: exit 0" $rc 0
	expect_match "$prog -o: writes the file" "$(cat written.out)" "ok"

	cp one.jsonl same.jsonl
	filt -o same.jsonl same.jsonl 2>err; rc=$?
	expect_rc "$prog -o onto an input: refused" $rc 2
	expect_match "$prog -o onto an input: said" "$(cat err)" "same\.jsonl: the output would overwrite an input"
	expect_match "$prog -o onto an input: input intact" "$(cat same.jsonl)" "ok"

	# A failed write is an error, never silent.
	filt one.jsonl >/dev/full 2>err; rc=$?
	expect_rc "$prog: full disk exits 2" $rc 2
	expect_match "$prog: full disk reported" "$(cat err)" "^$prog: <stdout>: write error: No space left on device"
	for i in $(seq 20000); do printf '{"id":"r%d","text":"texte numero %d"}\n' "$i" "$i"; done >many.jsonl
	filt many.jsonl 2>err | head -c 10 >/dev/null; rc=${PIPESTATUS[0]}
	expect_rc "$prog: closed pipe exits 2" $rc 2
	expect_match "$prog: closed pipe reported" "$(cat err)" "write error: Broken pipe"

	# A 10 MB line is one record like any other.
	{ printf '{"id":"big","text":"'; head -c 10000000 /dev/zero | tr '\0' 'a'; printf '"}\n{"id":"after"}\n'; } >big.jsonl
	filt big.jsonl >out 2>err
	expect_eq "$prog: 10 MB line kept whole" "$(jq -r 'select(.id=="big") | .text | length' out)" 10000000
	expect_eq "$prog: record after the 10 MB line" "$(jq -r 'select(.id=="after") | .id' out)" "after"
	no_sanitizer_report "$prog: no sanitizer report" err
done
