"""Search terms: the words of a text reduced to what the search compares, per language.

Neither Snowball nor PostgreSQL has an Albanian stemmer, and Wagtail's PostgreSQL backend would
apply its English one to Albanian text. So the search never leaves stemming to the backend: the
index holds each document's words already folded and stemmed here (`SearchDocument.terms`), the
query is reduced the same way, and the backend only matches words (a `simple` configuration with
`unaccent` and no stop words on PostgreSQL, FTS5 on SQLite): the same results on both.

Albanian (`_stem_sq`): lower case, ë → e and ç → c (readers often type without them), then one
inflectional ending stripped, the longest that leaves a stem of at least four letters. Albanian
nouns mark definiteness, case and number with endings on the word (trafikim, trafikimi,
trafikimit, trafikimin, trafikime, trafikimet, trafikimeve); verbs and adjectives with more than
these, which the search does not try to reach. Proper names take the same endings (Kukës,
Kukësi, Kukësit). tests/sitesearch/test_stemming.py holds the word list it is measured on.

English: Snowball's English (Porter 2) stemmer, then "-ick" → "-ic" so that *trafficking* and
*trafficked* meet *traffic*, and a few irregular plurals.
"""

import re
import unicodedata
from functools import cache

import snowballstemmer

MIN_STEM = 4
# Longest first; each ending is tried on the folded word (ë → e).
SQ_ENDINGS = (
    "ave",  # viktimave, vajzave: plural genitive, dative, ablative
    "eve",  # fëmijëve, trafikimeve, konkurseve
    "ive",  # historive
    "uve",  # shokuve
    "ise",  # historisë: the -i stems' genitive, dative, ablative
    "ine",  # historinë: their accusative
    "ite",  # historitë: their definite plural
    "ia",  # historia: their definite nominative
    "ut",  # rrezikut
    "un",  # rrezikun
    "it",  # trafikimit, Kukësit
    "in",  # trafikimin, Kukësin
    "et",  # fëmijët, trafikimet, konkurset
    "at",  # viktimat, vajzat
    "es",  # viktimës, mbrojtjes
    "en",  # viktimën, mbrojtjen
    "i",  # trafikimi, Kukësi, konkursi, histori
    "a",  # viktima, fëmija, mbrojtja
    "e",  # fëmijë, trafikime, viktimë, rreziqe
    "u",  # rreziku
)
# Stems that come out differently in one form (the k of rrezik becomes q in the plural).
SQ_STEM_EQUIVALENTS = {"rreziq": "rrezik"}
EN_IRREGULAR = {"children": "child", "women": "woman", "men": "man", "people": "person"}

_WORD = re.compile(r"\w+", re.UNICODE)


def fold(text: str) -> str:
    """Lower case without diacritics, one character for one character (ë → e, Ç → c)."""
    return "".join(unicodedata.normalize("NFKD", ch)[:1].lower() or ch for ch in text)


@cache
def _stem_sq(word: str) -> str:
    for ending in SQ_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            word = word[: -len(ending)]
            break
    return SQ_STEM_EQUIVALENTS.get(word, word)


@cache
def _english():
    return snowballstemmer.stemmer("english")


@cache
def _stem_en(word: str) -> str:
    if word in EN_IRREGULAR:
        return EN_IRREGULAR[word]
    stem = _english().stemWord(word)
    if stem.endswith("ick") and len(stem) > 4:
        stem = stem[:-1]
    return stem


def stem(word: str, language: str) -> str:
    """One word reduced for `language` ("sq" or "en"; any other language is only folded)."""
    folded = fold(word)
    if language == "sq":
        return _stem_sq(folded)
    if language == "en":
        return _stem_en(folded)
    return folded


def terms(text: str, language: str) -> str:
    """Every word of `text` reduced for `language`, space-separated, in order."""
    return " ".join(stem(word, language) for word in _WORD.findall(text or ""))
