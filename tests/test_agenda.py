"""The goal data: all 169 UN targets, numbered as the UN numbers them, with the official Swedish wording where it has been read."""

from __future__ import annotations

import re

import pytest

from innocities import agenda

# Numeric targets and letter targets per goal, from the UN numbering (SDG-FACTS.md), not from the data file.
NUMBERING = {1: (5, "ab"), 2: (5, "abc"), 3: (9, "abcd"), 4: (7, "abc"), 5: (6, "abc"), 6: (6, "ab"),
             7: (3, "ab"), 8: (10, "ab"), 9: (5, "abc"), 10: (7, "abc"), 11: (7, "abc"), 12: (8, "abc"),
             13: (3, "ab"), 14: (7, "abc"), 15: (9, "abc"), 16: (10, "ab"), 17: (19, "")}

# Targets whose official Swedish wording was not found in the stored copies of SCB's and
# globalamalen.se's pages (see the comment at the top of data/sdgs.yml); they show the UN's English
# text. Listed here so that the gap stays visible: adding a Swedish text means removing its id.
MISSING_SV = set((
    "1.5 1.b 2.a 2.b 2.c 3.a 3.c 3.d 4.4 4.5 4.7 4.a 4.b 4.c 5.b 5.c 6.5 6.6 6.a 6.b 7.1 7.2 7.3 "
    "7.a 7.b 8.6 8.9 8.10 8.a 8.b 9.4 9.a 9.b 9.c 10.5 10.6 10.a 10.b 10.c 11.4 11.5 11.a "
    "11.b 11.c 12.6 12.8 12.a 12.b 12.c 13.2 13.3 13.a 13.b 14.3 14.7 14.a 14.c 15.3 15.4 15.9 15.a "
    "15.b 15.c 16.4 16.5 16.6 16.7 16.8 16.9 16.10 16.a 17.3 17.4 17.5 17.6 17.7 17.8 17.9 17.10 "
    "17.11 17.12 17.13 17.14 17.15 17.16 17.17 17.18 17.19 "
).split())

# Where the Swedish wording may come from: Statistics Sweden's Agenda 2030 pages or the UN-run globalamalen.se.
SOURCE = re.compile(r"https://(www\.)?(scb\.se/hitta-statistik/temaomraden/agenda-2030/mal-\d+/|globalamalen\.se/om-globala-malen/mal-\d+-)")


def expected_ids() -> list[str]:
    return [f"{g}.{t}" for g, (n, letters) in NUMBERING.items() for t in [*range(1, n + 1), *letters]]


def test_ids_are_exactly_the_un_targets_in_order():
    ids = [t.id for g in agenda.load().goals for t in g.targets]
    assert len(expected_ids()) == 169
    assert ids == expected_ids()


def test_every_target_has_its_official_english_text():
    for t in agenda.load().targets.values():
        assert t.text_en.strip(), t.id


def test_swedish_text_and_short_title_with_source_for_every_target_but_the_listed_gaps():
    with_sv, without = set(), set()
    for t in agenda.load().targets.values():
        if "sv" in t.text or "sv" in t.title:
            text, title = t.text.get("sv", ""), t.title.get("sv", "")
            assert text.strip() and title.strip(), (t.id, "both the text and the short title, never one alone")
            assert text == " ".join(text.split()) and title == " ".join(title.split()), t.id
            assert "[" not in title, (t.id, "SCB's reporting marker is not part of the title")
            assert t.source and SOURCE.match(t.source), (t.id, t.source)
            assert f"mal-{t.goal}" in t.source, (t.id, "read from the page of its own goal")
            with_sv.add(t.id)
        else:
            without.add(t.id)
    assert without == MISSING_SV
    assert len(with_sv) == 169 - 88


@pytest.mark.xfail(strict=True, reason="the official Swedish wording of the targets in MISSING_SV is not in the data yet")
def test_all_169_targets_have_swedish_text_and_short_title():
    assert all(t.text.get("sv") and t.title.get("sv") for t in agenda.load().targets.values())


def test_a_target_is_shown_in_the_sites_language_or_honestly_in_english():
    t = agenda.load().targets["11.2"]
    assert t.text_in("sv") == (t.text["sv"], "sv")
    assert t.title_in("sv") == "Tillgängliggöra hållbara transportsystem för alla"
    assert t.text_in("nb") == (t.text_en, "en")
    assert t.title_in("en") is None, "the UN publishes no English short titles; none is made up"
