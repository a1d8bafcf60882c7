"""From dictionary hits to actors: phrases, dated roles, sectors, and references within an article.

`ActorResolver.find(text, date)` resolves one sentence; `find_in_article(text, sentences, date)` also
resolves pronouns ("he"), short mentions ("the group", "the country") and bare surnames of people
named earlier in the article. A phrase such as "Pakistani Foreign Minister Shah Mehmood Qureshi" is
one mention: the country or organisation, its role words, and the person's name if one follows.

Codes: `country` is ISO3; `code` is country + sector ("PAKGOV", or "PAK" with no sector), the IGO/NGO
code for international organisations ("IGOUNO", "NGOAMN"), a group role's own `code` when it has one
(transnational groups: "IMGINS"), and the bare sector for a role with no country ("REB").
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, replace
from itertools import accumulate

from diplowatch.actors.dictionary import ActorDictionary
from diplowatch.actors.matcher import (
    CAPITAL,
    COUNTRY,
    COUNTRY_SHORT,
    DEMONYM,
    GROUP,
    IGO,
    INSTITUTION,
    MODIFIER,
    PERSON,
    PRONOUN,
    ROLE,
    SHORT,
    SPACED_TOKEN,
    TOKEN,
    Atom,
    compile_trie,
)
from diplowatch.actors.references import Found, fallback, refer, surname_mentions, surnames
from diplowatch.core.records import Actor
from diplowatch.lang import lexicon

# Hyphens, dashes and the minus sign, one character each: folding them keeps every character offset.
DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"))

ENTITY = {COUNTRY, DEMONYM, CAPITAL, INSTITUTION, IGO, GROUP}
PLACE_LIKE = {COUNTRY, DEMONYM, CAPITAL}  # names that are also parts of longer proper names
KIND_NAME = {
    COUNTRY: "country",
    DEMONYM: "country",
    INSTITUTION: "country",
    CAPITAL: "capital",
    IGO: "igo",
    GROUP: "group",
    PERSON: "person",
}
BASE_CONFIDENCE = {
    COUNTRY: 0.9,
    DEMONYM: 0.85,
    INSTITUTION: 0.9,
    CAPITAL: 0.6,
    IGO: 0.9,
    GROUP: 0.9,
    PERSON: 0.9,
}
APOSTROPHES = {"'", "’"}
LEX = lexicon()
NAME_PARTICLES = LEX.words("actors-resolver.name_particles")
PREFIXES_AGAINST = LEX.words("actors-resolver.prefixes_against")  # "anti-Taliban" is not the Taliban
# Words that turn a person's name into the name of a place or body named after them.
NAMESAKE_HEADS = LEX.words("actors-resolver.namesake_heads")
# Honorifics and forms of address that may stand before a surname without being a given name.
HONORIFICS = LEX.words("actors-resolver.honorifics")
# Words that open a sentence before a name ("Later Biden said") without being a given name.
OPENING_WORDS = LEX.words("actors-resolver.opening_words")
# Capitalised words that do not make a neighbouring place name part of a longer proper name.
FREE_CAPS = LEX.words("actors-resolver.free_capitals")
NOT_OCCUPATIONS = LEX.words("actors-resolver.not_occupations")
PRIVATE_SECTOR = "CVL"
COMPANY_SECTOR = "BUS"
# Words that say what trade a company is in, after a nationality and before its name ("fashion retailer Gap").
TRADE_NOUNS = LEX.words("actors-resolver.trade_nouns")
STATE_OWNED = LEX.words("actors-resolver.state_owned")
COMPANY_WORDS = LEX.words("actors-resolver.company_words")  # the sector's words for a company itself
PLACE_PREFIXES = LEX.words("actors-resolver.place_prefixes")  # New Mexico, New Jersey
PORTFOLIO_GLUE = LEX.words("actors-resolver.portfolio_glue")
OFFICE_HEADS = LEX.words("actors-resolver.office_heads")
OFFICE_PREPOSITIONS = LEX.words("actors-resolver.office_prepositions")  # "Minister for Interior"
PORTFOLIO_CONJUNCTIONS = LEX.words("actors-resolver.portfolio_conjunctions")  # "Planning and Investment"
ARTICLES = LEX.words("actors-resolver.articles")  # "Secretary of the Navy"
ROLE_OF = LEX.words("actors-resolver.role_of")  # "president of Armenia"
POSSESSIVE = LEX.words("actors-resolver.possessive")  # "Pakistan's"
PLURAL_ENDINGS = LEX.phrases("actors-resolver.plural_endings")  # "Bosnian Serbs"
CAPITAL_AS_STATE = LEX.words("actors-resolver.capital_as_state")  # "Washington state"
CURRENCY_SIGNS = LEX.words("actors-resolver.currency_signs")  # "US$3 billion"


@dataclass
class Mention:
    """One actor phrase in the text: character offsets, its sentence, the resolved Actor, how found."""

    start_char: int
    end_char: int
    sentence_index: int
    actor: Actor
    kind: str  # country | igo | group | person | role | pronoun | short | capital
    confidence: float


class ActorResolver:
    """Compiled once from the dictionaries; cheap to pickle (plain dicts and dataclasses)."""

    def __init__(self, dictionaries: ActorDictionary):
        self.dictionaries = dictionaries
        self.trie = compile_trie(dictionaries)
        self.portfolio = frozenset(w.lower() for w in dictionaries.modifiers.get("portfolio", ()))
        # a group's short mentions, for "the group" after one of its members ("Taliban spokesman X says the group")
        self.group_shorts = {
            g.name: frozenset(x.lower() for x in g.short) for g in dictionaries.groups if g.short
        }

    # -- public -----------------------------------------------------------------------------
    def find(self, text: str, date: str | None = None) -> list[Mention]:
        """Actors in one sentence (no references to earlier sentences are resolved)."""
        toks, spans, found = self._phrases(text, date)
        resolved = [f if f.pending is None else fallback(f) for f in found]
        return [
            Mention(spans[f.start][0], spans[f.end - 1][1], 0, f.actor, f.kind, f.confidence)
            for f in resolved
            if f is not None
        ]

    def find_in_article(
        self, text: str, sentences: list[tuple[int, int]] | None, date: str | None = None
    ) -> list[Mention]:
        """Actors in a whole article, with pronouns and short mentions resolved to earlier actors."""
        toks, spans, found = self._phrases(text, date)
        starts = [s for s, _ in sentences] if sentences else [0]
        out: list[Mention] = []
        history: list[tuple[int, Found]] = []  # (sentence index, phrase), in text order
        named = surnames(found)
        covered = {i for f in found for i in range(f.start, f.end)}
        found = found + surname_mentions(toks, covered, named)
        found.sort(key=lambda f: f.start)
        for f in found:
            sent = max(0, bisect_right(starts, spans[f.start][0]) - 1)
            if f.pending is not None:
                referred = refer(f, sent, history, self.group_shorts) or fallback(f)
                if referred is None:
                    continue
                f = referred
            history.append((sent, f))
            out.append(Mention(spans[f.start][0], spans[f.end - 1][1], sent, f.actor, f.kind, f.confidence))
        return out

    # -- phrases ----------------------------------------------------------------------------
    def _phrases(self, text: str, date: str | None) -> tuple[list[str], _Spans, list[Found]]:
        """Tokens, their character spans, and the phrases found (references still pending)."""
        text = text.translate(
            DASHES
        )  # "IS–K", "Guinea‑Bissau": a dash of any width is the dictionary's hyphen
        toks = TOKEN.findall(text)
        lowered = text.lower()
        low = TOKEN.findall(lowered) if len(lowered) == len(text) else []
        if len(low) != len(toks):
            low = [t.lower() for t in toks]
        hits = self.trie.scan(toks, low)
        in_hit = {i for start, end, _ in hits for i in range(start, end)}
        hits = [h for h in hits if _keep(h, toks, low, in_hit)]
        spans = _Spans(toks, text)
        return toks, spans, _combine(hits, _Text(text, toks, low, spans, self.portfolio), date)


def _keep(hit: tuple[int, int, Atom], toks: list[str], low: list[str], in_hit: set[int]) -> bool:
    """Drop place names that are part of a longer proper name ("Washington Post", "New Mexico")."""
    start, end, atom = hit
    if atom.kind in ENTITY and start >= 2 and low[start - 1] == "-" and low[start - 2] in PREFIXES_AGAINST:
        return False
    # a role or modifier word before a place is no part of its name ("Senior Hungarian"), except "New"
    free = start - 1 in in_hit and low[start - 1] not in PLACE_PREFIXES
    before = toks[start - 1] if start > 0 and not free else ""
    if atom.kind == INSTITUTION:  # "Congress", but not "Indian National Congress"
        return not _proper_word(before, low[start - 1] if before else "")
    if atom.kind == PERSON and end < len(low) and low[end] in NAMESAKE_HEADS:
        return False  # "Hamid Karzai International Airport", "Jimmy Carter Center": a place, not the man
    if atom.kind == PERSON and end - start == 1 and _other_given_name(toks, low, start, in_hit):
        return False  # "Hunter Biden": a surname alias after someone else's given name
    if atom.kind not in PLACE_LIKE:
        return True
    if end < len(low) and low[end] in CURRENCY_SIGNS:
        return False  # "US$3 billion": a currency
    after = toks[end] if end < len(toks) and end not in in_hit else ""
    # "Washington Post", "New Mexico": a place name inside a longer name; a demonym before a name
    # still says whose it is ("Soviet NKVD", "Pakistani ISI", "Russian Orthodox Church")
    if atom.kind != DEMONYM and _proper_word(after, low[end] if after else ""):
        return False
    if atom.kind == CAPITAL and end < len(low) and low[end] in CAPITAL_AS_STATE:
        return False  # "Washington state"
    return not _proper_word(before, low[start - 1] if before else "")


def _other_given_name(toks: list[str], low: list[str], start: int, in_hit: set[int]) -> bool:
    """A capitalised word right before a one-word name that is no title, no known word and does not
    open the sentence: the name belongs to a namesake ("Hunter Biden", "Imran Khan")."""
    k = start - 1
    if k < 0 or k in in_hit or not _proper_word(toks[k], low[k]) or not toks[k].isalpha():
        return False
    return low[k] not in HONORIFICS and low[k] not in OPENING_WORDS


def _proper_word(tok: str, low: str) -> bool:
    return bool(tok) and tok[0].isupper() and tok[0].isalpha() and low not in FREE_CAPS and len(tok) > 1


def _name_after(toks: list[str], low: list[str], k: int, stops: set[int], limit: int = 5) -> int:
    """End of a capitalised personal name starting at token k (k itself when there is none)."""
    end = k
    words = 0
    i = k
    n = len(toks)
    while i < n and words < limit and i not in stops:
        tok = toks[i]
        if _proper_word(tok, low[i]) or (
            len(tok) == 1 and tok.isupper() and i + 1 < n and toks[i + 1] == "."
        ):
            words += 1
            i += 2 if len(tok) == 1 else 1  # an initial takes its dot
            end = i
        elif low[i] in NAME_PARTICLES and i + 1 < n and toks[i + 1][:1].isupper():
            i += 1
        elif tok in ("-", "’", "'") and end == i and i + 1 < n and toks[i + 1][:1].isupper():
            i += 1
        else:
            break
    return end


def _trade_words(toks: list[str], low: list[str], k: int, limit: int = 3) -> int:
    """The end of up to `limit` lowercase words from k that end with a word of trade ("fashion retailer",
    "salmon producer"), none of them saying the state owns it; k itself when there are none."""
    j = k
    while j < len(toks) and j - k < limit and _occupation_word(toks, low, j):
        j += 1
        if low[j - 1] in TRADE_NOUNS:
            return k if any(low[i] in STATE_OWNED for i in range(k, j)) else j
    return k


def _occupation_word(toks: list[str], low: list[str], k: int) -> bool:
    """A lowercase word at k that may be an occupation: no function word ("Russian in ..."), no verb
    form a name could follow ("Chinese hackers target Microsoft" has two words, so it never gets here)."""
    return (
        k < len(toks)
        and toks[k].isalpha()
        and toks[k].islower()
        and len(toks[k]) > 2
        and low[k] not in FREE_CAPS
        and low[k] not in NOT_OCCUPATIONS
    )


def _role_sector(roles: list[Atom]) -> str | None:
    # The last specific role word is the head of the noun phrase: "military police" are police,
    # "government troops" military; generic words ("officials", "leader") only when nothing else.
    strong = next((a.ref for a in reversed(roles) if a.kind == ROLE and not a.weak), None)
    sector = strong or next((a.ref for a in roles if a.kind == ROLE), None)
    if sector in (None, "GOV", "MIL", "LEG", "JUD") and any(a.elite for a in roles) and sector is not None:
        return "ELI"
    return sector


def _code(country: str | None, sector: str | None) -> str | None:
    if country:
        return country + (sector or "")
    return sector


class _Spans:
    """Character (start, end) of token i, from cumulative lengths computed in C, not per-token objects."""

    def __init__(self, toks: list[str], text: str):
        self.toks = toks
        self.ends = list(accumulate(map(len, SPACED_TOKEN.findall(text))))

    def __getitem__(self, i: int) -> tuple[int, int]:
        end = self.ends[i]
        return end - len(self.toks[i]), end


@dataclass
class _Text:
    raw: str
    toks: list[str]
    low: list[str]
    spans: _Spans
    portfolio: frozenset[str] = frozenset()

    def surface(self, start: int, end: int) -> str:
        return self.raw[self.spans[start][0] : self.spans[end - 1][1]]


def _combine(hits: list[tuple[int, int, Atom]], t: _Text, date: str | None) -> list[Found]:
    """Group adjacent hits into phrases: [entity]['s] [roles] [person | name] [of entity]."""
    out: list[Found] = []
    toks, low = t.toks, t.low
    n_hits = len(hits)
    n = len(toks)
    hit_starts = {h[0] for h in hits}
    p = 0
    while p < n_hits:
        start, end, atom = hits[p]
        p += 1
        if atom.kind in (PRONOUN, SHORT, COUNTRY_SHORT):
            out.append(Found(start, end, Actor(text=t.surface(start, end)), "", 0.0, pending=atom))
            continue
        if atom.kind == PERSON:
            out.append(_resolve(start, end, None, [], atom, None, t, date))
            continue
        if (
            atom.kind in (*PLACE_LIKE, IGO)
            and p < n_hits
            and hits[p][0] == end
            and hits[p][2].kind in (GROUP, IGO, INSTITUTION)
        ):
            end, atom = hits[p][1], hits[p][2]  # "Afghan Taliban", "US Congress", "UN Security Council"
            p += 1
        elif (
            atom.kind in (DEMONYM, COUNTRY)
            and p < n_hits
            and hits[p][0] == end
            and hits[p][2].kind == DEMONYM
            and hits[p][2].ref.iso3 != atom.ref.iso3
            and low[hits[p][1] - 1].endswith(PLURAL_ENDINGS)
        ):
            end = hits[p][1]  # "Bosnian Serbs", "Kosovo Albanians": a community of the first country
            p += 1
        head = atom if atom.kind in ENTITY else None
        k = end
        if head is not None and k + 1 < n and toks[k] in APOSTROPHES and low[k + 1] in POSSESSIVE:
            k += 2  # "Pakistan's foreign minister"
        roles: list[Atom] = [] if head is not None else [atom]
        q = p
        while q < n_hits and hits[q][2].kind in (ROLE, MODIFIER):
            joined = (
                (  # "Planning and Investment Minister"
                    low[k] in PORTFOLIO_CONJUNCTIONS and hits[q][0] == k + 1 and hits[q][2].kind == MODIFIER
                )
                and bool(roles)
                and roles[-1].kind == MODIFIER
            )
            if hits[q][0] != k and not joined:
                break
            roles.append(hits[q][2])
            k = hits[q][1]
            q += 1
        has_role = any(a.kind == ROLE for a in roles)
        if head is None and not has_role:
            continue  # modifiers alone ("former") are not actors
        if head is None and roles[-1].attributive and k < n and low[k].isalpha() and toks[k].islower():
            if not (q < n_hits and hits[q][0] == k and hits[q][2].kind == PERSON):
                p = q
                continue  # "official recognition", "government change": an adjective, not an actor
        if has_role and k + 1 < n and low[k] in OFFICE_PREPOSITIONS and low[k - 1] in OFFICE_HEADS:
            # "Secretary of Defense Lloyd Austin", "Minister for Interior Aftab Sherpao"
            j = k + 1 + (low[k + 1] in ARTICLES)
            m = j
            while m < n and (
                (low[m] in t.portfolio and toks[m][:1].isupper()) or (m > j and low[m] in PORTFOLIO_GLUE)
            ):
                m += 1
            while m > j and low[m - 1] in PORTFOLIO_GLUE:
                m -= 1
            if m > j:
                k = m
                while q < n_hits and hits[q][0] < k:
                    q += 1
        phrase_end = k if has_role else end
        person_atom = None
        name = None
        private = False
        company = None
        if q < n_hits and hits[q][0] == k and hits[q][2].kind == PERSON and (has_role or k > end):
            person_atom = hits[q][2]
            phrase_end = hits[q][1]
            q += 1
        elif (
            has_role
            and k + 1 < n
            and toks[k] == ","
            and q < n_hits
            and hits[q][0] == k + 1
            and hits[q][2].kind == PERSON
            and hits[q][1] < n
            and toks[hits[q][1]] == ","
        ):  # "the foreign minister, Amir Khan Muttaqi, said": a known person in apposition
            person_atom = hits[q][2]
            phrase_end = hits[q][1]
            q += 1
        elif has_role:
            name_end = _name_after(toks, low, k, hit_starts)
            if name_end == k and k + 1 < n and toks[k] == ",":  # "the foreign minister, Wang Yi, said"
                after_comma = _name_after(toks, low, k + 1, hit_starts)
                if after_comma > k + 1 and after_comma < n and toks[after_comma] == ",":
                    name_end = after_comma
            if name_end > k:
                name = t.surface(k + (toks[k] == ","), name_end)
                phrase_end = name_end
                # "seafood company Grieg Seafood": a company, private unless said otherwise
                if low[k - 1] in COMPANY_WORDS and not any(w in STATE_OWNED for w in low[start:k]):
                    company = name
        elif head is not None and head.kind in (DEMONYM, COUNTRY) and not roles and k == end:
            trade = _trade_words(toks, low, k)
            name_end = _name_after(toks, low, trade, hit_starts) if trade > k else k
            if name_end > trade > k:
                # "U.S. fashion retailer Gap", "Norwegian salmon producer Grieg": a company the dictionaries
                # do not know, private (a state-owned one is named so, and stays its country's)
                name = t.surface(trade, name_end)
                phrase_end = name_end
                company = name
            elif head.kind == DEMONYM:
                # "Swedish researcher Ahmadreza Djalali", "Saudi blogger Raif Badawi": an occupation the
                # dictionaries do not know between a nationality and a full name is still that country's person
                name_end = _name_after(toks, low, k + 1, hit_starts) if _occupation_word(toks, low, k) else k
                if name_end >= k + 3:
                    name = t.surface(k + 1, name_end)
                    phrase_end = name_end
                    private = low[k] not in HONORIFICS  # "Russian general Vyacheslav Borisov" holds a rank
        if head is None and has_role and phrase_end + 1 < n and low[phrase_end] in ROLE_OF:
            # "president of Armenia", "King Hassan of Morocco", "Secretary-General of the United Nations"
            j = phrase_end + 1 + (low[phrase_end + 1] in ARTICLES)
            if q < n_hits and hits[q][0] == j and hits[q][2].kind in ENTITY:
                head = hits[q][2]
                phrase_end = hits[q][1]
                q += 1
        p = q
        found = _resolve(start, phrase_end, head, roles, person_atom, name, t, date)
        # no office the dictionaries know: a private person or a company, not the state
        if private and found.actor.country:
            code = _code(found.actor.country, PRIVATE_SECTOR)
            found.actor = replace(found.actor, sector=PRIVATE_SECTOR, code=code)
        elif company is not None:
            code = _code(found.actor.country, COMPANY_SECTOR)
            found.actor = replace(found.actor, sector=COMPANY_SECTOR, code=code, group=company, name=company)
        out.append(found)
    return out


def _resolve(start, end, head, roles, person_atom, name, t: _Text, date) -> Found:
    """The Actor for one phrase, with the date choosing dated roles."""
    text = t.surface(start, end)
    sector = _role_sector(roles)
    country = None
    group = None
    display = name
    code = None
    kind = "role"
    confidence = 0.5 if name is None else 0.6
    entry = None
    if head is not None:
        kind = KIND_NAME[head.kind]
        confidence = BASE_CONFIDENCE[head.kind]
        if head.kind in (COUNTRY, DEMONYM, CAPITAL):
            country = head.ref.iso3
            display = display or head.ref.name
            if head.kind == CAPITAL:  # "Kabul government" is not a place; "Kabul" alone may be either
                confidence = 0.75 if sector else 0.6
        elif head.kind == INSTITUTION:
            country_ref, inst = head.ref
            country, sector, display = country_ref.iso3, inst.sector, display or inst.name
        elif head.kind == IGO:
            entry = head.ref
            country, group, display = entry.country, entry.name, display or entry.name
            strong = next((a.ref for a in reversed(roles) if a.kind == ROLE and not a.weak), None)
            sector = strong or entry.sector
            code = entry.code
        elif head.kind == GROUP:
            entry = head.ref
            role, exact = entry.role_on(date)
            group, display = entry.name, display or entry.name
            if role is not None:
                country, sector, code = role.country, role.sector, role.code
            confidence = 0.9 if exact else 0.7
    if person_atom is not None:
        entry = person_atom.ref
        role, exact = entry.role_on(date)
        display = entry.name
        kind = "person"
        if role is not None:
            country = role.country or country
            sector = role.sector or sector
            code = role.code
            if any(a.elite for a in roles) and sector in ("GOV", "MIL"):
                sector, code = "ELI", None
        confidence = 0.9 if exact else 0.6
    if code is None:
        code = _code(country, sector)
    actor = Actor(text=text, name=display, code=code, country=country, sector=sector, group=group)
    person = display if (person_atom is not None or name is not None) else None
    return Found(start, end, actor, kind, confidence, entry, person)
