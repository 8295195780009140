#!/usr/bin/python3
"""Peer baseline for `make bench`: the extraction avis-parse does on the
pages of tests/data/parse, written the usual Python way (BeautifulSoup
with the lxml parser, CSS selectors, json for JSON-LD, re for ratings and
dates).  One JSON record per review or global rating on stdout.

Usage: parse_bs4.py FILE...   (Debian: python3-bs4, python3-lxml)
"""
import json
import re
import sys
from datetime import date, timedelta

from bs4 import BeautifulSoup

MONTHS = {m: i + 1 for i, ms in enumerate([
    "janvier janv january jan", "fevrier février fevr févr fev fév february feb",
    "mars march mar", "avril avr april apr", "mai may", "juin june jun",
    "juillet juil july jul", "aout août august aug",
    "septembre september sept sep", "octobre october oct",
    "novembre november nov", "decembre décembre december dec"]) for m in ms.split()}
MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
NOW = date(2025, 11, 14)


def parse_date(raw):
    if not raw:
        return None
    s = raw.lower()
    m = re.search(r"(\d{4})-(\d{2})-(\d{2})", s)
    if m:
        return "%s-%s-%s" % m.groups()
    m = re.search(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})", s)
    if m:
        a, b, y = map(int, m.groups())
        d, mo = (b, a) if a <= 12 < b else (a, b)
        return "%04d-%02d-%02d" % (y, mo, d)
    m = re.search(r"(\d{1,2})(?:er)?\s+(%s)\.?,?\s+(\d{4})" % MONTH_RE, s)
    if m:
        return "%04d-%02d-%02d" % (int(m.group(3)), MONTHS[m.group(2)], int(m.group(1)))
    m = re.search(r"(%s)\.?\s+(\d{1,2}),?\s+(\d{4})" % MONTH_RE, s)
    if m:
        return "%04d-%02d-%02d" % (int(m.group(3)), MONTHS[m.group(1)], int(m.group(2)))
    m = re.search(r"(?:il y a|ll y a)\s+(\d+|une?)\s+(jour|semaine|mois|an)", s) or \
        re.search(r"(\d+|an?)\s+(day|week|month|year)s?\s+ago", s)
    if m:
        n = int(m.group(1)) if m.group(1).isdigit() else 1
        days = {"jour": 1, "day": 1, "semaine": 7, "week": 7, "mois": 30, "month": 30,
                "an": 365, "year": 365}[m.group(2)]
        return (NOW - timedelta(days=n * days)).isoformat()
    return None


def number(s):
    m = re.search(r"\d+(?:[.,]\d+)?", s or "")
    return float(m.group(0).replace(",", ".")) if m else None


def text(el):
    if el is None:
        return None
    for b in el.find_all(["button", "script", "style"]):
        b.decompose()
    return " ".join(el.get_text(" ").split()) or None


def emit(source, fname, **f):
    print(json.dumps(dict(source=source, file=fname, **f), ensure_ascii=False))


def gmaps(soup, fname):
    for card in soup.select("div.jftiEf[data-review-id]"):
        lab = card.select_one("span.kvMYJc[role=img]")
        rep = card.select_one("div.CDe7pd")
        emit("google-maps", fname, author=text(card.select_one("div.d4r55")),
             rating=number(lab["aria-label"]) if lab else None,
             date=parse_date(text(card.select_one("span.rsqaWe"))),
             text=text(card.select_one("div.MyEned span.wiI7pd")),
             reply=rep and {"text": text(rep.select_one("div.wiI7pd")),
                            "date": parse_date(text(rep.select_one("span.DZSIDd")))})


def pagesjaunes(soup, fname):
    for li in soup.select("li.avis[id^=Avis-]"):
        emit("pagesjaunes", fname, author=text(li.select_one("span.pseudo")),
             rating=number(text(li.select_one("span.note-contributeur span.fd-note strong"))),
             date=parse_date(text(li.select_one("small.date"))),
             text=text(li.select_one("blockquote.commentaire")), reply=None)


def trustpilot(soup, fname):
    for art in soup.select("article[data-service-review-card-paper]"):
        if art.find_parent(class_=re.compile("relevantReviews")):
            continue
        r = art.select_one("[data-service-review-rating]")
        t = art.select_one("time[data-service-review-date-time-ago]")
        rt = art.select_one("p[data-service-review-business-reply-text-typography]")
        emit("trustpilot", fname, author=text(art.select_one("[data-consumer-name-typography]")),
             rating=number(r["data-service-review-rating"]) if r else None,
             date=parse_date(t.get("datetime") if t else None),
             text=text(art.select_one("p[data-service-review-text-typography]")) or
             text(art.select_one("h2[data-service-review-title-typography]")),
             reply=rt and {"text": text(rt)})


def wordpress(soup, fname):
    for art in soup.select("article.comment"):
        if art.select_one("div.comment-author-title"):
            continue
        stars = art.select("div.wprm-comment-rating span.wprm-rating-star")
        full = [s for s in stars if s.select_one('[fill="#343434"]')]
        kids = art.find_next_sibling("ul", class_="children")
        rep = None
        if kids:
            for a in kids.select(":scope > li > article"):
                if a.select_one("div.comment-author-title"):
                    rep = {"author": text(a.select_one("h3.comment-author")),
                           "text": text(a.select_one("div.comment-text"))}
                    break
        emit("wordpress-comments", fname, author=text(art.select_one("h3.comment-author")),
             rating=len(full) or None, date=parse_date(text(art.select_one("a.comment-date"))),
             text=text(art.select_one("div.comment-text")), reply=rep)


def cuisineaz(soup, fname):
    for c in soup.select("div.comment[id^=comment]"):
        emit("cuisineaz", fname, author=text(c.select_one("div.author")),
             rating=len(c.select("div.cazStars > span.icon-star")) or None,
             date=parse_date(text(c.select_one("div.date"))),
             text=text(c.select_one("p.serif-secondary")), reply=None)


def schema_org(soup, fname):
    def walk(v, holder):
        if isinstance(v, list):
            for e in v:
                walk(e, holder)
        elif isinstance(v, dict):
            t = v.get("@type")
            types = t if isinstance(t, list) else [t]
            if "Review" in types:
                a = v.get("author")
                a = a.get("name") if isinstance(a, dict) else a
                r = v.get("reviewRating") or {}
                emit("schema.org", fname, subject=holder, author=a, rating=number(str(r.get("ratingValue"))),
                     date=parse_date(v.get("datePublished")), text=v.get("reviewBody"), reply=None)
                return
            if "AggregateRating" in types:
                emit("schema.org", fname, type="aggregate", subject=holder,
                     rating=number(str(v.get("ratingValue"))), count=v.get("reviewCount") or v.get("ratingCount"))
                return
            for k, c in v.items():
                walk(c, v.get("name", holder))
    for s in soup.select('script[type="application/ld+json"]'):
        try:
            walk(json.loads(s.string or ""), None)
        except ValueError:
            pass
    for rv in soup.select('[itemscope][itemtype*="schema.org/Review"]'):
        def prop(name, root=rv):
            el = root.select_one('[itemprop~="%s"]' % name)
            if el is None:
                return None
            return el.get("content") or el.get("datetime") or text(el)
        emit("schema.org", fname, author=prop("author"), rating=number(prop("ratingValue")),
             date=parse_date(prop("datePublished")), text=prop("reviewBody") or prop("description"),
             reply=None)


def main():
    for fname in sys.argv[1:]:
        with open(fname, "rb") as f:
            soup = BeautifulSoup(f.read(), "lxml")
        canon = soup.select_one("link[rel=canonical]")
        href = canon.get("href", "") if canon else ""
        # As avis-parse: a site reader for the reviews, schema.org for the rest.
        if soup.select_one("div.jftiEf[data-review-id]"):
            gmaps(soup, fname)
        elif "pagesjaunes.fr" in href:
            pagesjaunes(soup, fname)
        elif soup.select_one("article[data-service-review-card-paper]"):
            trustpilot(soup, fname)
        elif soup.select_one("article.comment.depth-1"):
            wordpress(soup, fname)
        elif "cuisineaz.com" in href:
            cuisineaz(soup, fname)
        else:
            schema_org(soup, fname)


if __name__ == "__main__":
    main()
