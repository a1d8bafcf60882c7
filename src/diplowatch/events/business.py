"""Business is no event: what a private company does, and the deals states make with companies.

The guidelines leave out "private companies' business decisions" (GUIDELINES.md), and the annotators code
no event when a country buys vaccines from a drugmaker, a broadcaster's chief resigns or an airline drops a
route. A company the state owns is another matter: "Gazprom suspends gas supplies to Poland" is Russia's
act on Poland. So, with the companies and outlets of the dictionaries (`ActorDictionary.companies`):

- an act whose doer is a private company or outlet is no event ("Pfizer signs a deal", "TikTok bans an
  account", "CNN's president resigns");
- a cooperative act with a company on the other side is trade, no event ("Kosovo signs an agreement with
  Pfizer", "Russia authorizes Pfizer to run trials"); what a state-owned company gives or signs is its
  state's ("Gazprom signs a memorandum with Iran"; the annotators code a shipment of a Chinese state
  vaccine as China's aid, one of a private drugmaker's as no event);
- what states do to companies stays: bans, fines, seizures, sanctions, lawsuits ("Russia blocks access to
  Instagram", "Germany takes control of Gazprom Germania").
"""

from __future__ import annotations

from collections.abc import Mapping

from diplowatch.actors.resolver import COMPANY_SECTOR
from diplowatch.core.records import Actor, Event

IGO = "IGO"  # the code prefix of an international organisation
# Acts of give and take that between a state and a company are commerce, not politics.
COOPERATIVE = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST"})


def _company(actor: Actor | None, companies: Mapping[str, bool]) -> bool | None:
    """None when the actor is no named company, else whether the state owns it. A company the dictionaries do
    not know, named as one ("U.S. fashion retailer Gap": sector BUS with its name as group), is private: the
    resolver leaves one named as state-owned to its country."""
    if actor is None or actor.group is None:
        return None
    known = companies.get(actor.group)
    if known is None and actor.sector == COMPANY_SECTOR and not (actor.code or "").startswith(IGO):
        return False  # (the IMF, the World Bank and OPEC are organisations of states, sector BUS too)
    return known


def business_act(event: Event, companies: Mapping[str, bool]) -> bool:
    """Whether the event is a company's business or a state's trade with a company (no event)."""
    doer = _company(event.source, companies)
    if doer is False:
        return True
    if event.type not in COOPERATIVE:
        return False
    return _company(event.target, companies) is not None
