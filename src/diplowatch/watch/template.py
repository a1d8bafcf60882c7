"""The commented template `diplowatch watch new NAME` writes: a small, valid watch to edit."""

from __future__ import annotations

TEMPLATE = """\
# Watch {name}: describe here whose conduct you judge, and against which conditions.
# Format and rules: docs/watches.md. Check your edits with: diplowatch watch check {name}.yaml
#
# Patterns (act, with, unless, stance cues) match case-insensitively on word boundaries:
#   word   the word          word*  any ending         (a|b c)  alternatives, (x )? optional
#   ...    up to 8 words     {{subject}} a subject name  {{place}} a subject place
#   ALLCAPS words (US, UN) match case-sensitively.
name: {name}
title: {title}
period: {{start: 2021-01-01, end: null}}      # evidence outside the period is not read

subject:
  name: The government being watched
  codes: [XXXGOV]                              # shown in scorecards
  actors:                                      # resolved actors that count as the subject
    - {{country: XXX, sectors: [GOV, MIL], since: 2021-01-01}}
    # - {{group: Some Movement}}
  names: ["the government", "the junta"]       # names that mean the subject in the text
  places: [Capital, Country]                   # places: "schools closed in Capital" is about it
  others: ["rebel army"]                       # other actors there whose deeds are not the subject's

observers:                                     # whose stance toward the subject is tracked
  - {{code: USA, name: United States, country: USA, names: ["United States", US, Washington]}}
  - {{code: UN, name: United Nations, groups: [UN], codes: [IGOUNO], names: ["United Nations", UN]}}

stances:                                       # cues; see docs/watches.md for which one wins
  reject: ["(refuse*|will not) (deal|engage) with {{subject}}", "sanctions on {{subject}}"]
  recognize: ["recogni* ... {{subject}}"]
  engage: ["(met|talks|hosted|visited) ... {{subject}}", "(accept*) ... credentials"]
  withhold: ["(no|not in a) (rush|hurry)", "not (yet )?ready"]

conditions:
  - id: free_press                             # lower_case_with_underscores
    title: Journalists work freely
    description: >
      One paragraph, in your own words: what meeting the condition looks like, and what breaches it.
    indicators:
      - id: journalists_detained               # every evidence row names the indicator that fired
        polarity: -1                           # -1 breaches, +1 meets, 0 words only (pledges, demands)
        act: ["detain*", "arrest*", "jail*"]   # the act; negation flips it, modals make it a word
        with:                                  # every group must match somewhere in the sentence
          - ["journalist*", "reporter*"]
        unless: ["rebel army"]                 # none of these may match
        # scope: place                         # "subject" (default): the subject must be named;
                                               # "place": a subject place or article context will do
      - id: journalists_released
        polarity: 1
        act: ["released", "freed"]
        with:
          - ["journalist*", "reporter*"]
"""


def template(name: str) -> str:
    title = name.replace("-", " ").replace("_", " ").capitalize()
    return TEMPLATE.format(name=name, title=title)
