/* lexicon — the sentiment data of one language, loaded from rules/.
 *
 * Owns: reading and checking the lexicon files, and looking tokens up.
 * Files (all UTF-8 text; '#' starts a comment line; blank lines ignored;
 * fields separated by one TAB; terms in the folded form of norm.text):
 *
 *   lexicon/emoji.tsv, lexicon/LANG.tsv, lexicon/LANG-NAME.tsv
 *       TERM<TAB>VALENCE[<TAB>comment]   valence -4..+4 (VADER's scale).
 *       A TERM of several tokens ("rien a redire") is a phrase, matched
 *       on consecutive tokens, longest first.  Loaded in that order
 *       (LANG-NAME files sorted by name, LANG-care.tsv last); a later
 *       entry replaces an earlier one for the same term.  Single words are also indexed by
 *       their Snowball stem (libstemmer), so that "recommanderais" finds
 *       "recommande", when the stem has 5 letters or more and the word
 *       shares all but the last 2 letters of the lexicon word (inflections,
 *       not derivations: "chaleurs" is not "chaleureux").  A later file
 *       speaks for the whole word family: a
 *       word of fr-care.tsv outranks the exact entry of fr.tsv that shares
 *       its stem.  A neutral entry (0) is an exception for its word: it
 *       speaks for the family only against earlier files.
 *   lexicon/LANG-grammar.tsv
 *       TERM<TAB>ROLE[<TAB>VALUE]   ROLE is one of
 *         negate    negates the next words of its clause ("pas", "sans")
 *         ne        the particle "ne": negates what follows, unless the
 *                   clause goes on with a restrict word ("ne ... que")
 *         ne-pair   negates only after "ne" ("plus", "rien", "personne")
 *         restrict  "que": "ne ... que" is not a negation
 *         boost     VALUE added to the size of the next words' valence
 *                   (negative for dampeners: "un peu" -0.3)
 *         contrast  "mais": what follows weighs more, what precedes less
 *         concede   "même si", "although": its own clause weighs less,
 *                   the rest of its sentence more
 *   lexicon/LANG-patterns.tsv
 *       VALENCE<TAB>REGEX   a PCRE2 pattern on the folded text, for facts
 *       stated without a sentiment word ("3 h d'attente").  Matches do
 *       not overlap: where two would, the earlier pattern wins.
 *       A pattern runs only on texts whose tokens hold the literals it
 *       requires (reqlit.h): each cached look-up knows which required
 *       literals its token holds.
 *   aspects/LANG.tsv
 *       ASPECT<TAB>CUE   CUE is a folded word, or a prefix ending in '*'.
 *
 * Every error is "FILE:LINE: message".  A lexicon holds a stemmer, a
 * match block and a lookup cache: it is used by one thread at a time.
 */
#ifndef AVIS_LEXICON_H
#define AVIS_LEXICON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "strmap.h"

enum {
	AVIS_ROLE_NONE,
	AVIS_ROLE_NEGATE,
	AVIS_ROLE_NE,
	AVIS_ROLE_NE_PAIR,
	AVIS_ROLE_RESTRICT,
	AVIS_ROLE_BOOST,
	AVIS_ROLE_CONTRAST,
	AVIS_ROLE_CONCEDE,
	AVIS_ROLE_NEGATE_AFTER, /* a negator that may also follow what it negates */
	AVIS_ROLE_PARTITIVE,    /* "de" after a negator: the negation is the noun's */
};

/* The negators of a grammar file: negate, and negate-after (spoken French
 * also puts "pas" and "jamais" after the verb: "j'aime pas"). */
static inline bool avis_role_negates(uint8_t role)
{
	return role == AVIS_ROLE_NEGATE || role == AVIS_ROLE_NEGATE_AFTER;
}

#define AVIS_MAX_ASPECTS 32

/* Where a datum came from, for explanations: files[file]:line. */
typedef struct {
	uint16_t file;
	uint32_t line;
} avis_lex_src;

/* One word (or the first word of phrases). */
typedef struct {
	float valence;
	bool has_valence;
	uint8_t role;
	float boost;
	uint32_t aspects;      /* bit i: cue of aspect i */
	int32_t phrase;        /* first phrase starting with this word, or -1 */
	avis_lex_src src;
} avis_lex_entry;

typedef struct {
	int32_t *words;        /* entry index of each word */
	uint32_t n;
	float valence;
	bool has_valence;
	uint8_t role;
	float boost;
	bool has_negator;      /* holds a negation word: not negated again */
	int32_t next;          /* next phrase with the same first word */
	avis_lex_src src;
} avis_lex_phrase;

typedef struct {
	pcre2_code *re;
	float valence;
	avis_lex_src src;
	uint32_t req, nreq;    /* its requirements: req .. req + nreq - 1 */
} avis_lex_pattern;

/* A literal of requirement req: a pattern needs, for each of its
 * requirements, one of the requirement's literals (reqlit.h). */
typedef struct {
	char *s;
	size_t len;            /* >= 2 */
	uint32_t req;
	uint32_t next;         /* 1 + next cue of the same bucket, or 0 */
} avis_lex_cue;

/* Cues are found by their first two bytes, hashed into this many buckets. */
#define AVIS_CUE_BUCKETS 1024

/* What a token is, once looked up. */
typedef struct {
	int32_t entry;         /* exact entry, or -1 */
	float valence;
	bool has_valence;
	bool via_stem;         /* the valence came from the stem index */
	avis_lex_src src;      /* of the valence */
	uint32_t aspects;
	uint32_t index;        /* in the cache (avis_lexicon_add_literals) */
} avis_lex_hit;

typedef struct avis_lexicon {
	char lang[16];
	char **files;          /* paths, for explanations */
	size_t nfiles;
	avis_strmap words;     /* word -> index into e */
	avis_lex_entry *e;
	size_t ne, cape;
	avis_strmap stems;     /* stem -> index into e */
	avis_lex_phrase *ph;
	size_t nph, capph;
	avis_lex_pattern *pat;
	size_t npat, cappat;
	size_t nreq;           /* requirements of all patterns */
	size_t req_words;      /* uint64_t words of a set of requirements */
	avis_lex_cue *cues;
	size_t ncues, capcues;
	uint32_t cue_bucket[AVIS_CUE_BUCKETS]; /* 1 + first cue, or 0 */
	char *aspect[AVIS_MAX_ASPECTS];
	size_t naspects;
	struct avis_prefix_cue { char *s; size_t len; uint32_t bit; } *prefix;
	size_t nprefix, capprefix;
	struct sb_stemmer *stemmer;
	pcre2_match_data *md;
	avis_strmap cache;     /* token -> index into hits */
	avis_lex_hit *hits;
	size_t caphits;
	uint64_t *hit_reqs;    /* req_words per hit: requirements its token meets */
	size_t caphit_reqs;    /* in uint64_t */
} avis_lexicon;

/* Load the lexicon of lang ("fr", "en") from rules_dir.  NULL on error,
 * with err = "FILE:LINE: message". */
avis_lexicon *avis_lexicon_load(const char *rules_dir, const char *lang, char *err, size_t errsz);
void avis_lexicon_free(avis_lexicon *lx);

/* Load one file of the given kind into lx (exposed for tests and the
 * fuzz harness).  kind: 'v' valence, 'g' grammar, 'p' patterns,
 * 'a' aspects.  false with err set on the first bad line. */
bool avis_lexicon_load_file(avis_lexicon *lx, const char *path, int kind, char *err, size_t errsz);
/* An empty lexicon (stemmer for lang when libstemmer knows it). */
avis_lexicon *avis_lexicon_new(const char *lang);


/* Look the word (w, len) up: exact entry, else its stem; aspects from
 * exact and prefix cues.  Results are cached (bounded). */
const avis_lex_hit *avis_lexicon_lookup(avis_lexicon *lx, const char *w, size_t len);

/* Which patterns may match a text: clear a set of lx->req_words words
 * with avis_lexicon_literals_init, add each token's hit (from
 * avis_lexicon_lookup, before any other look-up), then ask for each
 * pattern.  A pattern said not to may not match cannot match the text. */
void avis_lexicon_literals_init(const avis_lexicon *lx, uint64_t *set);
void avis_lexicon_add_literals(const avis_lexicon *lx, const avis_lex_hit *h, uint64_t *set);
bool avis_lexicon_pattern_may_match(const avis_lexicon *lx, size_t p, const uint64_t *set);

#endif
