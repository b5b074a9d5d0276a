#!/usr/bin/env python3
"""Build re-worded chaff cases from the clean articles of text-train.

Each case is an article of `text-train` (its *expected* text, the clean
article) with chaff written here inserted: repeated source prefixes in
frames of this script's own, a leading block, inline markers and a trailing
block of widgets worded here. The expected output is the clean article, by
construction: this script knows which lines it inserted.

Every phrase list below is split once, by a fixed seed, into a *tuning*
part (four fifths) and a *held-out* part (one fifth). `--part tune` builds
cases from the tuning part only, `--part holdout` from the held-out part
only, plus the families listed in HOLDOUT_ONLY_FAMILIES, which never appear
in tuning cases. Tune thresh on `tests/reworded` and only score
`tests/reworded-holdout`.

    scripts/reword.py --src ../shared/data/text-train --out tests/reworded --part tune
    scripts/reword.py --src ../shared/data/text-train --out tests/reworded-holdout --part holdout --seed 2
"""

from __future__ import annotations

import argparse
import os
import random
import re

# ---------------------------------------------------------------- sources
SOURCES_NAME = [
    "Kyodo", "Yonhap", "Al Jazeera", "The Hindu", "ANSA", "EFE", "Interfax",
    "Xinhua", "Nikkei", "Deutsche Welle", "Euronews", "France 24", "The Irish Times",
    "Le Soir", "Haaretz", "The Straits Times", "Daily Maverick", "Corriere della Sera",
    "The Globe and Mail", "Politico", "Axios", "Der Standard", "NRC", "Gazeta Wyborcza",
    "Público", "Clarín", "The Age", "Dawn", "Khaleej Times", "Radio Free Asia",
]
SOURCES_DOMAIN = [
    "dw.com", "aljazeera.com", "nikkei.com", "elpais.com", "corriere.it", "lesoir.be",
    "thehindu.com", "ft.com", "bbc.co.uk", "abc.net.au", "news.yahoo.com", "heise.de",
    "politico.eu", "axios.com", "derstandard.at", "nrc.nl", "wyborcza.pl", "publico.pt",
    "clarin.com", "theage.com.au", "dawn.com", "japantimes.co.jp", "scmp.com",
    "euronews.com", "rte.ie",
]
SOURCES_CJK = ["新华社", "共同通信", "연합뉴스", "人民网", "朝日新聞", "中央社", "央视新闻", "KBS뉴스"]
WIRE_CODES = ["AFP", "ANSA", "EFE", "KYODO", "YONHAP", "PTI", "IANS", "TT", "NTB", "APA"]

# ----------------------------------------------------------- prefix frames
# {s} is the source. Frames end with their own terminator and a space.
FRAMES = {
    "en": [
        "{s} reports: ", "(via {s}) ", "[{s}] ", "Per {s}: ", "From {s} — ", "{s} | ",
        "{s} » ", "Via {s}: ", "{s} reporting: ", "Reported by {s} — ", "As {s} tells it, ",
        "[via {s}] ", "{s} >> ", "{s} confirms: ", "{s} relays: ", "Quoting {s}: ",
        "Originally in {s} — ", "({s}) ", "Story by {s} | ", "Courtesy of {s}: ",
        "Writes {s}: ", "{s} has learned — ", "Republished from {s}: ", "{s} / ",
        "Per a report in {s}, ", "{s} tells readers: ", "Syndicated from {s} — ",
        "Filed by {s}: ", "Words by {s} | ", "As first seen on {s}, ",
    ],
    "de": ["Laut Bericht von {s}: ", "Wie {s} meldet, ", "Nach Angaben von {s}: ", "{s} berichtet – ",
           "Quelle {s} | ", "Via {s}: "],
    "fr": ["D'après les informations de {s}, ", "Comme l'indique {s}, ", "Rapporte {s} : ",
           "{s} rapporte – ", "Selon nos confrères de {s}, ", "[{s}] "],
    "es": ["Informó {s}: ", "Como informa {s}, ", "De acuerdo con {s}, ", "{s} informa — ",
           "Fuente {s} | ", "Publicado por {s}: "],
    "pt": ["Conforme {s}, ", "Como noticiou {s}, ", "De acordo com {s}, ", "{s} informa – ",
           "Via {s}: ", "[{s}] "],
    "it": ["Secondo quanto riporta {s}, ", "Come scrive {s}, ", "{s} riferisce: ", "Fonte {s} | "],
    "ru": ["По данным {s}, ", "Сообщает {s}: ", "Как передает {s}, ", "{s} пишет — "],
    "cjk": ["【{s}】", "{s}讯，", "{s}報道：", "［{s}］", "{s} 보도: ", "〔{s}〕"],
}
WIRE_FRAMES = ["{s} — ", "{s} – ", "({s}) – ", "{s}/ ", "[{s}] "]

# ------------------------------------------------------------ widget lines
FAMILIES = {
    "newsletter_head": [
        "Never miss an issue", "Get our morning briefing", "The Weekly Digest",
        "Sign up for the Brief", "Want more stories like this?", "Our daily email",
        "Inbox essentials", "Join 50,000 readers", "Stay ahead of the news",
        "Get the newsletter", "Free weekly newsletter", "Don't miss a thing",
        "The best of the week, in your inbox", "Get the evening edition by email",
        "Like this? Get more in your inbox",
    ],
    "newsletter_body": [
        "Email address", "Your e-mail", "Subscribe", "Sign me up", "Join now",
        "We respect your privacy. Unsubscribe anytime.", "No spam, ever.",
        "Delivered every Friday morning", "Enter email", "Get it free",
        "One email a day, no spam", "Unsubscribe with one click",
    ],
    "reading_time": [
        "7 minute read", "5 min read", "Reading time: 4 minutes", "3-minute read",
        "Estimated reading time 6 min", "Lesezeit: 3 Minuten", "Temps de lecture : 5 min",
        "Tiempo de lectura: 4 min", "12 min read", "Read time: 2 minutes",
    ],
    "no_comments": [
        "Nobody has commented yet", "There are no comments on this story",
        "0 comments", "No replies yet", "Be the first to reply",
        "No one has commented on this article yet", "Comments (0)",
        "Noch keine Kommentare", "Aucun commentaire pour le moment", "Todavía no hay comentarios",
    ],
    "sign_in": [
        "Log in to join the discussion", "Sign in to post a reply",
        "Create an account to comment", "You need an account to comment",
        "Members can comment on this story. Sign in", "Register or log in to leave a comment",
        "Sign in or create a free account to reply", "Melden Sie sich an, um zu kommentieren",
        "Connectez-vous pour commenter", "Inicia sesión para comentar",
    ],
    "comments_closed": [
        "Comments are switched off for this story", "Commenting has been disabled",
        "This article is closed for comments", "Comments are turned off",
        "Discussion closed", "Comments on this piece are now closed",
        "The comment section for this article has been closed",
        "Die Kommentarfunktion ist geschlossen", "Les commentaires sont fermés",
        "Comentarios cerrados",
    ],
    "correction": [
        "Spotted an error? Let us know", "Found a mistake in this article? Tell us",
        "Submit a correction", "Report an inaccuracy", "See something wrong? Send a correction",
        "Something not right? Use our correction form", "Flag an error in this story",
    ],
    "share_head": [
        "Share this story", "Send to a friend", "Spread the word", "Share via",
        "Pass it on", "Share on", "Teilen auf", "Partager sur", "Compartir en",
    ],
    "share_target": [
        "Facebook", "X", "WhatsApp", "Bluesky", "Threads", "LinkedIn", "Reddit", "Email",
        "Copy link", "Telegram", "Mastodon", "Pinterest", "Flipboard", "VK", "Xing",
        "Messenger", "SMS", "Print", "Copy URL", "Weibo",
    ],
    "more_head": [
        "More from this author", "Recommended", "Recommended for you", "Further reading",
        "You might also enjoy", "Also on the site", "Popular right now", "Editors' choice",
        "What to read next", "More stories you may like", "Keep exploring",
        "Weitere Artikel", "À lire également", "Te puede interesar", "Leia mais",
        "Читайте также", "Potrebbe interessarti",
    ],
    "support": [
        "Support independent journalism", "If you value our reporting, become a supporter today.",
        "Help keep our newsroom going — donate", "Chip in $5 to keep us writing",
        "Readers like you make this work possible. Support us.",
        "Become a member and back our reporting", "Donate to keep this site free",
        "Unterstützen Sie unabhängigen Journalismus", "Soutenez notre rédaction",
        "Apoya el periodismo independiente",
    ],
    "follow": [
        "Follow us on Threads", "Find us on Instagram", "Follow Metro Wire on X",
        "Join us on Bluesky", "Folgen Sie uns auf Instagram", "Suivez-nous sur Facebook",
        "Síguenos en X", "Follow the newsroom on LinkedIn",
    ],
    "leading": [
        "Menu", "Open navigation", "Skip to the article", "Sections", "Search the site",
        "Listen to this story", "Log in", "My account", "Jump to main content",
        "Toggle search", "Main navigation", "Zum Hauptinhalt", "Aller à l'article",
    ],
    "cookie": [
        "This site stores cookies to improve your visit. Accept all cookies",
        "We place cookies on your device to measure traffic. Manage settings",
        "Cookies help us deliver our services. Okay",
        "By clicking accept you agree to our use of cookies",
    ],
    "breadcrumb": [
        "News / Europe / Politics", "Home › Business › Markets", "Start > Politik > Ausland",
        "Accueil › Société", "Inicio / Internacional", "World » Asia",
    ],
    "inline": [
        "ADVERTISING", "Sponsored", "— Ad —", "Story continues after the ad",
        "Article continues below this ad", "Anzeige", "Publicité", "Reklama",
        "Advertisement · Scroll to continue", "Werbung", "Pubblicità", "Реклама",
    ],
    "readalso_label": ["Read also", "Also worth reading", "See also", "Lesen Sie auch",
                       "À lire", "Lea también", "Leggi anche"],
    "tags_label": ["Topics", "Filed under", "Tagged", "Themen", "Sujets", "Temas", "Keywords"],
    "copyright": [
        "© {y} Harbor Press Ltd.", "© Harbor Press {y}. All rights reserved.",
        "Copyright © {y} Northgate Media Group", "All content © {y} Lakeside Daily",
        "© {y} Tribune Oeste S.A. Todos los derechos reservados.",
    ],
    "comment_head": [
        "{n} comments", "Reader responses ({n})", "Showing {n} replies", "Comments ({n})",
        "{n} reader comments", "Discussion ({n})",
    ],
}
# Families used only in held-out cases: wordings whose kind never appears
# in a tuning case.
HOLDOUT_ONLY_FAMILIES = ["correction", "reading_time"]

HEADLINES = [
    "How a small town rebuilt its library", "The quiet comeback of the night train",
    "Inside the lab growing coral in tanks", "Why ferry fares doubled this spring",
    "A farmer, a drone and a dry summer", "What the census says about our street",
    "The last typewriter repair shop in the city", "Five ways cities cool down in heat waves",
    "Why nobody agrees on the bridge", "The teenagers teaching grandparents to code",
    "How the river flooded twice in a month", "Meet the woman mapping every tree",
    "Das neue Stadion bleibt halb leer", "Le retour des tramways en province",
    "Cómo cambió el mercado del barrio", "Quanto costa davvero un caffè",
]
NAMES = ["Nadia Ferreira", "Tomás Quiroga", "Ingrid Solheim", "Kwame Mensah", "Lotte Brand",
         "Aiko Tanaka", "Ravi Menon", "Elena Petrova", "Jonas Weber", "Chloé Martin"]
BEATS = ["covers transport and cities", "writes about science", "reports on energy markets",
         "covers courts and crime", "is our Europe correspondent", "edits the weekend pages"]
COMMENTERS = ["river_dan", "M. Okafor", "kate.w", "Paulo R.", "anon1987", "Greta L."]
POSTS = ["Great piece, thanks for writing it", "I disagree with most of this, honestly",
         "Finally someone says it", "Does anyone know when the vote is?"]


def split(items: list[str], rng: random.Random) -> tuple[list[str], list[str]]:
    """Four fifths to tune on, one fifth held out (at least one each)."""
    items = list(items)
    rng.shuffle(items)
    k = max(1, len(items) // 5)
    return items[k:], items[:k]


def lang_of(text: str) -> str:
    if sum(1 for c in text if "\u3040" <= c <= "\u9fff" or "\uac00" <= c <= "\ud7af") > 50:
        return "cjk"
    words = re.findall(r"\w+", text.lower())[:2000]
    marks = {
        "de": {"und", "der", "die", "nicht", "ist", "mit"},
        "fr": {"et", "les", "des", "est", "une", "dans"},
        "es": {"y", "los", "las", "del", "una", "por"},
        "pt": {"e", "os", "não", "uma", "para", "com"},
        "it": {"e", "il", "che", "della", "sono", "gli"},
        "ru": {"и", "в", "не", "на", "что", "это"},
        "en": {"the", "and", "of", "to", "is", "that"},
    }
    score = {k: sum(1 for w in words if w in v) for k, v in marks.items()}
    return max(score, key=score.get)


def lower_first(line: str) -> str:
    m = re.match(r"[A-Z][a-z]+(\s|$)", line)
    if m:
        return line[0].lower() + line[1:]
    return line


class Builder:
    def __init__(self, part: str, seed: int):
        split_rng = random.Random(10)  # the split is the same for both parts
        self.lists: dict[str, list[str]] = {}
        def pick(name, items):
            tune, hold = split(items, split_rng)
            self.lists[name] = tune if part == "tune" else hold
        for k, v in FAMILIES.items():
            pick(k, v)
        for k, v in FRAMES.items():
            pick("frames_" + k, v)
        pick("wire_frames", WIRE_FRAMES)
        pick("src_name", SOURCES_NAME)
        pick("src_domain", SOURCES_DOMAIN)
        pick("src_cjk", SOURCES_CJK)
        pick("wire", WIRE_CODES)
        self.families = [f for f in FAMILIES if part == "holdout" or f not in HOLDOUT_ONLY_FAMILIES]
        self.rng = random.Random(seed)

    def one(self, name: str) -> str:
        return self.rng.choice(self.lists[name])

    def widget_block(self, kind: str) -> list[str]:
        r, one = self.rng, self.one
        if kind == "newsletter":
            return [one("newsletter_head")] + r.sample(self.lists["newsletter_body"],
                                                      min(2, len(self.lists["newsletter_body"])))
        if kind == "share":
            head = [one("share_head")] if r.random() < 0.6 else []
            return head + r.sample(self.lists["share_target"], r.randint(3, min(5, len(self.lists["share_target"]))))
        if kind == "more":
            return [one("more_head")] + r.sample(HEADLINES, r.randint(2, 4))
        if kind == "author":
            n = r.choice(NAMES)
            return [f"About {n}", f"{n} {r.choice(BEATS)}."]
        if kind == "comments":
            out = [one("comment_head").replace("{n}", str(r.randint(2, 40)))]
            for _ in range(r.randint(1, 2)):
                out += [r.choice(COMMENTERS), f"{r.randint(1, 28)} March 2024 at {r.randint(1, 12)}:{r.randint(10, 59)}",
                        r.choice(POSTS), "Reply"]
            return out
        if kind == "tags":
            return [f"{one('tags_label')}: " + ", ".join(r.sample(["transport", "climate", "Europe", "housing", "energy", "health"], 3))]
        if kind == "copyright":
            return [one("copyright").replace("{y}", str(r.randint(2019, 2026)))]
        return [one(kind)]

    def trailing(self) -> list[str]:
        kinds = ["newsletter", "share", "more", "author", "comments", "tags", "copyright",
                 "no_comments", "sign_in", "comments_closed", "correction", "support", "follow",
                 "reading_time"]
        kinds = [k for k in kinds if k in self.families or k in ("newsletter", "share", "more", "author", "comments", "tags")]
        out: list[str] = []
        for k in self.rng.sample(kinds, self.rng.randint(2, 4)):
            out += self.widget_block(k)
        return out

    def leading(self) -> list[str]:
        kinds = ["leading", "leading", "cookie", "breadcrumb", "reading_time"]
        kinds = [k for k in kinds if k in self.families]
        out: list[str] = []
        for k in self.rng.sample(kinds, self.rng.randint(1, 3)):
            out += self.widget_block(k)
        return out

    def prefix_frames(self, lang: str):
        r = self.rng
        if lang == "cjk":
            src = self.one("src_cjk")
            return src, self.lists["frames_cjk"]
        roll = r.random()
        if roll < 0.2:
            return self.one("wire"), self.lists["wire_frames"]
        src = self.one("src_domain") if roll < 0.55 else self.one("src_name")
        frames = self.lists.get("frames_" + lang) or self.lists["frames_en"]
        if lang != "en" and r.random() < 0.3:
            frames = self.lists["frames_en"]
        return src, frames

    def source_variant(self, src: str) -> str:
        if "." in src and " " not in src:
            return self.rng.choice([src, "www." + src, src.capitalize(), src.upper()])
        return src

    def case(self, expected: str) -> str:
        """The input for the clean article `expected`."""
        r = self.rng
        lines = expected.rstrip("\n").split("\n")
        blank = "" in lines
        lang = lang_of(expected)
        # Prefixes on some paragraphs, at least two or none.
        src, frames = self.prefix_frames(lang)
        one_frame = r.random() < 0.5
        frame0 = r.choice(frames)
        eligible = [i for i, l in enumerate(lines)
                    if (len(l.split()) >= 8 and l[:1].isupper() and not l.startswith(("I ", "A ")))
                    or (lang == "cjk" and len(l) >= 30 and not l[:1].isascii())]
        chosen = [i for i in eligible if r.random() < 0.6]
        out = list(lines)
        if len(chosen) >= 2:
            for i in chosen:
                frame = frame0 if one_frame else r.choice(frames)
                body = lower_first(out[i]) if r.random() < 0.5 and lang != "cjk" else out[i]
                out[i] = frame.replace("{s}", self.source_variant(src)) + body
        # Inline markers between paragraphs.
        gaps = [i for i in range(1, len(out)) if (out[i] == "" if blank else True)]
        for i in sorted(r.sample(gaps, min(len(gaps), r.randint(0, 2))), reverse=True):
            if r.random() < 0.5:
                marker = self.widget_block("inline")
            else:
                marker = [f"{self.one('readalso_label')}: {r.choice(HEADLINES)}"]
            out[i:i] = ([""] + marker) if blank else marker
        sep = [""] if blank else []
        lead = self.leading() if r.random() < 0.6 else []
        trail = self.trailing()
        text = (lead + sep if lead else []) + out + sep + trail
        return "\n".join(text) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--src", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--part", choices=["tune", "holdout"], required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--max-lines", type=int, default=60)
    args = ap.parse_args()
    b = Builder(args.part, args.seed)
    os.makedirs(args.out, exist_ok=True)
    names = sorted(f[: -len(".expected.txt")] for f in os.listdir(args.src) if f.endswith(".expected.txt"))
    for n, name in enumerate(names, 1):
        with open(os.path.join(args.src, name + ".expected.txt"), encoding="utf-8") as f:
            expected = f.read()
        lines = expected.rstrip("\n").split("\n")
        if len(lines) > args.max_lines:
            cut = args.max_lines
            while cut > 10 and lines[cut - 1] != "":
                cut -= 1
            lines = lines[:cut]
            while lines and lines[-1] == "":
                lines.pop()
        if not lines or not any(lines):
            continue
        expected = "\n".join(lines) + "\n"
        base = os.path.join(args.out, f"{n:03d}")
        with open(base + ".input.txt", "w", encoding="utf-8") as f:
            f.write(b.case(expected))
        with open(base + ".expected.txt", "w", encoding="utf-8") as f:
            f.write(expected)


if __name__ == "__main__":
    main()
