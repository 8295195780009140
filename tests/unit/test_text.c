/* Unit tests: charset, text (clean and fold), artefacts, lang. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <utf8proc.h>

#include "artefact.h"
#include "charset.h"
#include "harness.h"
#include "lang.h"
#include "text.h"

void test_charset(T *t)
{
	avis_charset *cs = avis_charset_new();
	CHECK(t, cs != NULL, "iconv knows WINDOWS-1252");
	const char ok[] = "caf\xC3\xA9 \xF0\x9F\x98\x8A";
	CHECK(t, avis_utf8_invalid_at(ok, sizeof ok - 1) == sizeof ok - 1, "valid UTF-8 accepted");
	CHECK(t, avis_utf8_invalid_at("ab\xE9", 3) == 2, "stray Latin-1 byte found");
	CHECK(t, avis_utf8_invalid_at("\xC0\xAF", 2) == 0, "overlong form rejected");
	CHECK(t, avis_utf8_invalid_at("\xED\xA0\x80", 3) == 0, "surrogate rejected");
	CHECK(t, avis_utf8_invalid_at("\xE2\x82", 2) == 0, "truncated sequence rejected");
	CHECK(t, avis_cp1252_decode(cs, 0x92) == 0x2019 && avis_cp1252_decode(cs, 0x80) == 0x20AC,
	      "Windows-1252 from iconv: 0x92 is U+2019, 0x80 is U+20AC");
	CHECK(t, avis_cp1252_decode(cs, 0x81) == -1, "0x81 is undefined");
	avis_buf out = AVIS_BUF_INIT;
	size_t n = avis_utf8_repair(cs, "t\xE8s \xC3\xA9\x00 \x81\x92", 10, &out);
	CHECK_STR(t, out.data, out.len, "t\xC3\xA8s \xC3\xA9 \xEF\xBF\xBD\xE2\x80\x99",
		  "repair: cp1252, valid kept, NUL dropped, undefined to U+FFFD");
	CHECK(t, n == 3, "repair counts repaired bytes");
	avis_buf_clear(&out);
	CHECK(t, avis_fix_mojibake(cs, "Tr\xC3\x83\xC2\xA8s", 7, &out), "mojibake found");
	CHECK_STR(t, out.data, out.len, "Tr\xC3\xA8s", "mojibake undone");
	CHECK(t, !avis_fix_mojibake(cs, "S\xC3\x83o Paulo \xF0\x9F\x98\x8A", 14, &out),
	      "text that does not round-trip is left alone");
	CHECK(t, !avis_fix_mojibake(cs, "plain", 5, &out), "plain text is not mojibake");
	avis_buf_free(&out);
	avis_charset_free(cs);
}

static void clean(avis_text *tx, T *t, const char *in, const char *want, unsigned want_fixes,
		  const char *what)
{
	avis_buf out = AVIS_BUF_INIT;
	unsigned fixes;
	avis_text_clean(tx, in, strlen(in), &out, &fixes);
	CHECK_STR(t, out.data ? out.data : "", out.len, want, what);
	CHECK(t, fixes == want_fixes, what);
	avis_buf_free(&out);
}

static void fold(avis_text *tx, T *t, const char *in, const char *want, const char *what)
{
	avis_buf out = AVIS_BUF_INIT;
	avis_text_fold(tx, in, strlen(in), &out, NULL);
	CHECK_STR(t, out.data ? out.data : "", out.len, want, what);
	avis_buf_free(&out);
}

void test_text(T *t)
{
	avis_charset *cs = avis_charset_new();
	avis_text *tx = avis_text_new(cs);
	clean(tx, t, "a &lt;b&gt; &amp;amp; &#233;&#xE9; &apos;", "a <b> &amp; éé '", AVIS_FIX_ENTITY,
	      "entities decoded once");
	clean(tx, t, "&#0; &#xD800; &#99999999; &nope; & x", "&#0; &#xD800; &#99999999; &nope; & x", 0,
	      "invalid entities kept as text");
	clean(tx, t, "\xE2\x80\x98q\xE2\x80\x99 \xE2\x80\x9C" "d\xE2\x80\x9D \xC2\xABg\xC2\xBB",
	      "'q' \"d\" \xC2\xABg\xC2\xBB", 0, "quotes unified, guillemets kept");
	clean(tx, t, " \t a \xC2\xA0\xE2\x80\xAF b\r\n\r\n c\n", "a b\nc", 0, "white space");
	clean(tx, t, "e\xCC\x81", "\xC3\xA9", 0, "NFC");
	clean(tx, t, "a\x01" "b\x7f" "c\xE2\x80\x8B" "d\xC2\xAD" "e", "abcde", 0,
	      "controls and invisible junk removed");
	clean(tx, t, "\xC2\x80 5", "\xE2\x82\xAC 5", AVIS_FIX_CHARSET, "C1 control as Windows-1252");
	clean(tx, t, "", "", 0, "empty text");
	clean(tx, t, " \n ", "", 0, "only white space");
	clean(tx, t, "\xF0\x9F\x91\xA8\xE2\x80\x8D\xE2\x9A\x95\xEF\xB8\x8F",
	      "\xF0\x9F\x91\xA8\xE2\x80\x8D\xE2\x9A\x95\xEF\xB8\x8F", 0, "emoji sequences intact");

	fold(tx, t, "\xC3\x89T\xC3\x89 \xC5\x92uvre \xC3\x86 Stra\xC3\x9F" "e", "ete oeuvre ae strasse",
	     "case, accents, ligatures, sharp s");
	fold(tx, t, "l'attente, rendez-vous!", "l'attente , rendez-vous !", "joiners and spacing");
	fold(tx, t, "3.5 3,5 17:30 1/2 a.b", "3.5 3,5 17:30 1/2 a . b", "digit joiners only between digits");
	fold(tx, t, "- x -y z- 'q'", "- x - y z - ' q '", "hyphen and apostrophe at word edges");
	fold(tx, t, "Top\xF0\x9F\x98\x8A\xF0\x9F\x98\x8A :-)", "top \xF0\x9F\x98\x8A \xF0\x9F\x98\x8A :-)",
	     "emoji apart, emoticons whole");
	fold(tx, t, "a\n\nb  c", "a\nb c", "breaks and spaces");
	fold(tx, t, "l'\xC3\xA9t\xC3\xA9 x- 1,\xD9\xA3 a'", "l'ete x - 1,\xD9\xA3 a '",
	     "joiner before a folded letter, a non-ASCII digit; at the end");
	fold(tx, t, "\xEA\xB0\x80 \xEF\xAC\x81", "\xEA\xB0\x80 fi", "Hangul recomposed, compat ligature");
	fold(tx, t, "\xE2\x80\x94\xE2\x80\x99\xC2\xA0x", "-' x", "LUMP: dash, quote, no-break space");

	/* The offset map points back into the source. */
	const char *src = "\xC3\x89t\xC3\xA9 !";
	avis_buf out = AVIS_BUF_INIT;
	avis_offmap map = {0};
	avis_text_fold(tx, src, strlen(src), &out, &map);
	CHECK_STR(t, out.data, out.len, "ete !", "fold with map");
	CHECK(t, map.len == out.len, "one offset per folded byte");
	bool ok = map.len == 5 && map.src[0] == 0 && map.src[1] == 2 && map.src[2] == 3 &&
		  map.src[4] == 6;
	CHECK(t, ok, "offsets land on source characters");
	avis_offmap_free(&map);
	avis_buf_free(&out);
	avis_text_free(tx);
	avis_charset_free(cs);
}

/* What reqlit.h's AVIS_REQLIT_ONE_SPACE counts on: in a folded text,
 * every character PCRE2 takes for \\s (UTF + UCP) is a space or a line
 * break, never two in a row, never first or last.  Tried with every code
 * point \\s matches, twice between words and at both ends. */
void test_fold_whitespace(T *t)
{
	int err;
	PCRE2_SIZE off;
	pcre2_code *space = pcre2_compile((PCRE2_SPTR) "^\\s$", PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_UCP,
					  &err, &off, NULL);
	pcre2_code *bad = pcre2_compile((PCRE2_SPTR) "^\\s|\\s\\s|\\s$|[^\\S \\n]", PCRE2_ZERO_TERMINATED,
					PCRE2_UTF | PCRE2_UCP, &err, &off, NULL);
	pcre2_match_data *md = pcre2_match_data_create(4, NULL);
	avis_charset *cs = avis_charset_new();
	avis_text *tx = avis_text_new(cs);
	avis_buf in = AVIS_BUF_INIT, out = AVIS_BUF_INIT;
	size_t spaces = 0, wrong = 0;
	for (int32_t cp = 0; cp <= 0x10FFFF; cp++) {
		uint8_t one[4];
		if (!utf8proc_codepoint_valid(cp))
			continue;
		utf8proc_ssize_t n = utf8proc_encode_char(cp, one);
		if (pcre2_match(space, one, (size_t)n, 0, 0, md, NULL) < 0)
			continue;
		spaces++;
		avis_buf_clear(&in);
		avis_buf_put(&in, one, (size_t)n);
		avis_buf_puts(&in, "a");
		avis_buf_put(&in, one, (size_t)n);
		avis_buf_put(&in, one, (size_t)n);
		avis_buf_puts(&in, "b , ");
		avis_buf_put(&in, one, (size_t)n);
		avis_text_fold(tx, in.data, in.len, &out, NULL);
		if (pcre2_match(bad, (PCRE2_SPTR)out.data, out.len, 0, 0, md, NULL) >= 0 && wrong++ < 5)
			fprintf(stderr, "# U+%04X folds to \"%s\"\n", (unsigned)cp, out.data);
	}
	CHECK(t, spaces >= 25, "fold whitespace: PCRE2's \\s characters were tried");
	CHECK(t, wrong == 0, "fold whitespace: one space or line break at a time, inside the text");
	avis_buf_free(&in);
	avis_buf_free(&out);
	avis_text_free(tx);
	avis_charset_free(cs);
	pcre2_match_data_free(md);
	pcre2_code_free(space);
	pcre2_code_free(bad);
}

static void strip(avis_artefacts *a, T *t, const char *in, const char *want_text,
		  const char *want_tr, unsigned want_found, const char *what)
{
	avis_buf text = AVIS_BUF_INIT, tr = AVIS_BUF_INIT;
	avis_buf_puts(&text, in);
	unsigned found = avis_artefacts_strip(a, &text, &tr);
	CHECK_STR(t, text.data, text.len, want_text, what);
	CHECK_STR(t, tr.data ? tr.data : "", tr.len, want_tr, what);
	CHECK(t, found == want_found, what);
	avis_buf_free(&text);
	avis_buf_free(&tr);
}

void test_artefact(T *t)
{
	avis_artefacts *a = avis_artefacts_new();
	strip(a, t, "(Traduit par Google) Hello\n(Avis d'origine)\nBonjour", "Bonjour", "Hello",
	      AVIS_ART_TRANSLATED, "translation with original");
	strip(a, t, "(Translated by Google) Hi", "Hi", "", AVIS_ART_TRANSLATED, "banner only");
	strip(a, t, "Bien (Traduit par Google)", "Bien (Traduit par Google)", "", 0,
	      "banner not at the start is text");
	strip(a, t, "Long texte\xE2\x80\xA6 Plus", "Long texte\xE2\x80\xA6", "", AVIS_ART_TRUNCATED,
	      "ellipsis + Plus");
	strip(a, t, "Long text... Read more", "Long text...", "", AVIS_ART_TRUNCATED, "dots + Read more");
	strip(a, t, "Texte\nVoir plus", "Texte", "", AVIS_ART_TRUNCATED, "button on its own line");
	strip(a, t, "Je ne viendrai Plus", "Je ne viendrai Plus", "", 0, "Plus as a word");
	strip(a, t, "Rien de plus", "Rien de plus", "", 0, "plus lower case");
	strip(a, t, "(Traduit par Google) Hel\xE2\x80\xA6 Plus\n(Avis d'origine)\nBon\xE2\x80\xA6 Plus",
	      "Bon\xE2\x80\xA6", "Hel\xE2\x80\xA6", AVIS_ART_TRANSLATED | AVIS_ART_TRUNCATED,
	      "both artefacts");
	avis_artefacts_free(a);
}

void test_lang(T *t)
{
	char err[512];
	avis_lang *l = avis_lang_load("rules/lang", err, sizeof err);
	CHECK(t, l != NULL, "shipped profiles load");
	if (!l)
		return;
	struct { const char *text, *want; } cases[] = {
		{"le medecin est tres gentil et a l'ecoute", "fr"},
		{"super", "fr"},
		{"the doctor was very kind", "en"},
		{"el medico es muy amable y la atencion fue buena", "other"},
		{"xyzzy plugh", "other"},
		{"", "other"},
		{"top merci", "fr"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		CHECK(t, strcmp(avis_lang_guess(l, cases[i].text, strlen(cases[i].text)), cases[i].want) == 0,
		      cases[i].text);
	avis_lang_free(l);
	CHECK(t, avis_lang_load("/nonexistent", err, sizeof err) == NULL &&
		 strstr(err, "/nonexistent: No such file"), "missing directory reported");
}

void test_text_unglue(T *t)
{
	avis_buf b = AVIS_BUF_INIT;
	const char *s = "Livraison rapideService top. Très bienMerci";
	CHECK(t, avis_text_unglue(s, strlen(s), &b), "glued words found");
	CHECK(t, b.len == strlen(s) + 2 && strcmp(b.data, "Livraison rapide Service top. Très bien Merci") == 0,
	      "a space before each glued capital");
	avis_buf_clear(&b);
	avis_buf_puts(&b, "untouched");
	const char *keep = "Mon iPhone, le Dr DiCaprio, OK Google, PARIS";
	CHECK(t, !avis_text_unglue(keep, strlen(keep), &b) && strcmp(b.data, "untouched") == 0,
	      "one letter before a capital, capitals in a row: not glue, out left alone");
	const char *acc = "reçu à tempsÉquipe";
	CHECK(t, avis_text_unglue(acc, strlen(acc), &b) && strcmp(b.data, "reçu à temps Équipe") == 0,
	      "accented capitals");
	avis_buf_free(&b);
}
