/*
 * gen.c - seeded generator of synthetic reviews of French health
 * practitioners (doctors, dentists, physiotherapists...), written as JSON
 * Lines on stdout, used as input for the avis benchmarks.
 *
 * Usage: gen [-s SEED] [-n COUNT]     (defaults: seed 1, count 1000)
 *
 * The same seed and count always give byte-identical output: the only
 * source of randomness is the xoshiro256** generator below. Every text is
 * assembled from the word lists and sentence templates of this file.
 *
 * Sentence templates are French/English pairs rendered from the same plan,
 * which is how "(Traduit par Google)" reviews get a matching original.
 * Placeholders inside templates:
 *   $B booster ("très")          $D practitioner ("le Dr Martin")
 *   $K profession noun           $W long wait       $S short wait
 *   $E amount of money           $J booking delay   $A reviewer first name
 *   $R reply signature           $T practice phone  $< $> quotes
 *   $! $? $: $; French high punctuation (non-breaking space before it)
 *   '  apostrophe, rendered as ', ’ or &#39; depending on the writer style
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define PICK(r, a) ((a)[rng_below((r), (uint32_t)COUNT(a))])
#define LIST(a) { (a), COUNT(a) }

#define NBSP "\xc2\xa0"          /* U+00A0 no-break space */
#define NNBSP "\xe2\x80\xaf"     /* U+202F narrow no-break space */

enum {
    PRACTICE_COUNT = 1000,
    MAX_SENTENCES = 24,
    TEXT_LIMIT = 1500,
    TRANSLATED_PART_LIMIT = 700,
    OUT_BUF_SIZE = 1 << 16
};

/* ------------------------------------------------------------------ */
/* Pseudo-random numbers: splitmix64 seeding xoshiro256**              */

struct rng {
    uint64_t s[4];
};

static uint64_t splitmix64(uint64_t *state)
{
    uint64_t z = (*state += UINT64_C(0x9E3779B97F4A7C15));
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

static uint64_t hash64(uint64_t x)
{
    return splitmix64(&x);
}

static void rng_seed(struct rng *r, uint64_t seed)
{
    for (size_t i = 0; i < 4; i++)
        r->s[i] = splitmix64(&seed);
}

static uint64_t rotl64(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

static uint64_t rng_next(struct rng *r)
{
    uint64_t *s = r->s;
    uint64_t result = rotl64(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl64(s[3], 45);
    return result;
}

/* Uniform-enough integer in [0, n), n > 0. */
static uint32_t rng_below(struct rng *r, uint32_t n)
{
    return (uint32_t)(((rng_next(r) >> 32) * n) >> 32);
}

static int rng_percent(struct rng *r, unsigned percent)
{
    return rng_below(r, 100) < percent;
}

/* ------------------------------------------------------------------ */
/* Growable byte buffer                                                */

struct buf {
    char *data;
    size_t len;
    size_t cap;
};

static void die_out_of_memory(void)
{
    fputs("gen: out of memory\n", stderr);
    exit(2);
}

static void buf_reserve(struct buf *b, size_t extra)
{
    if (b->len + extra <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 2048;
    while (cap < b->len + extra)
        cap *= 2;
    char *p = realloc(b->data, cap);
    if (!p)
        die_out_of_memory();
    b->data = p;
    b->cap = cap;
}

static void buf_put(struct buf *b, const char *s, size_t n)
{
    buf_reserve(b, n);
    memcpy(b->data + b->len, s, n);
    b->len += n;
}

static void buf_puts(struct buf *b, const char *s)
{
    buf_put(b, s, strlen(s));
}

static void buf_putc(struct buf *b, char c)
{
    buf_reserve(b, 1);
    b->data[b->len++] = c;
}

/* Replaces the first occurrence of needle at or after from. */
static void buf_replace_first(struct buf *b, size_t from, const char *needle,
                              const char *replacement)
{
    size_t nlen = strlen(needle), rlen = strlen(replacement);
    for (size_t i = from; i + nlen <= b->len; i++) {
        if (memcmp(b->data + i, needle, nlen) != 0)
            continue;
        buf_reserve(b, rlen);
        memmove(b->data + i + rlen, b->data + i + nlen, b->len - i - nlen);
        memcpy(b->data + i, replacement, rlen);
        b->len = b->len + rlen - nlen;
        return;
    }
}

/* ------------------------------------------------------------------ */
/* Buffered output to stdout                                           */

struct out {
    FILE *f;
    size_t len;
    int err;
    char buf[OUT_BUF_SIZE];
};

static void out_write_through(struct out *o, const void *p, size_t n)
{
    if (o->err || n == 0)
        return;
    errno = 0;
    if (fwrite(p, 1, n, o->f) != n)
        o->err = errno ? errno : EIO;
}

static void out_flush(struct out *o)
{
    out_write_through(o, o->buf, o->len);
    o->len = 0;
}

static void out_bytes(struct out *o, const void *p, size_t n)
{
    if (n > OUT_BUF_SIZE - o->len) {
        out_flush(o);
        if (n > OUT_BUF_SIZE) {
            out_write_through(o, p, n);
            return;
        }
    }
    memcpy(o->buf + o->len, p, n);
    o->len += n;
}

static void out_str(struct out *o, const char *s)
{
    out_bytes(o, s, strlen(s));
}

static void out_json_string(struct out *o, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    size_t run = 0;

    out_bytes(o, "\"", 1);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        out_bytes(o, s + run, i - run);
        run = i + 1;
        switch (c) {
        case '"':  out_bytes(o, "\\\"", 2); break;
        case '\\': out_bytes(o, "\\\\", 2); break;
        case '\n': out_bytes(o, "\\n", 2); break;
        case '\r': out_bytes(o, "\\r", 2); break;
        case '\t': out_bytes(o, "\\t", 2); break;
        case '\b': out_bytes(o, "\\b", 2); break;
        case '\f': out_bytes(o, "\\f", 2); break;
        default: {
            char esc[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15] };
            out_bytes(o, esc, sizeof esc);
        }
        }
    }
    out_bytes(o, s + run, n - run);
    out_bytes(o, "\"", 1);
}

/* Writes ,"key":"value" (no comma when first). */
static void out_field(struct out *o, const char *key, const char *value,
                      size_t len, int first)
{
    if (!first)
        out_bytes(o, ",", 1);
    out_bytes(o, "\"", 1);
    out_str(o, key);
    out_bytes(o, "\":", 2);
    out_json_string(o, value, len);
}

static void out_field_str(struct out *o, const char *key, const char *value)
{
    out_field(o, key, value, strlen(value), 0);
}

/* ------------------------------------------------------------------ */
/* Calendar arithmetic (days since 1970-01-01, proleptic Gregorian)    */

struct civil {
    int year;
    unsigned month;
    unsigned day;
};

static int32_t days_from_civil(int y, unsigned m, unsigned d)
{
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int32_t)doe - 719468;
}

static struct civil civil_from_days(int32_t z)
{
    z += 719468;
    int32_t era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    unsigned d = doy - (153 * mp + 2) / 5 + 1;
    unsigned m = mp < 10 ? mp + 3 : mp - 9;
    struct civil c = { (int)yoe + era * 400 + (m <= 2), m, d };
    return c;
}

static unsigned days_in_month(int y, unsigned m)
{
    static const unsigned lengths[12] = { 31, 28, 31, 30, 31, 30,
                                          31, 31, 30, 31, 30, 31 };
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return lengths[m - 1] + (m == 2 && leap);
}

static int32_t months_before(int32_t day, unsigned months)
{
    struct civil c = civil_from_days(day);
    int total = c.year * 12 + (int)c.month - 1 - (int)months;
    int y = total / 12;
    unsigned m = (unsigned)(total % 12) + 1;
    unsigned d = c.day <= days_in_month(y, m) ? c.day : days_in_month(y, m);
    return days_from_civil(y, m, d);
}

/* Writes the last width decimal digits of v, zero-padded. */
static void put_digits(char *out, unsigned v, int width)
{
    for (int i = width - 1; i >= 0; i--) {
        out[i] = (char)('0' + v % 10);
        v /= 10;
    }
}

static void format_iso_date(char out[11], int32_t day)
{
    struct civil c = civil_from_days(day);
    put_digits(out, (unsigned)c.year, 4);
    out[4] = '-';
    put_digits(out + 5, c.month, 2);
    out[7] = '-';
    put_digits(out + 8, c.day, 2);
    out[10] = '\0';
}

/* ------------------------------------------------------------------ */
/* Word lists                                                          */

enum lang { LANG_FR, LANG_EN };

struct phrase {
    const char *fr;
    const char *en;
};

struct phrase_list {
    const struct phrase *items;
    size_t count;
};

enum source { SRC_GOOGLE, SRC_PAGESJAUNES, SRC_TRUSTPILOT, SRC_DOCTOLIB };

static const char *const source_names[] = {
    "google-maps", "pagesjaunes", "trustpilot", "doctolib-like"
};

struct profession {
    const char *title;        /* in practice names: "kinésithérapeute" */
    const char *practice;     /* "Cabinet de kinésithérapie" */
    const char *centre;       /* "Centre dentaire" */
    struct phrase noun;       /* $K */
    struct phrase ref;        /* $D when no name is used */
    unsigned weight;
};

static const struct profession professions[] = {
    { "médecin généraliste", "Cabinet médical", "Centre médical",
      { "médecin", "doctor" }, { "le médecin", "the doctor" }, 30 },
    { "chirurgien-dentiste", "Cabinet dentaire", "Centre dentaire",
      { "dentiste", "dentist" }, { "le dentiste", "the dentist" }, 25 },
    { "kinésithérapeute", "Cabinet de kinésithérapie", "Centre de rééducation",
      { "kiné", "physio" }, { "le kiné", "the physio" }, 20 },
    { "orthodontiste", "Cabinet d'orthodontie", "Centre dentaire",
      { "orthodontiste", "orthodontist" },
      { "l'orthodontiste", "the orthodontist" }, 5 },
    { "ostéopathe", "Cabinet d'ostéopathie", "Maison de santé",
      { "ostéo", "osteopath" }, { "l'ostéo", "the osteopath" }, 6 },
    { "pédiatre", "Cabinet de pédiatrie", "Maison de santé",
      { "pédiatre", "paediatrician" }, { "la pédiatre", "the paediatrician" }, 5 },
    { "dermatologue", "Cabinet de dermatologie", "Centre médical",
      { "dermato", "dermatologist" }, { "le dermato", "the dermatologist" }, 5 },
    { "ophtalmologue", "Cabinet d'ophtalmologie", "Centre ophtalmologique",
      { "ophtalmo", "eye doctor" }, { "l'ophtalmo", "the eye doctor" }, 4 },
};

static const char *const places[] = {
    "du Parc", "des Tilleuls", "de la Gare", "Pasteur", "Saint-Michel",
    "des Lilas", "du Centre", "de l’Église", "Victor Hugo", "de la République",
    "des Arcades", "du Marché", "Jean Jaurès", "des Acacias", "du Château",
    "de la Poste", "Bellevue", "des Halles", "du Vieux Port", "Sainte-Anne",
};

static const char *const surnames[] = {
    "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit",
    "Durand", "Leroy", "Moreau", "Simon", "Laurent", "Lefèvre", "Michel",
    "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier", "Morel",
    "Girard", "André", "Mercier", "Dupont", "Lambert", "Bonnet", "François",
    "Nguyen", "Benali", "Haddad", "Da Silva", "Perrin", "Chevalier",
    "N'Diaye", "Le Goff", "Muller", "Boyer", "Gauthier", "Rousseau",
};

static const char *const first_names_fr[] = {
    "Marie", "Sophie", "Camille", "Léa", "Chloé", "Manon", "Inès", "Nathalie",
    "Isabelle", "Sylvie", "Christine", "Julie", "Sandrine", "Hélène", "Gaëlle",
    "Zoé", "Maëlle", "Anaïs", "Noémie", "Agnès", "Nadia", "Fatima", "Yasmine",
    "Marie-Claire", "Anne-Sophie", "Jean", "Pierre", "Nicolas", "Julien",
    "Thomas", "Hugo", "Lucas", "Mathieu", "Philippe", "Laurent", "Jérôme",
    "Stéphane", "François", "Benoît", "Frédéric", "Rémi", "Karim", "Mohamed",
    "Sofiane", "Jean-Pierre", "Loïc",
};

static const char *const first_names_en[] = {
    "John", "Emily", "Michael", "Sarah", "David", "Jessica", "James", "Emma",
    "Robert", "Olivia", "William", "Hannah", "Chris", "Laura", "Mark",
    "Rachel", "Tom", "Kate", "Peter", "Lucy",
};

static const char *const months_fr[] = {
    "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
    "septembre", "octobre", "novembre", "décembre",
};

static const char *const months_en[] = {
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December",
};

static const struct phrase boosters[] = {
    { "très", "very" }, { "vraiment", "really" }, { "super", "super" },
    { "extrêmement", "extremely" }, { "particulièrement", "particularly" },
    { "hyper", "incredibly" }, { "tellement", "so" },
};

static const struct phrase long_waits[] = {
    { "45 minutes", "45 minutes" }, { "une heure", "an hour" },
    { "1h30", "an hour and a half" }, { "deux heures", "two hours" },
    { "3/4 d'heure", "three quarters of an hour" }, { "40 min", "40 min" },
};

static const struct phrase short_waits[] = {
    { "5 minutes", "5 minutes" }, { "10 minutes", "10 minutes" },
    { "un quart d'heure", "a quarter of an hour" }, { "2 min", "2 min" },
};

static const struct phrase amounts[] = {
    { "60 €", "€60" }, { "25 €", "€25" }, { "80" NBSP "€", "€80" },
    { "150 euros", "150 euros" }, { "300€", "€300" }, { "45 euros", "45 euros" },
    { "120 €", "€120" }, { "90 €", "€90" },
};

static const struct phrase booking_delays[] = {
    { "trois semaines", "three weeks" }, { "deux mois", "two months" },
    { "six mois", "six months" }, { "un mois", "a month" },
};

/* ------------------------------------------------------------------ */
/* Sentence templates, by topic and polarity                           */

static const struct phrase wait_pos[] = {
    { "Peu d'attente, j'ai été pris à l'heure",
      "Hardly any waiting, I was seen on time" },
    { "Aucune attente, $S montre en main", "No waiting at all, $S by the clock" },
    { "Ponctuel et $B efficace", "Punctual and $B efficient" },
    { "L'attente n'a pas dépassé $S", "The wait was no longer than $S" },
    { "Les horaires sont respectés, ce qui est rare",
      "Appointments run on time, which is rare" },
    { "On n'attend pas du tout, c'est $B appréciable",
      "You don't wait at all, which is $B nice" },
};

static const struct phrase wait_neg[] = {
    { "Au moins $W d'attente alors que j'avais rendez-vous",
      "At least $W of waiting even though I had an appointment" },
    { "J'ai attendu $W sans aucune explication",
      "I waited $W without any explanation" },
    { "Le retard n'est jamais annoncé", "Delays are never announced" },
    { "Les horaires ne sont pas du tout respectés",
      "Appointment times are not respected at all" },
    { "Attente interminable, $W dans une salle bondée",
      "Endless wait, $W in a packed waiting room" },
    { "Encore $W de retard, c'est $B pénible",
      "Another $W late, it's $B annoying" },
};

static const struct phrase reception_pos[] = {
    { "Accueil $B chaleureux", "$B warm welcome" },
    { "La secrétaire est $B aimable et souriante",
      "The receptionist is $B friendly and smiling" },
    { "Secrétariat efficace, toujours joignable",
      "Efficient front desk, always reachable" },
    { "L'équipe est adorable, on se sent attendu",
      "The staff are lovely, you feel expected" },
    { "Les assistantes sont aux petits soins",
      "The assistants take great care of you" },
};

static const struct phrase reception_neg[] = {
    { "Secrétaire $B désagréable, elle ne dit même pas bonjour",
      "$B rude receptionist, she doesn't even say hello" },
    { "Accueil glacial", "Cold reception" },
    { "On m'a répondu $<ce n'est pas mon problème$> au téléphone",
      "I was told $<that's not my problem$> on the phone" },
    { "Le secrétariat ne répond jamais au téléphone",
      "The office never answers the phone" },
    { "Personnel pas du tout aimable", "Staff not friendly at all" },
    { "L'accueil laisse vraiment à désirer",
      "The reception really leaves a lot to be desired" },
};

static const struct phrase care_pos[] = {
    { "Soins $B doux, je n'ai eu aucune douleur",
      "$B gentle care, I felt no pain at all" },
    { "$D a soulagé ma douleur au dos en trois séances",
      "$D relieved my back pain in three sessions" },
    { "Extraction de la dent de sagesse sans aucune douleur",
      "Wisdom tooth removal without any pain" },
    { "Travail soigné et $B professionnel", "Careful and $B professional work" },
    { "Geste précis, anesthésie indolore", "Precise hands, painless anaesthetic" },
    { "Mon genou va beaucoup mieux après la rééducation",
      "My knee is much better after the rehab" },
};

static const struct phrase care_neg[] = {
    { "J'ai eu $B mal pendant tout le soin",
      "It hurt $B badly during the whole treatment" },
    { "Les soins ont été bâclés en dix minutes",
      "The treatment was rushed in ten minutes" },
    { "La douleur n'a pas disparu, au contraire",
      "The pain did not go away, quite the opposite" },
    { "$D ne m'a pas examiné du tout", "$D did not examine me at all" },
    { "Couronne mal posée, il a fallu tout refaire ailleurs",
      "Badly fitted crown, it had to be redone elsewhere" },
    { "Ordonnance faite en deux minutes sans m'ausculter",
      "Prescription written in two minutes without examining me" },
};

static const struct phrase price_pos[] = {
    { "Tarifs raisonnables, pas de dépassement d'honoraires",
      "Reasonable fees, no extra charges" },
    { "Prix correct pour la qualité des soins",
      "Fair price for the quality of care" },
    { "Le devis était clair et respecté", "The quote was clear and honoured" },
    { "Consultation à $E, tiers payant accepté",
      "Visit at $E, direct billing accepted" },
    { "Aucune mauvaise surprise sur la facture", "No nasty surprises on the bill" },
};

static const struct phrase price_neg[] = {
    { "Dépassement d'honoraires de $E jamais annoncé",
      "$E extra fee that was never announced" },
    { "$E pour dix minutes de consultation, c'est du vol",
      "$E for a ten-minute visit, that's daylight robbery" },
    { "Les tarifs sont $B excessifs", "The prices are $B excessive" },
    { "Devis $B élevé et pas du tout détaillé",
      "$B high quote and not detailed at all" },
    { "On m'a facturé $E sans me prévenir", "I was charged $E without warning" },
    { "Carte vitale refusée, paiement en espèces uniquement",
      "Carte Vitale refused, cash only" },
};

static const struct phrase hygiene_pos[] = {
    { "Cabinet $B propre et moderne", "$B clean and modern practice" },
    { "Hygiène irréprochable", "Impeccable hygiene" },
    { "Matériel stérilisé et salle d'attente impeccable",
      "Sterilised equipment and a spotless waiting room" },
    { "Les locaux sont neufs et lumineux", "The premises are new and bright" },
};

static const struct phrase hygiene_neg[] = {
    { "Cabinet $B sale, les poubelles débordent",
      "$B dirty practice, the bins are overflowing" },
    { "L'hygiène laisse à désirer, pas de gants",
      "Hygiene is lacking, no gloves" },
    { "Salle d'attente vétuste et pas du tout entretenue",
      "Run-down waiting room, not maintained at all" },
    { "Les toilettes n'étaient pas propres", "The toilets were not clean" },
};

static const struct phrase listening_pos[] = {
    { "$D prend le temps d'écouter et d'expliquer",
      "$D takes the time to listen and explain" },
    { "À l'écoute, $B patient et rassurant",
      "Attentive, $B patient and reassuring" },
    { "Explications claires sur le traitement",
      "Clear explanations about the treatment" },
    { "Un praticien humain qui ne vous juge pas",
      "A caring practitioner who doesn't judge you" },
    { "Enfin quelqu'un qui m'a écouté", "Finally someone who listened to me" },
    { "$D a répondu à toutes mes questions", "$D answered all my questions" },
};

static const struct phrase listening_neg[] = {
    { "Aucune écoute, $D regarde son écran",
      "No listening at all, $D stares at the screen" },
    { "$D ne m'a pas laissé parler", "$D did not let me speak" },
    { "Pas d'explications, on ne sait pas ce qu'on a",
      "No explanations, you don't know what's wrong" },
    { "Méprisant et $B condescendant", "Dismissive and $B condescending" },
    { "On m'a dit $<c'est dans votre tête$>", "I was told $<it's all in your head$>" },
    { "Je suis ressorti sans comprendre mon diagnostic",
      "I left without understanding my diagnosis" },
};

static const struct phrase booking_pos[] = {
    { "Rendez-vous obtenu $B rapidement en ligne",
      "Appointment booked $B quickly online" },
    { "Rendez-vous le jour même pour une urgence",
      "Same-day appointment for an emergency" },
    { "Prise de rendez-vous simple par téléphone", "Easy booking over the phone" },
    { "Rappel par SMS la veille, pratique", "SMS reminder the day before, handy" },
};

static const struct phrase booking_neg[] = {
    { "Impossible d'avoir un rendez-vous avant $J",
      "Impossible to get an appointment within $J" },
    { "Rendez-vous annulé la veille sans explication",
      "Appointment cancelled the day before with no explanation" },
    { "Injoignable par téléphone, il faut passer sur place",
      "Impossible to reach by phone, you have to go in person" },
    { "Ne prend pas de nouveaux patients, même en urgence",
      "Not taking new patients, not even emergencies" },
    { "Mon rendez-vous a été déplacé trois fois",
      "My appointment was moved three times" },
};

enum topic {
    TOPIC_WAIT, TOPIC_RECEPTION, TOPIC_CARE, TOPIC_PRICE, TOPIC_HYGIENE,
    TOPIC_LISTENING, TOPIC_BOOKING, TOPIC_COUNT
};

/* [topic][0] = negative, [topic][1] = positive */
static const struct phrase_list topic_phrases[TOPIC_COUNT][2] = {
    { LIST(wait_neg), LIST(wait_pos) },
    { LIST(reception_neg), LIST(reception_pos) },
    { LIST(care_neg), LIST(care_pos) },
    { LIST(price_neg), LIST(price_pos) },
    { LIST(hygiene_neg), LIST(hygiene_pos) },
    { LIST(listening_neg), LIST(listening_pos) },
    { LIST(booking_neg), LIST(booking_pos) },
};

static const struct phrase conclusion_pos[] = {
    { "Je recommande vivement", "I highly recommend" },
    { "Excellent praticien", "Excellent practitioner" },
    { "Je recommande les yeux fermés", "I recommend without hesitation" },
    { "Merci pour tout", "Thanks for everything" },
    { "Un grand merci à toute l'équipe", "A big thank you to the whole team" },
    { "Enfin un bon $K", "Finally a good $K" },
    { "Très bon $K, je reviendrai", "Very good $K, I will come back" },
};

static const struct phrase conclusion_neg[] = {
    { "À fuir", "Avoid" },
    { "Je ne recommande pas du tout", "I do not recommend at all" },
    { "Plus jamais", "Never again" },
    { "Je ne reviendrai pas", "I will not be back" },
    { "Le pire $K que j'ai consulté", "The worst $K I have ever seen" },
    { "Comment peut-on exercer comme ça$?", "How can anyone practise like this$?" },
    { "Passez votre chemin", "Go elsewhere" },
};

static const struct phrase neutral_phrases[] = {
    { "Consultation classique, rien à signaler", "Standard visit, nothing to report" },
    { "Correct sans plus", "Fine, nothing special" },
    { "Ni bien ni mal", "Neither good nor bad" },
    { "Cabinet bien situé, parking à proximité",
      "Conveniently located, parking nearby" },
    { "Je n'ai pas d'avis tranché", "I don't have a strong opinion" },
};

static const struct phrase intro_phrases[] = {
    { "Patient depuis plusieurs années au cabinet",
      "Patient at this practice for several years" },
    { "Première consultation pour une douleur au dos",
      "First visit for back pain" },
    { "Je suis venue avec mon fils pour un contrôle",
      "I came with my son for a check-up" },
    { "Consultation en urgence un samedi matin",
      "Emergency visit on a Saturday morning" },
    { "Suivi depuis mon accident de ski", "Under follow-up since my skiing accident" },
    { "Rendez-vous pris pour un détartrage",
      "Appointment made for a scale and polish" },
    { "Je précise que je ne suis pas du genre à laisser des avis",
      "I should say I don't usually leave reviews" },
};

/* Tails joined with ", mais " / ", but ": [0] negative, [1] positive. */
static const struct phrase contrast_neg[] = {
    { "l'attente est $B longue", "the wait is $B long" },
    { "le secrétariat est injoignable", "the office is impossible to reach" },
    { "les tarifs sont un peu élevés", "the fees are a bit high" },
    { "c'est dommage pour l'accueil", "the reception is a let-down" },
    { "il faut s'armer de patience", "you need a lot of patience" },
};

static const struct phrase contrast_pos[] = {
    { "$D reste compétent", "$D is still competent" },
    { "les soins sont de qualité", "the care itself is good" },
    { "l'accueil est $B sympathique", "the staff are $B friendly" },
    { "le résultat est là", "the result is there" },
};

static const struct phrase_list contrast_tails[2] = {
    LIST(contrast_neg), LIST(contrast_pos)
};

/* One-line reviews: [0] negative, [1] positive, [2] neutral. */
static const struct phrase short_neg[] = {
    { "À fuir$!", "Avoid$!" }, { "Nul", "Terrible" },
    { "Aucun professionnalisme", "No professionalism whatsoever" },
    { "Honteux$!", "Shameful$!" }, { "Pas du tout satisfait", "Not satisfied at all" },
};

static const struct phrase short_pos[] = {
    { "Top$!", "Top$!" }, { "Parfait$!", "Perfect$!" }, { "Très bien", "Very good" },
    { "Super $K$!", "Great $K$!" }, { "Je recommande$!", "Recommended$!" },
    { "Rien à redire", "Nothing to complain about" },
    { "Merci docteur$!", "Thank you doctor$!" },
    { "Très bon $K", "Very good $K" },
};

static const struct phrase short_neutral[] = {
    { "Correct", "OK" }, { "Bien sans plus", "Fine I guess" },
    { "RAS", "Nothing to add" },
};

static const struct phrase_list short_phrases[3] = {
    LIST(short_neg), LIST(short_pos), LIST(short_neutral)
};

static const char *const emoji_pos[] = {
    "😊", "👍", "🙏", "👌", "❤️", "😀", "🥰", ":)", ":-)", "\\o/",
};

static const char *const emoji_neg[] = {
    "😡", "👎", "😤", "😞", "🤬", ":(", ":-/",
};

/* Replies from the practice */
static const struct phrase reply_greetings[] = {
    { "Bonjour $A,", "Hello $A," }, { "Bonjour,", "Hello," },
    { "Madame, Monsieur,", "Dear patient," },
    { "Chère patiente, cher patient,", "Dear $A," }, { "Bonjour $A", "Hi $A" },
};

static const struct phrase reply_thanks[] = {
    { "Merci beaucoup pour votre retour, il fait plaisir à toute l'équipe.",
      "Thank you very much for your feedback, the whole team appreciates it." },
    { "Merci pour ce gentil message$!", "Thank you for this kind message$!" },
    { "Nous sommes ravis que votre traitement se soit bien passé.",
      "We are delighted that your treatment went well." },
    { "Merci pour votre confiance, au plaisir de vous revoir lors de votre prochaine consultation.",
      "Thank you for your trust, we look forward to seeing you at your next appointment." },
    { "Votre satisfaction est notre priorité, merci d'avoir pris le temps d'écrire.",
      "Your satisfaction is our priority, thank you for taking the time to write." },
};

static const struct phrase reply_regrets[] = {
    { "Nous regrettons sincèrement que votre expérience n'ait pas été à la hauteur de vos attentes.",
      "We sincerely regret that your experience did not meet your expectations." },
    { "Je suis désolé d'apprendre que l'attente a été longue lors de votre consultation.",
      "I am sorry to hear that the wait was long during your visit." },
    { "Nous prenons votre remarque très au sérieux.",
      "We take your comment very seriously." },
    { "Les retards sont parfois dus à des urgences que nous ne pouvons pas prévoir.",
      "Delays are sometimes caused by emergencies we cannot foresee." },
    { "Les tarifs sont affichés en salle d'attente et vous ont été expliqués avant votre traitement.",
      "Our fees are displayed in the waiting room and were explained before your treatment." },
    { "Nous ne retrouvons pas votre dossier sous ce nom.",
      "We cannot find your file under this name." },
};

static const struct phrase reply_details[] = {
    { "Comme indiqué lors de votre consultation, votre traitement nécessite plusieurs séances.",
      "As explained during your visit, your treatment requires several sessions." },
    { "Le secrétariat est joignable du lundi au vendredi de 9h à 18h.",
      "The front desk is open Monday to Friday, 9am to 6pm." },
    { "Nous avons depuis renforcé l'équipe d'accueil.",
      "We have since strengthened the reception team." },
};

static const struct phrase reply_invites[] = {
    { "N'hésitez pas à appeler le cabinet au $T pour en discuter.",
      "Please feel free to call the practice on $T to discuss it." },
    { "Je vous invite à contacter le secrétariat afin que nous puissions en parler.",
      "I invite you to contact the front desk so that we can talk about it." },
    { "Notre porte reste ouverte si vous souhaitez revenir.",
      "Our door remains open should you wish to come back." },
};

static const struct phrase reply_closings[] = {
    { "Cordialement,\n$R", "Kind regards,\n$R" },
    { "Bien à vous,\n$R", "Best wishes,\n$R" },
    { "Bonne journée.", "Have a nice day." },
    { "$R", "$R" },
    { "L'équipe du cabinet", "The practice team" },
};

/* ------------------------------------------------------------------ */
/* Practices: one per page file, built once at start-up                */

struct practice {
    const struct profession *prof;
    const char *surname;
    enum source source;
    int english_ui;           /* page scraped with an English interface */
    char subject[128];
    char signer[48];          /* "Dr Martin" */
    char phone[16];
};

static const struct profession *pick_profession(struct rng *r)
{
    unsigned total = 0;
    for (size_t i = 0; i < COUNT(professions); i++)
        total += professions[i].weight;
    unsigned x = rng_below(r, total);
    for (size_t i = 0; i < COUNT(professions); i++) {
        if (x < professions[i].weight)
            return &professions[i];
        x -= professions[i].weight;
    }
    return &professions[0];
}

static enum source pick_source(struct rng *r)
{
    unsigned x = rng_below(r, 100);
    if (x < 45)
        return SRC_GOOGLE;
    if (x < 65)
        return SRC_PAGESJAUNES;
    if (x < 75)
        return SRC_TRUSTPILOT;
    return SRC_DOCTOLIB;
}

static void build_subject(struct rng *r, struct practice *p)
{
    const char *place = PICK(r, places);
    const char *partner = PICK(r, surnames);
    const char *first = PICK(r, first_names_fr);
    char *s = p->subject;
    size_t n = sizeof p->subject;

    switch (rng_below(r, 6)) {
    case 0: snprintf(s, n, "%s %s", p->prof->practice, place); break;
    case 1: snprintf(s, n, "Dr %s, %s", p->surname, p->prof->title); break;
    case 2: snprintf(s, n, "Dr %s %s – %s", first, p->surname, p->prof->title); break;
    case 3: snprintf(s, n, "%s %s", p->prof->centre, place); break;
    case 4: snprintf(s, n, "Cabinet %s & %s", p->surname, partner); break;
    default: snprintf(s, n, "Docteur %s %s", first, p->surname); break;
    }
}

static void build_practice(struct rng *r, struct practice *p)
{
    p->prof = pick_profession(r);
    p->surname = PICK(r, surnames);
    p->source = pick_source(r);
    p->english_ui = rng_percent(r, 15);
    build_subject(r, p);
    snprintf(p->signer, sizeof p->signer, "Dr %s", p->surname);
    unsigned area = 1 + rng_below(r, 5), pairs[4];
    for (size_t i = 0; i < 4; i++)      /* one call per statement: fixed order */
        pairs[i] = rng_below(r, 100);
    snprintf(p->phone, sizeof p->phone, "0%u %02u %02u %02u %02u",
             area, pairs[0], pairs[1], pairs[2], pairs[3]);
}

/* ------------------------------------------------------------------ */
/* Writer style and template rendering                                 */

enum apostrophe { APOS_ASCII, APOS_CURLY, APOS_HTML };
enum nbsp_habit { NBSP_NARROW, NBSP_PLAIN, NBSP_SPACE, NBSP_NONE };

struct style {
    enum lang lang;
    enum apostrophe apos;
    enum nbsp_habit nbsp;
    int guillemets;
    int html;                 /* leftover HTML entities */
    int crlf;                 /* Windows line breaks */
};

/* Per-sentence values for placeholders; the same seed renders the same
 * choices in French and in English. */
struct slots {
    const struct practice *pr;
    const struct style *st;
    const char *first_name;
    uint64_t seed;
    unsigned char seen[26];
};

static size_t slot_pick(struct slots *sl, char type, size_t n)
{
    unsigned k = sl->seen[type - 'A']++;
    uint64_t h = hash64(sl->seed ^ ((uint64_t)(unsigned char)type << 40)
                        ^ ((uint64_t)k << 32));
    return (size_t)(h % n);
}

static const char *in_lang(const struct phrase *p, enum lang lang)
{
    return lang == LANG_FR ? p->fr : p->en;
}

static const char *nbsp_before_punct(const struct style *st)
{
    switch (st->nbsp) {
    case NBSP_NARROW: return NNBSP;
    case NBSP_PLAIN: return NBSP;
    case NBSP_SPACE: return " ";
    default: return "";
    }
}

static void put_high_punct(struct buf *b, const struct style *st, char c)
{
    if (st->lang == LANG_FR)
        buf_puts(b, nbsp_before_punct(st));
    buf_putc(b, c);
}

static void put_quote(struct buf *b, const struct style *st, int opening)
{
    if (st->lang != LANG_FR || !st->guillemets) {
        buf_putc(b, '"');
        return;
    }
    const char *inner = st->nbsp == NBSP_NARROW ? NNBSP
                      : st->nbsp == NBSP_SPACE ? " " : NBSP;
    if (opening) {
        buf_puts(b, "«");
        buf_puts(b, inner);
    } else {
        buf_puts(b, inner);
        buf_puts(b, "»");
    }
}

static void put_apostrophe(struct buf *b, const struct style *st)
{
    switch (st->apos) {
    case APOS_CURLY: buf_puts(b, "’"); break;
    case APOS_HTML: buf_puts(b, "&#39;"); break;
    default: buf_putc(b, '\''); break;
    }
}

static void render_template(struct buf *b, const char *t, struct slots *sl);

static void put_choice(struct buf *b, const struct phrase *table, size_t n,
                       char type, struct slots *sl)
{
    render_template(b, in_lang(&table[slot_pick(sl, type, n)], sl->st->lang), sl);
}

static void put_practitioner(struct buf *b, struct slots *sl)
{
    if (slot_pick(sl, 'D', 10) < 4) {
        buf_puts(b, sl->st->lang == LANG_FR ? "le Dr " : "Dr ");
        render_template(b, sl->pr->surname, sl);
    } else {
        render_template(b, in_lang(&sl->pr->prof->ref, sl->st->lang), sl);
    }
}

/* Slot values never contain '$', so the recursion stops at one level. */
static void put_slot(struct buf *b, char type, struct slots *sl)
{
    switch (type) {
    case 'B': put_choice(b, boosters, COUNT(boosters), type, sl); break;
    case 'W': put_choice(b, long_waits, COUNT(long_waits), type, sl); break;
    case 'S': put_choice(b, short_waits, COUNT(short_waits), type, sl); break;
    case 'E': put_choice(b, amounts, COUNT(amounts), type, sl); break;
    case 'J': put_choice(b, booking_delays, COUNT(booking_delays), type, sl); break;
    case 'D': put_practitioner(b, sl); break;
    case 'K': render_template(b, in_lang(&sl->pr->prof->noun, sl->st->lang), sl); break;
    case 'A': render_template(b, sl->first_name ? sl->first_name : "", sl); break;
    case 'R': render_template(b, sl->pr->signer, sl); break;
    case 'T': buf_puts(b, sl->pr->phone); break;
    case '<': put_quote(b, sl->st, 1); break;
    case '>': put_quote(b, sl->st, 0); break;
    case '!': case '?': case ':': case ';': put_high_punct(b, sl->st, type); break;
    default: buf_putc(b, '$'); buf_putc(b, type); break;
    }
}

static int is_e_acute(const char *p)
{
    return (unsigned char)p[0] == 0xC3 && (unsigned char)p[1] == 0xA9;
}

static void render_template(struct buf *b, const char *t, struct slots *sl)
{
    const char *specials = sl->st->html ? "$'\xc3" : "$'";
    for (const char *p = t; *p; p++) {
        size_t plain = strcspn(p, specials);
        if (plain > 0) {
            buf_put(b, p, plain);
            p += plain - 1;
        } else if (*p == '$' && p[1]) {
            put_slot(b, *++p, sl);
        } else if (*p == '\'') {
            put_apostrophe(b, sl->st);
        } else if (sl->st->html && is_e_acute(p) && slot_pick(sl, 'Z', 2) == 0) {
            buf_puts(b, "&eacute;");
            p++;
        } else {
            buf_putc(b, *p);
        }
    }
}

static int ends_with_punct_slot(const char *t)
{
    size_t n = strlen(t);
    return n >= 2 && t[n - 2] == '$' && (t[n - 1] == '!' || t[n - 1] == '?');
}

static void capitalize_at(struct buf *b, size_t pos)
{
    if (pos < b->len && b->data[pos] >= 'a' && b->data[pos] <= 'z')
        b->data[pos] = (char)(b->data[pos] - 'a' + 'A');
}

/* ------------------------------------------------------------------ */
/* Review texts: a language-independent plan, then rendering           */

enum polarity { POL_NEG, POL_POS, POL_NEUTRAL };
enum ending { END_PERIOD, END_EXCLAIM, END_EXCLAIMS, END_ELLIPSIS, END_NONE };
enum gap { GAP_SPACE, GAP_LINE, GAP_PARAGRAPH, GAP_TAB, GAP_VTAB };

struct sentence_plan {
    const struct phrase *phrase;
    const struct phrase *contrast;    /* joined with "mais"/"but", or NULL */
    uint64_t seed;
    enum ending end;
    enum gap gap;                     /* separator before this sentence */
};

struct text_plan {
    struct sentence_plan s[MAX_SENTENCES];
    size_t count;
    const char *emoji;
    size_t emoji_after;
};

static enum polarity dominant_polarity(int rating)
{
    return rating >= 4 ? POL_POS : rating <= 2 ? POL_NEG : POL_NEUTRAL;
}

static enum polarity draw_polarity(struct rng *r, int rating)
{
    static const unsigned positive_percent[6] = { 0, 3, 20, 50, 80, 97 };
    if (rating == 3 && rng_percent(r, 20))
        return POL_NEUTRAL;
    return rng_percent(r, positive_percent[rating]) ? POL_POS : POL_NEG;
}

static const struct phrase *pick_from(struct rng *r, const struct phrase_list *l)
{
    return &l->items[rng_below(r, (uint32_t)l->count)];
}

static const struct phrase *pick_body_phrase(struct rng *r, enum polarity pol)
{
    if (pol == POL_NEUTRAL)
        return &PICK(r, neutral_phrases);
    return pick_from(r, &topic_phrases[rng_below(r, TOPIC_COUNT)][pol]);
}

static const struct phrase *pick_conclusion(struct rng *r, int rating)
{
    switch (dominant_polarity(rating)) {
    case POL_POS: return &PICK(r, conclusion_pos);
    case POL_NEG: return &PICK(r, conclusion_neg);
    default: return &PICK(r, neutral_phrases);
    }
}

static int plan_contains(const struct text_plan *tp, const struct phrase *p)
{
    for (size_t i = 0; i < tp->count; i++)
        if (tp->s[i].phrase == p)
            return 1;
    return 0;
}

static size_t draw_sentence_count(struct rng *r)
{
    unsigned x = rng_below(r, 100);
    if (x < 40)
        return 1 + rng_below(r, 2);
    if (x < 78)
        return 3 + rng_below(r, 3);
    if (x < 94)
        return 6 + rng_below(r, 5);
    return 11 + rng_below(r, 12);
}

static enum ending draw_ending(struct rng *r, int rating, int last)
{
    int strong = rating == 1 || rating == 5;
    if (last && rng_percent(r, 12))
        return END_NONE;
    unsigned x = rng_below(r, 100);
    if (x < (strong ? 12u : 5u))
        return END_EXCLAIM;
    if (x < (strong ? 16u : 7u))
        return END_EXCLAIMS;
    if (x < (strong ? 20u : 11u))
        return END_ELLIPSIS;
    return END_PERIOD;
}

static enum gap draw_gap(struct rng *r, int paragraphs)
{
    unsigned x = rng_below(r, 1000);
    if (x < 3)
        return GAP_TAB;
    if (x < 4)
        return GAP_VTAB;
    if (!paragraphs)
        return GAP_SPACE;
    if (x < 250)
        return GAP_PARAGRAPH;
    if (x < 300)
        return GAP_LINE;
    return GAP_SPACE;
}

static size_t plan_contrasts(const struct text_plan *tp)
{
    size_t n = 0;
    for (size_t i = 0; i < tp->count; i++)
        n += tp->s[i].contrast != NULL;
    return n;
}

static const struct phrase *maybe_contrast(struct rng *r, int rating,
                                           enum polarity pol,
                                           const struct text_plan *tp,
                                           const struct phrase *phrase)
{
    if (pol == POL_NEUTRAL || ends_with_punct_slot(phrase->fr)
        || plan_contrasts(tp) >= 2)
        return NULL;
    unsigned percent = rating >= 2 && rating <= 4 ? 20 : 3;
    if (!rng_percent(r, percent))
        return NULL;
    return pick_from(r, &contrast_tails[pol == POL_POS ? POL_NEG : POL_POS]);
}

static void plan_short_text(struct rng *r, struct text_plan *tp, int rating)
{
    struct sentence_plan *sp = &tp->s[0];
    sp->phrase = pick_from(r, &short_phrases[dominant_polarity(rating)]);
    sp->contrast = NULL;
    sp->seed = rng_next(r);
    sp->end = rng_percent(r, 50) ? END_NONE : draw_ending(r, rating, 0);
    sp->gap = GAP_SPACE;
    tp->count = 1;
}

static void plan_sentence(struct rng *r, struct text_plan *tp, int rating,
                          size_t i, size_t count, int paragraphs)
{
    struct sentence_plan *sp = &tp->s[i];
    enum polarity pol = draw_polarity(r, rating);
    const struct phrase *phrase;

    if (i == 0 && count > 1 && rng_percent(r, 25)) {
        phrase = &PICK(r, intro_phrases);
        pol = POL_NEUTRAL;
    } else if (i + 1 == count && count > 1 && rng_percent(r, 40)) {
        phrase = pick_conclusion(r, rating);
        pol = POL_NEUTRAL;
    } else {
        if (count <= 2 && rating != 3)
            pol = dominant_polarity(rating);   /* short texts stay on message */
        phrase = pick_body_phrase(r, pol);
        for (int tries = 0; tries < 4 && plan_contains(tp, phrase); tries++)
            phrase = pick_body_phrase(r, pol);
    }
    sp->phrase = phrase;
    sp->contrast = maybe_contrast(r, rating, pol, tp, phrase);
    sp->seed = rng_next(r);
    sp->end = draw_ending(r, rating, i + 1 == count);
    sp->gap = draw_gap(r, paragraphs);
}

static void plan_emoji(struct rng *r, struct text_plan *tp, int rating)
{
    tp->emoji = NULL;
    if (!rng_percent(r, 12))
        return;
    int positive = rating >= 4 || (rating == 3 && rng_percent(r, 50));
    tp->emoji = positive ? PICK(r, emoji_pos) : PICK(r, emoji_neg);
    tp->emoji_after = rng_percent(r, 70) ? tp->count - 1 : rng_below(r, (uint32_t)tp->count);
}

static void plan_text(struct rng *r, struct text_plan *tp, int rating,
                      size_t min_sentences, size_t max_sentences)
{
    tp->count = 0;
    if (min_sentences <= 1 && rng_percent(r, 12)) {
        plan_short_text(r, tp, rating);
    } else {
        size_t count = draw_sentence_count(r);
        if (count < min_sentences)
            count = min_sentences;
        if (count > max_sentences)
            count = max_sentences;
        int paragraphs = count >= 4 && rng_percent(r, 35);
        for (size_t i = 0; i < count; i++) {
            plan_sentence(r, tp, rating, i, count, paragraphs);
            tp->count = i + 1;
        }
    }
    plan_emoji(r, tp, rating);
}

static void put_gap(struct buf *b, enum gap gap, const struct style *st)
{
    const char *nl = st->crlf ? "\r\n" : "\n";
    switch (gap) {
    case GAP_LINE: buf_puts(b, nl); break;
    case GAP_PARAGRAPH: buf_puts(b, nl); buf_puts(b, nl); break;
    case GAP_TAB: buf_putc(b, '\t'); break;
    case GAP_VTAB: buf_putc(b, '\v'); break;
    default: buf_putc(b, ' '); break;
    }
}

static void put_ending(struct buf *b, enum ending end, struct slots *sl)
{
    switch (end) {
    case END_EXCLAIM: put_high_punct(b, sl->st, '!'); break;
    case END_EXCLAIMS: put_high_punct(b, sl->st, '!'); buf_puts(b, "!!"); break;
    case END_ELLIPSIS: buf_puts(b, slot_pick(sl, 'Y', 2) ? "…" : "..."); break;
    case END_PERIOD: buf_putc(b, '.'); break;
    default: break;
    }
}

static void render_sentence(struct buf *b, const struct sentence_plan *sp,
                            const struct style *st, const struct practice *pr)
{
    struct slots sl = { pr, st, NULL, sp->seed, { 0 } };
    size_t start = b->len;

    render_template(b, in_lang(sp->phrase, st->lang), &sl);
    if (sp->contrast) {
        buf_puts(b, st->lang == LANG_FR ? ", mais " : ", but ");
        render_template(b, in_lang(sp->contrast, st->lang), &sl);
    }
    if (!ends_with_punct_slot(sp->phrase->fr))
        put_ending(b, sp->end, &sl);
    capitalize_at(b, start);
}

/* Renders sentences until the text would grow past limit bytes. */
static void render_plan(struct buf *b, const struct text_plan *tp,
                        const struct style *st, const struct practice *pr,
                        size_t limit)
{
    size_t text_start = b->len;
    for (size_t i = 0; i < tp->count; i++) {
        size_t before = b->len;
        if (i > 0)
            put_gap(b, tp->s[i].gap, st);
        render_sentence(b, &tp->s[i], st, pr);
        if (tp->emoji && i == tp->emoji_after) {
            buf_putc(b, ' ');
            buf_puts(b, tp->emoji);
        }
        if (i > 0 && b->len - text_start > limit) {
            b->len = before;
            break;
        }
    }
}

static struct style draw_style(struct rng *r, enum lang lang)
{
    struct style st = { lang, APOS_ASCII, NBSP_NONE, 0, 0, 0 };
    st.apos = rng_percent(r, lang == LANG_FR ? 38 : 25) ? APOS_CURLY : APOS_ASCII;
    if (lang == LANG_FR) {
        unsigned x = rng_below(r, 100);
        st.nbsp = x < 20 ? NBSP_NARROW : x < 40 ? NBSP_PLAIN
                : x < 80 ? NBSP_SPACE : NBSP_NONE;
        st.guillemets = rng_percent(r, 50);
    }
    st.html = rng_percent(r, 3);
    if (st.html)
        st.apos = APOS_HTML;
    st.crlf = rng_percent(r, 2);
    return st;
}

/* Google's translations use plain ASCII typography. */
static struct style google_translation_style(void)
{
    struct style st = { LANG_FR, APOS_ASCII, NBSP_SPACE, 0, 0, 0 };
    return st;
}

/* Cuts the text at a word boundary and appends "… Plus", like a listing
 * page that only shows the start of long reviews. */
static void truncate_with_more(struct rng *r, struct buf *b)
{
    if (b->len < 160)
        return;
    size_t cut = 100 + rng_below(r, (uint32_t)(b->len - 140));
    while (cut > 40 && b->data[cut] != ' ')
        cut--;
    if (cut <= 40)
        return;
    while (cut > 0 && memchr(",.;:!?", b->data[cut - 1], 6))
        cut--;
    b->len = cut;
    buf_puts(b, "… Plus");
}

/* ------------------------------------------------------------------ */
/* Records                                                             */

enum text_kind { KIND_FR, KIND_EN, KIND_TRANSLATED };

struct review_date {
    int32_t day;
    char iso[11];
    char raw[48];
    const char *precision;
};

struct review {
    unsigned practice_no;
    const struct practice *pr;
    uint64_t id;
    int rating;
    enum text_kind kind;
    int truncated;
    const char *first_name;
    char author[48];
    struct review_date date;
    int has_reply;
    char reply_date[11];
};

struct gen {
    struct rng rng;
    int32_t scrape_day;       /* reference date for "il y a 2 mois" */
    int32_t first_day;
    struct practice practices[PRACTICE_COUNT];
    struct buf text;
    struct buf reply;
    struct out out;
};

static int draw_rating(struct rng *r)
{
    unsigned x = rng_below(r, 100);
    if (x < 60)
        return 5;
    if (x < 72)
        return 4;
    if (x < 78)
        return 3;
    if (x < 85)
        return 2;
    return 1;
}

/* Few practices get most of the reviews. */
static unsigned draw_practice_no(struct rng *r)
{
    return rng_below(r, rng_below(r, PRACTICE_COUNT) + 1);
}

static enum text_kind draw_text_kind(struct rng *r, const struct practice *pr)
{
    if (pr->source == SRC_GOOGLE && rng_percent(r, 7))
        return KIND_TRANSLATED;
    return rng_percent(r, 20) ? KIND_EN : KIND_FR;
}

static void draw_author(struct rng *r, struct review *rv)
{
    static const char initials[] = "ABCDEFGHJLMNPRSTV";
    int english = (rv->kind == KIND_FR) ? rng_percent(r, 8) : rng_percent(r, 80);
    rv->first_name = english ? PICK(r, first_names_en) : PICK(r, first_names_fr);
    size_t n = strlen(rv->first_name);
    memcpy(rv->author, rv->first_name, n);
    rv->author[n] = ' ';
    rv->author[n + 1] = initials[rng_below(r, sizeof initials - 1)];
    memcpy(rv->author + n + 2, ".", 2);
}

static void set_relative_date(struct review_date *d, int32_t ref, enum lang lang)
{
    static const char *const unit_fr[4][2] = {
        { "jour", "jours" }, { "semaine", "semaines" }, { "mois", "mois" }, { "an", "ans" }
    };
    static const char *const unit_en[4] = { "day", "week", "month", "year" };
    static const char *const one_fr[4] = { "un", "une", "un", "un" };
    int32_t age = ref - d->day;
    unsigned unit, n;

    if (age < 7) {
        unit = 0; n = age < 1 ? 1 : (unsigned)age; d->day = ref - (int32_t)n;
    } else if (age < 31) {
        unit = 1; n = (unsigned)age / 7; d->day = ref - 7 * (int32_t)n;
    } else if (age < 360) {
        unit = 2; n = (unsigned)age / 30; d->day = months_before(ref, n);
    } else {
        unit = 3; n = (unsigned)age / 365; n += n == 0; d->day = months_before(ref, 12 * n);
    }
    d->precision = unit < 2 ? "day" : "month";
    if (lang == LANG_FR && n == 1)
        snprintf(d->raw, sizeof d->raw, "il y a %s %s", one_fr[unit], unit_fr[unit][0]);
    else if (lang == LANG_FR)
        snprintf(d->raw, sizeof d->raw, "il y a %u %s", n, unit_fr[unit][1]);
    else if (n == 1)
        snprintf(d->raw, sizeof d->raw, "a %s ago", unit_en[unit]);
    else
        snprintf(d->raw, sizeof d->raw, "%u %ss ago", n, unit_en[unit]);
}

static void set_absolute_date(struct review_date *d, enum lang lang, int month_only)
{
    struct civil c = civil_from_days(d->day);
    d->precision = month_only ? "month" : "day";
    if (month_only) {
        d->day = days_from_civil(c.year, c.month, 1);
        snprintf(d->raw, sizeof d->raw, "%s %d", months_fr[c.month - 1], c.year);
    } else if (lang == LANG_EN) {
        snprintf(d->raw, sizeof d->raw, "%s %u, %d", months_en[c.month - 1], c.day, c.year);
    } else {
        snprintf(d->raw, sizeof d->raw, "%u%s %s %d", c.day, c.day == 1 ? "er" : "",
                 months_fr[c.month - 1], c.year);
    }
}

static void draw_date(struct gen *g, struct review *rv)
{
    struct rng *r = &g->rng;
    struct review_date *d = &rv->date;
    uint32_t span = (uint32_t)(g->scrape_day - g->first_day + 1);
    uint32_t a = rng_below(r, span), b = rng_below(r, span);
    enum lang ui = rv->pr->english_ui ? LANG_EN : LANG_FR;

    d->day = g->first_day + (int32_t)(a > b ? a : b);   /* skewed to recent */
    switch (rv->pr->source) {
    case SRC_GOOGLE: set_relative_date(d, g->scrape_day, ui); break;
    case SRC_TRUSTPILOT: set_absolute_date(d, ui, 0); break;
    case SRC_PAGESJAUNES: set_absolute_date(d, LANG_FR, 0); break;
    default: set_absolute_date(d, LANG_FR, rng_percent(r, 40)); break;
    }
    format_iso_date(d->iso, d->day);
}

static void build_text(struct gen *g, const struct review *rv)
{
    struct rng *r = &g->rng;
    struct buf *b = &g->text;
    struct text_plan plan;

    b->len = 0;
    if (rv->kind == KIND_TRANSLATED) {
        struct style fr = google_translation_style();
        struct style en = draw_style(r, LANG_EN);
        plan_text(r, &plan, rv->rating, 1, 8);
        buf_puts(b, "(Traduit par Google) ");
        render_plan(b, &plan, &fr, rv->pr, TRANSLATED_PART_LIMIT);
        buf_puts(b, "\n\n(Avis d'origine)\n");
        render_plan(b, &plan, &en, rv->pr, TRANSLATED_PART_LIMIT);
        return;
    }
    enum lang lang = rv->kind == KIND_EN ? LANG_EN : LANG_FR;
    struct style st = draw_style(r, lang);
    plan_text(r, &plan, rv->rating, rv->truncated ? 5 : 1, MAX_SENTENCES);
    render_plan(b, &plan, &st, rv->pr, TEXT_LIMIT);
    if (st.html)
        buf_replace_first(b, 1, lang == LANG_FR ? " et " : " and ", " &amp; ");
    if (rv->truncated)
        truncate_with_more(r, b);
}

static void append_reply_part(struct buf *b, const char *sep,
                              const struct phrase *part, struct slots *sl)
{
    if (b->len > 0)
        buf_puts(b, sep);
    render_template(b, in_lang(part, sl->st->lang), sl);
}

static void build_reply(struct gen *g, const struct review *rv)
{
    struct rng *r = &g->rng;
    struct buf *b = &g->reply;
    enum lang lang = rv->kind == KIND_EN && rng_percent(r, 70) ? LANG_EN : LANG_FR;
    struct style st = { lang, APOS_ASCII, NBSP_SPACE, 0, 0, 0 };
    st.apos = rng_percent(r, 30) ? APOS_CURLY : APOS_ASCII;
    st.nbsp = rng_percent(r, 50) ? NBSP_PLAIN : NBSP_SPACE;
    struct slots sl = { rv->pr, &st, rv->first_name, rng_next(r), { 0 } };
    const char *sep = rng_percent(r, 50) ? "\n\n" : " ";
    int positive = rv->rating >= 4;

    b->len = 0;
    if (rng_percent(r, positive ? 70 : 85))
        append_reply_part(b, sep, &PICK(r, reply_greetings), &sl);
    if (positive)
        append_reply_part(b, sep, &PICK(r, reply_thanks), &sl);
    else
        append_reply_part(b, sep, &PICK(r, reply_regrets), &sl);
    if (rng_percent(r, positive ? 15 : 40))
        append_reply_part(b, " ", &PICK(r, reply_details), &sl);
    if (rng_percent(r, positive ? 10 : 85))
        append_reply_part(b, " ", &PICK(r, reply_invites), &sl);
    if (rng_percent(r, 80))
        append_reply_part(b, sep, &PICK(r, reply_closings), &sl);
}

static void draw_review(struct gen *g, struct review *rv)
{
    struct rng *r = &g->rng;

    rv->id = rng_next(r);
    rv->practice_no = draw_practice_no(r);
    rv->pr = &g->practices[rv->practice_no];
    rv->rating = draw_rating(r);
    rv->kind = draw_text_kind(r, rv->pr);
    rv->truncated = rv->kind != KIND_TRANSLATED
                    && (rv->pr->source == SRC_GOOGLE || rv->pr->source == SRC_PAGESJAUNES)
                    && rng_percent(r, 5);
    draw_author(r, rv);
    draw_date(g, rv);
    rv->has_reply = rng_percent(r, 45);
    if (rv->has_reply) {
        int32_t day = rv->date.day + (int32_t)rng_below(r, 41);
        format_iso_date(rv->reply_date, day < g->scrape_day ? day : g->scrape_day);
    }
}

static void write_reply(struct out *o, const struct review *rv, const struct buf *reply)
{
    if (!rv->has_reply) {
        out_str(o, ",\"reply\":null}\n");
        return;
    }
    out_str(o, ",\"reply\":{");
    out_field(o, "author", rv->pr->signer, strlen(rv->pr->signer), 1);
    out_field(o, "text", reply->data, reply->len, 0);
    out_field_str(o, "date", rv->reply_date);
    out_str(o, "}}\n");
}

static void write_record(struct out *o, const struct review *rv,
                         const struct buf *text, const struct buf *reply)
{
    static const char hex[] = "0123456789abcdef";
    char id[] = "bench-0000000000000000";
    char file[] = "pages/cabinet-000.html";
    char rating[] = ",\"rating\":0";

    for (int i = 0; i < 16; i++)
        id[6 + i] = hex[(rv->id >> (60 - 4 * i)) & 15];
    put_digits(file + 14, rv->practice_no, 3);
    rating[sizeof rating - 2] = (char)('0' + rv->rating);

    out_str(o, "{");
    out_field(o, "id", id, strlen(id), 1);
    out_field_str(o, "source", source_names[rv->pr->source]);
    out_field_str(o, "file", file);
    out_field_str(o, "subject", rv->pr->subject);
    out_field_str(o, "author", rv->author);
    out_str(o, rating);
    out_field_str(o, "date", rv->date.iso);
    out_field_str(o, "date_raw", rv->date.raw);
    out_field_str(o, "date_precision", rv->date.precision);
    out_field(o, "text", text->data, text->len, 0);
    write_reply(o, rv, reply);
}

static void generate_one(struct gen *g)
{
    struct review rv;

    draw_review(g, &rv);
    build_text(g, &rv);
    if (rv.has_reply)
        build_reply(g, &rv);
    write_record(&g->out, &rv, &g->text, &g->reply);
}

static void gen_init(struct gen *g, uint64_t seed)
{
    struct rng practice_rng;

    rng_seed(&g->rng, seed);
    rng_seed(&practice_rng, hash64(seed ^ UINT64_C(0x5052414354494345)));
    for (size_t i = 0; i < PRACTICE_COUNT; i++)
        build_practice(&practice_rng, &g->practices[i]);
    g->first_day = days_from_civil(2019, 1, 1);
    g->scrape_day = days_from_civil(2026, 3, 15);
    g->out.f = stdout;
}

/* ------------------------------------------------------------------ */
/* Command line                                                        */

struct options {
    uint64_t seed;
    uint64_t count;
};

static void usage(FILE *f)
{
    fputs("usage: gen [-s SEED] [-n COUNT]\n"
          "Write COUNT synthetic review records (JSON Lines) to stdout.\n"
          "  -s SEED   random seed (default 1); same seed, same output\n"
          "  -n COUNT  number of records (default 1000)\n"
          "  -h        show this help\n", f);
}

static void usage_error(const char *msg, const char *arg)
{
    fprintf(stderr, "gen: %s%s%s\n", msg, arg ? ": " : "", arg ? arg : "");
    usage(stderr);
    exit(2);
}

static int parse_u64(const char *s, uint64_t *value)
{
    char *end;
    if (!s || *s < '0' || *s > '9')
        return -1;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || *end)
        return -1;
    *value = v;
    return 0;
}

static struct options parse_options(int argc, char **argv)
{
    struct options opt = { 1, 1000 };
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--") == 0) {
            if (i + 1 < argc)
                usage_error("unexpected argument", argv[i + 1]);
            break;
        }
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            usage(stdout);
            exit(0);
        }
        if (a[0] != '-' || (a[1] != 's' && a[1] != 'n'))
            usage_error("unknown argument", a);
        const char *v = a[2] ? a + 2 : (i + 1 < argc ? argv[++i] : NULL);
        if (!v)
            usage_error("missing value for option", a);
        if (parse_u64(v, a[1] == 's' ? &opt.seed : &opt.count) != 0)
            usage_error("invalid number", v);
    }
    return opt;
}

int main(int argc, char **argv)
{
    struct options opt = parse_options(argc, argv);
    struct gen *g = calloc(1, sizeof *g);
    if (!g)
        die_out_of_memory();

    gen_init(g, opt.seed);
    for (uint64_t i = 0; i < opt.count && !g->out.err; i++)
        generate_one(g);
    out_flush(&g->out);

    int err = g->out.err;
    errno = 0;
    if (!err && (fflush(stdout) != 0 || ferror(stdout)))
        err = errno ? errno : EIO;
    free(g->text.data);
    free(g->reply.data);
    free(g);
    if (err) {
        fprintf(stderr, "gen: write error: %s\n", strerror(err));
        return 2;
    }
    return 0;
}
