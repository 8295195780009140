# make install: binaries, man pages and rules land under DESTDIR/PREFIX,
# and an installed binary finds its rules without being told.
if [ "$FLAVOUR" = plain ]; then
	make -s -C "$ROOT" install DESTDIR="$TMP/stage" PREFIX=/opt/avis >install.log 2>&1; rc=$?
	expect_rc "make install exits 0" $rc 0
	for f in bin/avis-norm bin/avis-fmt share/avis/rules/lang/fr.words share/man/man1/avis-norm.1 \
		 share/man/man1/avis-fmt.1 share/man/man5/avis-lang.5 share/man/man7/avis.7; do
		[ -f "$TMP/stage/opt/avis/$f" ] && pass "installed $f" || fail "installed $f"
	done
	got=$(printf '{"text":"Le médecin est très gentil"}\n' |
		env -u AVIS_RULES "$TMP/stage/opt/avis/bin/avis-norm" | jq -r .lang)
	expect_eq "installed avis-norm finds its rules" "$got" fr
	mv "$TMP/stage/opt/avis" "$TMP/moved"
	got=$(printf '{"text":"The doctor was kind"}\n' |
		env -u AVIS_RULES "$TMP/moved/bin/avis-norm" | jq -r .lang)
	expect_eq "an installed tree can be moved" "$got" en
fi
