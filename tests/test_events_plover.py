"""PLOVER vocabulary: scores, quad classes, the CAMEO map, legacy labels."""

from __future__ import annotations

from diplowatch.events.plover import (
    BASE_SCORE,
    TYPES,
    cameo_root,
    intensity,
    normalise_type,
    plover_from_cameo,
    quad_class,
)


def test_every_type_has_score_quad_and_cameo_root():
    assert len(TYPES) == 16
    for t in TYPES:
        assert -10 <= BASE_SCORE[t] <= 10
        assert quad_class(t) in (1, 2, 3, 4)
        assert plover_from_cameo(cameo_root(t)) in (t, "CONCEDE")  # 08 is shared by CONCEDE/RETREAT


def test_mode_scores_refine_the_base_score():
    assert intensity("ASSAULT") == -9
    assert intensity("ASSAULT", "aerial") == -9.5
    assert intensity("RETREAT", "disarm") == 10
    assert intensity("CONSULT", "visit") == 4
    assert intensity("CONSULT", "unknown-mode") == 2.5


def test_quad_classes_split_verbal_material_cooperation_conflict():
    assert quad_class("CONSULT") == 1
    assert quad_class("AID") == 2
    assert quad_class("ACCUSE") == 3
    assert quad_class("ASSAULT") == 4


def test_cameo_codes_map_to_plover():
    assert plover_from_cameo("042") == "CONSULT"
    assert plover_from_cameo("1123") == "ACCUSE"
    assert plover_from_cameo("0841") == "RETREAT"
    assert plover_from_cameo("081") == "CONCEDE"
    assert plover_from_cameo("195") == "ASSAULT"
    assert plover_from_cameo("99") is None


def test_legacy_labels():
    assert normalise_type("DEMAND") == "REQUEST"
    assert normalise_type("disapprove") == "ACCUSE"
    assert normalise_type("FIGHT") == "ASSAULT"
    assert normalise_type("AID") == "AID"
