"""Related projects on a portfolio large enough that themes and targets hold hundreds of projects.

The index scores only a window of each long list (to stay linear) and counts in bulk; the
answer must be what the rule says, computed here the plain way: weights 3 per shared target,
2 per shared theme or municipality, within RELATED_WINDOW places of the project in each list,
plus 1 per shared goal; best first, ties in catalogue order, at most RELATED_LIMIT.
"""

from __future__ import annotations

import random

from innocities.index import RELATED_LIMIT, RELATED_WINDOW, Index

THEMES = ["energi", "mobilitet", "vatten", "belysning", "data"]
SDGS = ["7", "7.2", "7.3", "11", "11.2", "11.6", "13", "13.1", "6", "6.4", "9.c"]
MUNICIPALITIES = ["halden", "eskilstuna"]
SOURCE = "sources: [{title: Källa, url: 'https://example.org/kalla'}]\n"


def plain_related(ix: Index) -> dict[str, list[str]]:
    rank = {p.slug: i for i, p in enumerate(ix.projects)}
    out = {}
    for proj in ix.projects:
        score: dict[str, int] = {}
        for postings, keys, weight in ((ix.by_target, proj.targets, 3),
                                       (ix.by_theme, [t.slug for t in proj.themes], 2),
                                       (ix.by_municipality, proj.municipalities, 2)):
            for key in keys:
                members = postings[key]
                if len(members) > 2 * RELATED_WINDOW:
                    at = members.index(proj)
                    members = members[max(0, at - RELATED_WINDOW): at + RELATED_WINDOW + 1]
                for other in members:
                    score[other.slug] = score.get(other.slug, 0) + weight
        score.pop(proj.slug, None)
        for slug in score:
            score[slug] += len(set(proj.goals) & set(ix.portfolio.projects[slug].goals))
        out[proj.slug] = sorted(score, key=lambda s: (-score[s], rank[s]))[:RELATED_LIMIT]
    return out


def test_related_projects_follow_the_rule_in_a_large_portfolio(repo):
    rng = random.Random(6)
    for i in range(400):
        sdgs = ", ".join(f'"{s}"' for s in rng.sample(SDGS, rng.randint(1, 4)))
        themes = ", ".join(rng.sample(THEMES, rng.randint(0, 3)))
        muns = ", ".join(rng.sample(MUNICIPALITIES, rng.randint(1, 2)))
        repo.write(f"content/projects/p{i:03d}.md", f"---\ntitle: Projekt {rng.randint(1, 60)}\n"
                   f"summary: Ett projekt.\nstatus: ongoing\nmunicipalities: [{muns}]\nsdgs: [{sdgs}]\n"
                   f"themes: [{themes}]\n{SOURCE}---\n")
    # Shares only goal 6 with the others: goals add weight among candidates but make none.
    repo.write("content/municipalities/ensam.md", f"---\nname: Ensam kommun\ntype: municipality\ncountry: SE\n{SOURCE}---\n")
    repo.write("content/projects/ensam.md", "---\ntitle: Ensamt\nsummary: Ett projekt.\nstatus: ongoing\n"
                                             f"municipalities: [ensam]\nsdgs: [6]\n{SOURCE}---\n")
    portfolio = repo.load()
    assert not portfolio.errors, repo.describe(portfolio.errors)
    ix = Index(portfolio)
    assert max(len(v) for v in ix.by_theme.values()) > 4 * RELATED_WINDOW  # the windows are in play

    got = {slug: [p.slug for p in related] for slug, related in ix.related.items()}
    assert got == plain_related(ix)
    assert got["ensam"] == []
    assert sum(len(v) == RELATED_LIMIT for v in got.values()) > 300
