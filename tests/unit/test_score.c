/* Unit tests: tokens, lexicon loading, and every scoring rule in both
 * directions (the rule fires where it should, and not where it should
 * not).  The lexicons are the shipped ones in rules/. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "lexicon.h"
#include "sentiment.h"
#include "strmap.h"
#include "text.h"
#include "tokens.h"

typedef struct {
	avis_charset *cs;
	avis_text *tx;
	avis_lexicon *lx;
	avis_scorer *sc;
	avis_buf folded;
} fixture;

static bool setup(T *t, fixture *f, const char *lang)
{
	char err[512];
	memset(f, 0, sizeof *f);
	f->cs = avis_charset_new();
	f->tx = avis_text_new(f->cs);
	f->lx = avis_lexicon_load("rules", lang, err, sizeof err);
	f->sc = avis_scorer_new();
	CHECK(t, f->lx != NULL, "shipped lexicon loads");
	if (!f->lx)
		fprintf(stderr, "%s\n", err);
	return f->lx != NULL;
}

static void teardown(fixture *f)
{
	avis_lexicon_free(f->lx);
	avis_scorer_free(f->sc);
	avis_text_free(f->tx);
	avis_charset_free(f->cs);
	avis_buf_free(&f->folded);
}

static avis_sentiment score(fixture *f, const char *text)
{
	avis_sentiment s;
	avis_text_fold(f->tx, text, strlen(text), &f->folded, NULL);
	avis_score_text(f->sc, f->lx, f->folded.data, f->folded.len, text, strlen(text), &s, NULL);
	return s;
}

static double sum(fixture *f, const char *text)
{
	return score(f, text).sum;
}

void test_tokens(T *t)
{
	avis_tokens tk = AVIS_TOKENS_INIT;
	const char *s = "l'attente , qu'il don't aujourd'hui !!! 😀\nfin";
	avis_tokenize(s, strlen(s), &tk);
	CHECK(t, tk.n == 11, "elisions split, others whole, break is a token");
	if (tk.n == 11) {
		CHECK_STR(t, s + tk.v[0].off, tk.v[0].len, "l'", "elided article");
		CHECK_STR(t, s + tk.v[1].off, tk.v[1].len, "attente", "word after the elision");
		CHECK_STR(t, s + tk.v[5].off, tk.v[5].len, "don't", "English contraction kept");
		CHECK_STR(t, s + tk.v[6].off, tk.v[6].len, "aujourd'hui", "aujourd'hui kept");
		CHECK(t, tk.v[7].kind == AVIS_TOK_PUNCT && tk.v[8].kind == AVIS_TOK_SYMBOL, "punctuation, emoji");
		CHECK(t, tk.v[9].kind == AVIS_TOK_BREAK, "line break");
	}
	CHECK(t, avis_tok_ends_sentence("...", 3) && !avis_tok_ends_sentence(",", 1), "sentence ends");
	avis_tokens_free(&tk);
}

void test_strmap(T *t)
{
	avis_strmap m = AVIS_STRMAP_INIT;
	char k[16];
	for (int i = 0; i < 1000; i++) {
		snprintf(k, sizeof k, "w%d", i);
		avis_strmap_put(&m, k, strlen(k), i);
	}
	CHECK(t, avis_strmap_get(&m, "w777", 4) == 777 && avis_strmap_get(&m, "w1000", 5) == -1, "get after growth");
	avis_strmap_put(&m, "w1", 2, 5);
	CHECK(t, avis_strmap_get(&m, "w1", 2) == 5 && avis_strmap_count(&m) == 1000, "put replaces");
	avis_strmap_clear(&m);
	CHECK(t, avis_strmap_get(&m, "w1", 2) == -1 && avis_strmap_count(&m) == 0, "clear");
	avis_strmap_free(&m);
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	fputs(text, f);
	fclose(f);
}

void test_lexicon_errors(T *t)
{
	char dir[] = "/tmp/avis-lex-XXXXXX", p[256], err[512];
	if (!mkdtemp(dir)) {
		CHECK(t, false, "mkdtemp");
		return;
	}
	snprintf(p, sizeof p, "%s/x.tsv", dir);
	struct {
		const char *text;
		int kind;
		const char *want;
	} cases[] = {
		{"# ok\nbon\t2\nmauvais 2\n", 'v', ":3: expected two TAB-separated fields"},
		{"bon\tdeux\n", 'v', ":1: valence 'deux' is not a number"},
		{"bon\t9\n", 'v', ":1: valence '9' is not a number from -4 to 4"},
		{"pas\tnegate\ntres\tboost\n", 'g', ":2: boost needs a number"},
		{"pas\tnier\n", 'g', ":1: unknown role 'nier'"},
		{"\n-2\t(unclosed\n", 'p', ":2: bad pattern at offset"},
		{"prix\tdeux mots\n", 'a', ":1: a cue is one word"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		write_file(p, cases[i].text);
		avis_lexicon *lx = avis_lexicon_new("fr");
		bool ok = avis_lexicon_load_file(lx, p, cases[i].kind, err, sizeof err);
		CHECK(t, !ok && strstr(err, cases[i].want) && strncmp(err, p, strlen(p)) == 0, cases[i].want);
		avis_lexicon_free(lx);
	}
	avis_lexicon *lx = avis_lexicon_new("fr");
	CHECK(t, !avis_lexicon_load_file(lx, "/nonexistent/x.tsv", 'v', err, sizeof err) &&
		 strstr(err, "/nonexistent/x.tsv: "), "missing file named");
	avis_lexicon_free(lx);
	CHECK(t, avis_lexicon_load(dir, "fr", err, sizeof err) == NULL && strstr(err, "fr-grammar.tsv"),
	      "a rules dir without lexicon is an error");
	unlink(p);
	rmdir(dir);
}

void test_score_lexicon(T *t)
{
	fixture f;
	if (!setup(t, &f, "fr"))
		return;
	CHECK(t, sum(&f, "Médecin excellent") > 0, "positive word");
	CHECK(t, sum(&f, "Médecin horrible") < 0, "negative word");
	CHECK(t, sum(&f, "recommanderais") > 0 && sum(&f, "recommandé") > 0, "inflected forms hit through stems");
	CHECK(t, score(&f, "").score == 0 && strcmp(score(&f, "").label, "neu") == 0, "empty text is neutral");
	CHECK(t, score(&f, "Parfait, je recommande vivement !").score >= 0.5, "clearly positive review");
	CHECK(t, strcmp(score(&f, "Le cabinet est au rez-de-chaussée.").label, "pos") != 0,
	      "a plain fact is not positive (review prior)");
	teardown(&f);
}

void test_score_negation(T *t)
{
	fixture f;
	if (!setup(t, &f, "fr"))
		return;
	CHECK(t, sum(&f, "je ne suis pas satisfait") < 0, "ne ... pas negates");
	CHECK(t, sum(&f, "je suis satisfait") > 0, "no negation, no flip");
	CHECK(t, sum(&f, "il n'est jamais aimable") < 0, "ne ... jamais");
	CHECK(t, sum(&f, "pas du tout satisfait") < 0, "pas du tout");
	CHECK(t, sum(&f, "sans aucun problème") > 0 && sum(&f, "un problème") < 0, "sans / aucun");
	CHECK(t, sum(&f, "loin d'être compétent") < 0 && sum(&f, "très compétent") > 0, "loin d'être");
	CHECK(t, sum(&f, "je n'ai que des compliments à faire, excellent") > 0, "ne ... que is not a negation");
	CHECK(t, sum(&f, "il n'est plus aimable") < 0 && sum(&f, "plus aimable que jamais, merci") > 0,
	      "plus negates only after ne");
	CHECK(t, sum(&f, "pas satisfait, mais excellent accueil") > 0, "negation stops at the clause");
	CHECK(t, sum(&f, "ce n'est pas terrible") < 0, "phrase with a negator is not negated again");
	CHECK(t, sum(&f, "j'aime pas") < 0 && sum(&f, "j'aime") > 0, "spoken French: negator after the word");
	CHECK(t, sum(&f, "super pas cher") > 0, "no post-negation when a valenced word follows the negator");
	CHECK(t, sum(&f, "je recommanderais sans hésiter") > 0, "sans after a word does not negate it");
	CHECK(t, sum(&f, "secrétaire peu aimable") < 0 && sum(&f, "secrétaire un peu lente") > sum(&f, "secrétaire lente"),
	      "peu negates, un peu dampens");
	CHECK(t, sum(&f, "Respecter les patients qui sont en détresse.") < 0,
	      "advice: a verb further in the sentence is not the infinitive's");
	CHECK(t, sum(&f, "il n est pas aimable") < 0, "elision written without its apostrophe");
	CHECK(t, sum(&f, "plus de respect") < 0 && sum(&f, "du respect") > 0, "plus de: the praise word is lacking");
	CHECK(t, sum(&f, "mon bébé né prématuré, équipe très compétente") ==
		       sum(&f, "mon bébé prématuré, équipe très compétente"),
	      "a lone ne (folded né) negates nothing");
	CHECK(t, sum(&f, "je ne suis jamais déçu") > 0 && sum(&f, "je suis déçu") < 0,
	      "ne with its partner still negates");
	CHECK(t, sum(&f, "aucun soucis") > 1.5 && sum(&f, "des soucis") < 0, "a negated problem is satisfaction");
	teardown(&f);
}

void test_score_boosters(T *t)
{
	fixture f;
	if (!setup(t, &f, "fr"))
		return;
	CHECK(t, sum(&f, "très compétent") > sum(&f, "compétent"), "booster raises");
	CHECK(t, sum(&f, "vraiment désagréable") < sum(&f, "désagréable"), "booster raises a negative too");
	CHECK(t, sum(&f, "un peu désagréable") > sum(&f, "désagréable"), "dampener lowers");
	CHECK(t, sum(&f, "assez compétent") < sum(&f, "compétent"), "assez dampens");
	CHECK(t, sum(&f, "quel ennui") < sum(&f, "ennui"), "exclamative quel");
	CHECK(t, sum(&f, "moins agréable") < sum(&f, "agréable") && sum(&f, "moins agréable") > 0, "moins dampens");
	CHECK(t, sum(&f, "Médecin EXCELLENT") > sum(&f, "Médecin excellent"), "capitals emphasise");
	CHECK(t, sum(&f, "MEDECIN EXCELLENT") == sum(&f, "medecin excellent"), "all capitals do not");
	CHECK(t, sum(&f, "Accueil ÉPOUVANTABLE") < sum(&f, "Accueil épouvantable") &&
		 sum(&f, "Accueil DÉSAGRÉABLE") < sum(&f, "Accueil désagréable"),
	      "capitals with accents, first or inside, emphasise");
	CHECK(t, sum(&f, "Accueil Épouvantable") == sum(&f, "Accueil épouvantable"), "one capital is not capitals");
	CHECK(t, sum(&f, "nuuuul") < sum(&f, "nul") && sum(&f, "nul") < 0, "elongation finds the word and emphasises");
	CHECK(t, sum(&f, "Excellent !!!") > sum(&f, "Excellent") && sum(&f, "Horrible !!!") < sum(&f, "Horrible"),
	      "exclamation marks emphasise in the sentence's direction");
	CHECK(t, sum(&f, "Horrible !!!!!!!!") == sum(&f, "Horrible !!!!"), "at most 4 exclamation marks count");
	teardown(&f);
}

void test_score_contrast_emoji_patterns(T *t)
{
	fixture f;
	if (!setup(t, &f, "fr"))
		return;
	CHECK(t, sum(&f, "Médecin compétent mais très désagréable") < 0, "after mais weighs more (neg)");
	CHECK(t, sum(&f, "Médecin désagréable mais très compétent") > 0, "after mais weighs more (pos)");
	CHECK(t, sum(&f, "Compétent. Par contre désagréable") < 0, "contrast opening a sentence");
	CHECK(t, sum(&f, "Super. .") > 0 && sum(&f, "Super . ! .") > 0,
	      "sentence ends after the last words stay in bounds (found by fuzzing; ASan)");
	CHECK(t, sum(&f, "Même si le médecin est compétent, secrétaire désagréable") < 0 &&
		       sum(&f, "Même si la secrétaire est désagréable, médecin compétent") > 0,
	      "a concession weighs less than what it concedes to");
	CHECK(t, sum(&f, "Médecin compétent, malgré une secrétaire désagréable") > 0,
	      "a concession after the main clause");
	CHECK(t, sum(&f, "merci 😀") > sum(&f, "merci") && sum(&f, "😡") < 0, "emoji");
	CHECK(t, sum(&f, ":-(") < 0 && sum(&f, ":)") > 0, "emoticons");
	CHECK(t, sum(&f, "3 h d'attente") < -2 && sum(&f, "3 h de route") > -1.5, "waiting time pattern");
	CHECK(t, sum(&f, "personne ne répond au téléphone") < -2, "nobody answers");
	CHECK(t, sum(&f, "2h30 passées aux urgences à attendre") < -2, "hours spent waiting");
	CHECK(t, sum(&f, "eh bien non") == 0 && sum(&f, "très bien") > 0, "a discourse marker is no praise");
	CHECK(t, sum(&f, "toujours rien reçu") < -2, "still nothing received");
	CHECK(t, sum(&f, "jamais rappelé") < -2 && sum(&f, "rappelé le jour même") > -1.5, "never called back");
	CHECK(t, sum(&f, "on m'a fait revenir trois fois") < -1.5, "made to come back");
	CHECK(t, sum(&f, "rien à redire") > 2 && sum(&f, "à fuir") < -2, "idioms");
	CHECK(t, sum(&f, "pas d'attente") > 0, "no waiting is good");
	CHECK(t, sum(&f, "merci de rappeler les patients") < 0 && sum(&f, "merci de m'avoir rappelé") > 0,
	      "merci de + infinitive is a request");
	CHECK(t, sum(&f, "pas de repas, honteux") < 0 && sum(&f, "pas de nourriture honteux") < 0,
	      "after pas de, the negation is the noun's alone");
	CHECK(t, sum(&f, "jamais à l'heure") < 0 && sum(&f, "toujours à l'heure") > 0,
	      "a pattern is negated by a negator before it");
	CHECK(t, sum(&f, "il ne prend pas le temps") < -1.5 && sum(&f, "il prend le temps") > 1.5,
	      "a negation inside an idiom");
	CHECK(t, sum(&f, "consultation expédiée en 5 minutes") < -1.5 && sum(&f, "problème réglé en 5 minutes") >= 0,
	      "care in a hurry, not service in a hurry");
	CHECK(t, sum(&f, "conforme à mes attentes") > 0 && sum(&f, "des attentes") == 0,
	      "expectations are not waiting (same stem)");
	CHECK(t, sum(&f, "livré en 2 jours") > 0, "delivery time pattern");
	CHECK(t, sum(&f, "le produit correspond exactement à la description") > 1.5 &&
		       sum(&f, "le produit correspond à une référence") == 0,
	      "matches what was described");
	CHECK(t, sum(&f, "livraison impeccable et dans les temps") > sum(&f, "livraison dans les temps") + 1,
	      "the words between a delivery and its time keep their own valence");
	CHECK(t, sum(&f, "colis pas reçu dans les temps") <= 0, "a delivery on time, negated, is no praise");
	CHECK(t, sum(&f, "je n'ai jamais eu de soucis") > 1.5 && sum(&f, "jamais reçu ma commande") < -2,
	      "never a problem is not never received");
	CHECK(t, sum(&f, "colis reçu le lendemain") > 1 && sum(&f, "je suis revenu le lendemain") == 0,
	      "delivered when promised");
	CHECK(t, sum(&f, "problème vite résolu") > 1.5 && sum(&f, "problème toujours pas résolu") < 0,
	      "a problem solved, not one left open");
	CHECK(t, sum(&f, "Un peu d'humanité.") < 0 && sum(&f, "Humanité et gentillesse.") > 0,
	      "a request for what was missing");
	CHECK(t, sum(&f, "un peu d humanité") < 0, "a request, elision written without its apostrophe");
	CHECK(t, sum(&f, "Prendre en charge les patients.") < 0 && sum(&f, "Prendre rendez-vous est facile.") > 0,
	      "advice opens with an infinitive, unless the sentence states a fact about it");
	CHECK(t, sum(&f, "deux semaines que j'attends mes résultats") < -1.5 &&
		       sum(&f, "deux semaines de vacances") == 0,
	      "time elapsed since what was asked for");
	CHECK(t, sum(&f, "Le médecin aurait dû prévenir.") < 0 && sum(&f, "Le médecin a prévenu.") == 0,
	      "reproach in the conditional");
	CHECK(t, sum(&f, "Pourquoi ne pas répondre au téléphone ?") < 0 && sum(&f, "Pourquoi pas.") == 0,
	      "a question that complains");
	CHECK(t, sum(&f, "grosses chaleurs") == 0 && sum(&f, "infirmières chaleureuses") > 0,
	      "a neutral word does not silence its own file's valenced word of the same stem");
	CHECK(t, sum(&f, "produits conformes") == sum(&f, "produit conforme"),
	      "the care lexicon speaks for the word family against fr.tsv");
	CHECK(t, sum(&f, "les équipes") == 0, "a neutral care word silences fr.tsv's family");
	CHECK(t, sum(&f, "recommandez") > 1.5 && sum(&f, "satisfaites") > 1.5, "a stem finds inflections");
	CHECK(t, sum(&f, "il connait son métier") == 0, "a short stem finds nothing (connait is not connard)");
	CHECK(t, sum(&f, "Revoir l'accueil.") < 0 && sum(&f, "Je vais revoir le médecin.") == 0,
	      "advice: a sentence opening with an infinitive");
	CHECK(t, sum(&f, "Que le médecin soit à l'heure.") < 0 && sum(&f, "Le médecin était à l'heure.") > 0,
	      "advice: que ... soit");
	avis_sentiment s = score(&f, "Accueil très chaleureux. Mais 2 heures d'attente.");
	size_t acc = 0, att = 0;
	for (size_t a = 0; a < f.lx->naspects; a++) {
		if (strcmp(f.lx->aspect[a], "accueil") == 0)
			acc = a;
		if (strcmp(f.lx->aspect[a], "attente") == 0)
			att = a;
	}
	CHECK(t, (s.aspects_seen & (1u << acc)) && s.aspect[acc] > 0, "aspect accueil, positive sentence");
	CHECK(t, (s.aspects_seen & (1u << att)) && s.aspect[att] < 0, "aspect attente, negative sentence");
	CHECK(t, __builtin_popcount(s.aspects_seen) == 2, "no other aspect");
	teardown(&f);
}

void test_score_english(T *t)
{
	fixture f;
	if (!setup(t, &f, "en"))
		return;
	CHECK(t, sum(&f, "the nurse was lovely") > 0 && sum(&f, "the nurse was rude") < 0, "lexicon");
	CHECK(t, sum(&f, "the staff were not helpful") < 0, "negation");
	CHECK(t, sum(&f, "the staff didn't listen") < 0, "contraction negates");
	CHECK(t, sum(&f, "kind staff but I waited 3 hours") < 0, "contrast and waiting pattern");
	CHECK(t, sum(&f, "Although the receptionist was rude, the doctor was excellent") > 0 &&
		       sum(&f, "The doctor was excellent, although the receptionist was very rude and unhelpful") > 0,
	      "although concedes, wherever it stands");
	CHECK(t, sum(&f, "could not have done better") > 1.5 && sum(&f, "could have done better") <= 0,
	      "the negation of a comparative is praise");
	CHECK(t, sum(&f, "I cannot think of anything that was good") < 0 &&
		       sum(&f, "I cannot think of anything to improve") > 0,
	      "nothing good is not nothing to improve");
	CHECK(t, sum(&f, "very good") > sum(&f, "good"), "booster");
	CHECK(t, score(&f, "Be more helpful").score < 0 && score(&f, "They were more helpful").score > 0,
	      "a feedback answer that starts with what to do is a complaint");
	CHECK(t, sum(&f, "I couldn't fault them") > 0, "idiom");
	teardown(&f);
}

/* Capitals that are all non-ASCII but the last letter ("ÇA"): the quick
 * pass that rules out texts without capitals must still see them. */
void test_score_caps_non_ascii(T *t)
{
	char path[] = "/tmp/avis-caps-XXXXXX", err[512];
	int fd = mkstemp(path);
	CHECK(t, fd >= 0, "temporary lexicon");
	if (fd < 0)
		return;
	close(fd);
	write_file(path, "ca\t2\nee\t-2\n");
	fixture f;
	memset(&f, 0, sizeof f);
	f.cs = avis_charset_new();
	f.tx = avis_text_new(f.cs);
	f.sc = avis_scorer_new();
	f.lx = avis_lexicon_new("fr");
	CHECK(t, avis_lexicon_load_file(f.lx, path, 'v', err, sizeof err), "lexicon loads");
	CHECK(t, sum(&f, "oui ÇA va") > sum(&f, "oui ça va"), "ÇA is in capitals");
	CHECK(t, sum(&f, "oui ÉÉ va") < sum(&f, "oui éé va"), "ÉÉ is in capitals");
	CHECK(t, sum(&f, "oui Ça va") == sum(&f, "oui ça va"), "Ça is not");
	teardown(&f);
	unlink(path);
}
