# A term list for tests/data/check/lexicon.rules (the format: wordlist.h,
# avis-rules(5)).  Terms sharing a first letter become one group.
couronnes?
carie
pose d'implants?
# a term whose first letter is repeated (s?) is not grouped
s?oins dentaires
# a term with a top-level bar is kept whole, not split by its first letter
radio|scanner
(?:petite|grande) chirurgie
detartrage
