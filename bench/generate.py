"""A synthetic, valid knowledge base of any size, for the build benchmark.

    python bench/generate.py DEST --projects 1000 [--organisations 800] [--baseline DEST2] [--no-check]

`site_copy(dest, n)` copies what the build reads (mkdocs.yml, docs/, hooks/, overrides/) and
writes a generated content/ with n projects, max(3, n // 10) municipalities (or as many as
`organisations` says: the organisations can grow apart from the projects) and max(1, n // 50)
programmes (project i in programme i mod that count) that follow the
content contract (hooks/innocities/schema.py). `baseline_copy(dest, n)` writes the same project
bodies as plain Markdown pages (docs/p/<slug>.md) for a build without the hooks.

Deterministic: every item is drawn from its own random.Random seeded with a fixed string and
its number, so the same n always gives the same bytes, and project i is the same text whatever
n is (only its municipality references depend on how many municipalities there are).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = "innocities-bench-v1"
SITE_PARTS = ("mkdocs.yml", "docs", "hooks", "overrides")
IGNORE = shutil.ignore_patterns("__pycache__", "*.egg-info", "*.pyc")

PHASES = ("behov", "ide", "pilot", "genomforande", "spridning")

# title stem, its themes, the goals/targets it typically serves, a noun phrase for the body
TOPICS = [
    ("Smart gatubelysning", ["energi", "belysning", "sensorer"], [7, "7.3", 11, "11.6"], "styrbar gatubelysning"),
    ("Solceller på kommunala tak", ["energi", "solenergi"], [7, "7.2", 13], "solceller på kommunens fastigheter"),
    ("Laddinfrastruktur på landsbygden", ["mobilitet", "elbilar", "energi"], [7, 11, "11.2", 13], "publika laddplatser"),
    ("Cykelpendling året runt", ["mobilitet", "cykel", "hälsa"], [3, 11, "11.2"], "säkra cykelstråk för pendlare"),
    ("Digital medborgardialog", ["delaktighet", "digitalisering"], [16, "16.7", 11, "11.3"], "digital dialog med invånarna"),
    ("Minskat matsvinn i skolkök", ["mat", "cirkulär ekonomi"], [12, "12.3", 2], "mätning av matsvinn i skolköken"),
    ("Återbruk av byggmaterial", ["cirkulär ekonomi", "bygg"], [12, "12.5", 9], "återbruk av material från rivningar"),
    ("Sensorer i VA-nätet", ["vatten", "sensorer"], [6, "6.4", 9], "sensorer som upptäcker läckor i ledningsnätet"),
    ("Gröna tak och dagvatten", ["klimatanpassning", "vatten", "grönska"], [11, 13, "13.1", 6], "gröna tak som fördröjer dagvatten"),
    ("Digitala trygghetslarm", ["välfärdsteknik", "hälsa"], [3, 10], "digitala trygghetslarm i hemtjänsten"),
    ("Landström i hamnen", ["hamn", "energi", "sjöfart"], [7, 14, "14.1", 13], "landström till fartyg vid kaj"),
    ("Energidelning i bostadsområde", ["energi", "bostäder"], [7, "7.2", 11], "delning av lokalt producerad el"),
    ("Spillvärme till fjärrvärme", ["energi", "fjärrvärme"], [7, "7.3", 9, 13], "återvinning av spillvärme från industrin"),
    ("Öppna data för företag", ["öppna data", "digitalisering"], [9, 16, "16.10", 17], "öppna data från kommunens system"),
    ("Digital tvilling av centrum", ["digitalisering", "samhällsplanering"], [9, 11, "11.3"], "en digital tvilling av stadskärnan"),
    ("Bättre inomhusklimat i skolor", ["skola", "sensorer", "hälsa"], [3, 4, 7], "mätning av luftkvalitet i klassrum"),
    ("Varningssystem för stormflod", ["klimatanpassning", "beredskap"], [11, "11.5", 13, "13.1"], "tidig varning vid höga vattenstånd"),
    ("Lånebod för fritidsutrustning", ["delningsekonomi", "fritid"], [12, 10, 3], "utlåning av fritidsutrustning"),
    ("Marint skräp längs kusten", ["hav", "avfall"], [14, "14.1", 12], "insamling och kartläggning av marint skräp"),
    ("Smart parkering", ["mobilitet", "sensorer"], [11, 9], "sensorer som visar lediga parkeringsplatser"),
    ("Elektrifierade arbetsmaskiner", ["energi", "hamn", "elektrifiering"], [7, 9, 13], "eldrivna arbetsmaskiner"),
    ("Egenmonitorering i hemmet", ["välfärdsteknik", "hälsa"], [3, "3.8"], "egenmätning av hälsovärden i hemmet"),
    ("Sensorer i papperskorgar", ["avfall", "sensorer"], [11, "11.6", 12], "papperskorgar som larmar när de är fulla"),
    ("Samåkning på landsbygden", ["mobilitet", "landsbygd"], [11, "11.2", 10], "en tjänst för samåkning"),
    ("Biogas från matavfall", ["avfall", "biogas", "energi"], [7, 12, "12.5"], "rötning av matavfall till biogas"),
    ("Innovationsupphandling av skolmåltider", ["mat", "upphandling"], [2, 12, "12.7"], "funktionsupphandling av skolmåltider"),
    ("Klimatsmarta resor i tjänsten", ["mobilitet", "klimat"], [13, 11], "bokning av klimatsmarta tjänsteresor"),
    ("Trygga stråk med invånare", ["trygghet", "delaktighet"], [11, "11.7", 16], "trygghetsvandringar med invånare"),
    ("Vätgas för tunga transporter", ["energi", "vätgas", "transporter"], [7, 9, 13], "en tankstation för vätgas"),
    ("Digital skolskjuts", ["digitalisering", "skola", "mobilitet"], [4, 11], "digital planering av skolskjutsar"),
]
GENERAL_THEMES = ["samverkan", "innovationsledning", "digitalisering", "kompetens", "hållbarhet", "näringsliv"]
STATUSES = [("ongoing", 35), ("completed", 30), ("planned", 15), ("idea", 10), ("discontinued", 10)]
SECTORS = ("academia", "business", "public", "civil-society")
PARTNERS = [
    ("Mälardalens universitet", "academia"), ("Høgskolen i Østfold", "academia"), ("Karlstads universitet", "academia"),
    ("Örebro universitet", "academia"), ("RISE Research Institutes of Sweden", "academia"), ("SINTEF", "academia"),
    ("Sweco Sverige AB", "business"), ("Lokalt belysningsföretag", "business"), ("Regional energileverantör", "business"),
    ("Fastighetsbolaget Exempel AB", "business"), ("Norsk teknologibedrift AS", "business"), ("Startup inom IoT", "business"),
    ("Länsstyrelsen", "public"), ("Trafikverket", "public"), ("Statens vegvesen", "public"), ("Grannkommunen", "public"),
    ("Centrumföreningen", "civil-society"), ("Hyresgästföreningen", "civil-society"), ("Naturskyddsföreningen", "civil-society"),
    ("Idrottsföreningen", "civil-society"), ("Pensionärsföreningen", "civil-society"), ("Smart Innovation Norway", "business"),
]
FUNDERS = ["Vinnova", "Energimyndigheten", "Interreg Sverige–Norge", "Horisont Europa", "Formas", "Enova",
           "Forskningsrådet", "Kommunal investeringsbudget", "Regionala utvecklingsmedel", "Klimatklivet"]
FIRST = ["Anna", "Erik", "Maria", "Lars", "Karin", "Johan", "Ingrid", "Ola", "Sara", "Per", "Kari", "Nils", "Elin", "Jonas"]
LAST = ["Exempelsson", "Testberg", "Provström", "Demovik", "Lindqvist", "Nordmann", "Hansen", "Berglund", "Dahl", "Holm"]
STEPS = ["Förstudie", "Behovsanalys", "Workshop med invånare", "Upphandling", "Pilot", "Installation", "Utvärdering",
         "Uppföljning", "Spridning till fler förvaltningar", "Beslut om införande"]

PREFIX = ["Norr", "Söder", "Väster", "Öster", "Sjö", "Berg", "Skog", "Å", "Ström", "Lund", "Dal", "Holm", "Fjäll",
          "Hav", "Ek", "Björk", "Gran", "Älv", "Sand", "Sten", "Lind", "Ask", "Myr", "Löv"]
SUFFIX_SE = ["by", "vik", "köping", "sund", "ås", "dal", "holm", "näs", "stad", "fors", "berga", "hamra"]
SUFFIX_NO = ["vik", "sund", "dal", "berg", "stad", "nes", "fjord", "havn", "øy", "heim", "sand", "voll"]
COUNTIES_SE = ["Västmanlands län", "Södermanlands län", "Örebro län", "Värmlands län", "Västra Götalands län",
               "Uppsala län", "Dalarnas län", "Gävleborgs län", "Skåne län", "Norrbottens län"]
COUNTIES_NO = ["Østfold", "Akershus", "Buskerud", "Vestfold", "Telemark", "Agder", "Rogaland", "Vestland", "Trøndelag", "Nordland"]

# Sentence banks for the four sections; {slots} are filled per project.
BAKGRUND = [
    "I {plats} har frågan om {amne} diskuterats länge i både förvaltningen och den politiska ledningen.",
    "Behovet blev tydligt när en kartläggning visade att kostnaderna hade ökat med {procent} procent på fem år.",
    "Invånarna hade i flera medborgardialoger lyft att de ville se konkreta förbättringar i sin närmiljö.",
    "Samtidigt saknade kommunen underlag för att veta vilka lösningar som faktiskt fungerar i praktiken.",
    "Arbetet tog avstamp i kommunens hållbarhetsprogram och i målen i Agenda 2030.",
    "Flera andra kommuner i Norden hade redan testat liknande lösningar med blandade resultat.",
    "En förstudie under {ar} pekade ut tre möjliga vägar framåt, där {amne} bedömdes ha störst potential.",
    "Verksamheten upplevde att gamla arbetssätt inte längre räckte till för de krav som ställs i dag.",
    "Projektet samlade från början representanter för akademi, näringsliv, offentlig sektor och civilsamhälle.",
    "Ett viktigt skäl var att minska klimatpåverkan utan att försämra servicen till invånarna.",
    "Frågan hade också stöd från regionen, som ville se lösningar som kan spridas till fler kommuner.",
    "Budgetläget gjorde att kommunen sökte arbetssätt som sparar pengar på sikt.",
]
GENOMFORANDE = [
    "Arbetet började med en behovsanalys där {antal} personer från olika förvaltningar deltog.",
    "Därefter genomfördes en pilot under {manader} månader i en avgränsad del av {plats}.",
    "{partner} bidrog med kunskap om teknik och metoder och följde upp resultaten löpande.",
    "Upphandlingen formulerades med funktionskrav i stället för detaljerade tekniska specifikationer.",
    "En referensgrupp med invånare träffades regelbundet och gav synpunkter på förslagen.",
    "Projektledningen rapporterade varje kvartal till en styrgrupp med representanter för alla parter.",
    "Data samlades in före, under och efter piloten så att effekterna kunde jämföras.",
    "Under arbetets gång justerades planen när det visade sig att vissa antaganden inte höll.",
    "Medarbetarna i verksamheten fick utbildning i de nya verktygen innan de togs i bruk.",
    "Lösningen byggdes så att den kan kopplas till andra system genom öppna gränssnitt.",
    "Kommunikationen med invånarna skedde via webben, sociala medier och informationsmöten.",
    "Ett avtal reglerade hur data fick användas och vem som äger resultaten.",
]
RESULTAT_BULLETS = [
    "Energianvändningen minskade med {procent} procent jämfört med året innan.",
    "{antal} invånare deltog i dialoger, enkäter eller tester.",
    "Driftkostnaderna sjönk tydligt redan under det första året.",
    "Verksamheten har fått bättre underlag för beslut om fortsatta investeringar.",
    "Två grannkommuner har börjat planera liknande projekt.",
    "Antalet felanmälningar minskade med {procent} procent.",
    "Lösningen ingår nu i den ordinarie verksamheten.",
    "En rapport med mätdata och erfarenheter har publicerats öppet.",
]
RESULTAT = [
    "Utvärderingen visar att lösningen fungerar väl under normala förhållanden men kräver mer underhåll än väntat.",
    "Resultaten har presenterats för kommunstyrelsen, som beslutat att gå vidare med ett bredare införande.",
    "Användarna är överlag nöjda, även om några efterfrågar enklare instruktioner.",
    "Det är ännu för tidigt att säga något säkert om de långsiktiga effekterna.",
    "Mätningarna följs upp under ytterligare ett år för att se om effekten håller i sig.",
]
LARDOMAR = [
    "Att involvera invånarna tidigt gav viktiga krav som annars hade missats.",
    "Tydliga mål och en fast tidsram gjorde det lättare att fatta beslut efter piloten.",
    "Samarbetet mellan förvaltningarna tog längre tid att få på plats än planerat.",
    "Öppna gränssnitt i upphandlingen gör att fler tjänster kan kopplas på senare.",
    "Det lönar sig att avsätta tid för utvärdering redan i projektplanen.",
    "Erfarenheterna från {partner} var värdefulla när tekniska problem uppstod.",
    "Projektet visar att även små kommuner kan driva innovation om de samverkar.",
    "Nästa gång skulle vi lägga mer resurser på kommunikation med berörda verksamheter.",
    "En gemensam målbild för alla parter var avgörande för att hålla ihop arbetet.",
    "Dokumentationen av arbetet gör det enklare för andra att ta efter lösningen.",
]
SUMMARY_1 = [
    "{who} testar {amne} tillsammans med {partner} och invånarna.",
    "{who} har infört {amne} i en del av verksamheten efter en lyckad pilot.",
    "{who} undersöker om {amne} kan minska kostnader och klimatpåverkan.",
    "{who} och {partner} utvecklar {amne} för att möta invånarnas behov.",
]
SUMMARY_2 = [
    "Erfarenheterna delas med andra kommuner i Norden.",
    "Projektet följs upp med mätningar före och efter.",
    "Resultaten ska ligga till grund för ett beslut om breddinförande.",
    "Arbetet sker i nära samverkan med näringsliv och akademi.",
]
MUNICIPALITY_TEXT = [
    "{name} ligger i {county} och har en lång tradition av samverkan med näringsliv och akademi.",
    "Organisationen deltar i programmet för att pröva nya lösningar tillsammans med andra i Norden.",
    "Arbetet med innovation leds av en samordnare i stadsledningsförvaltningen.",
    "Flera av projekten handlar om energi, mobilitet och digitalisering.",
]


def slugify(text: str) -> str:
    """Same rules as innocities.slugs.slugify (å→a, ø→o, æ→ae)."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = "".join({"æ": "ae", "ø": "o"}.get(ch, ch) for ch in text)
    text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


_PLAIN = re.compile(r"[A-Za-z0-9ÅÄÖåäöØøÆæÉé][A-Za-z0-9ÅÄÖåäöØøÆæÉé .()–\-/]*")


def q(text: str) -> str:
    """A YAML scalar: plain when that is safe, else a JSON (double-quoted YAML) string."""
    return text if _PLAIN.fullmatch(text) and not text.endswith(" ") else json.dumps(text, ensure_ascii=False)


def flow(items) -> str:
    return "[" + ", ".join(items) + "]"


def method_slugs(root: Path = ROOT) -> list[str]:
    return sorted(p.stem for p in (root / "docs" / "methods").glob("*.md") if p.name != "index.md")


def municipality_count(n: int, organisations: int | None = None) -> int:
    return organisations if organisations else max(3, n // 10)


# --- municipalities --------------------------------------------------------------------------

def _names(count: int) -> list[tuple[str, str]]:
    """(place name, country) for each municipality, unique while the combinations last."""
    out = []
    rng = random.Random(f"{SEED}:names")
    combos_se = [p + s for p in PREFIX for s in SUFFIX_SE]
    combos_no = [p + s for p in PREFIX for s in SUFFIX_NO]
    rng.shuffle(combos_se)
    rng.shuffle(combos_no)
    used_se = used_no = 0
    for j in range(count):
        country = "SE" if random.Random(f"{SEED}:m:{j}:country").random() < 0.65 else "NO"
        if country == "SE":
            base, used_se = combos_se[used_se % len(combos_se)], used_se + 1
            lap = (used_se - 1) // len(combos_se)
        else:
            base, used_no = combos_no[used_no % len(combos_no)], used_no + 1
            lap = (used_no - 1) // len(combos_no)
        name = base.capitalize() if not base[0].isupper() else base
        if lap:
            name = f"{('Norra', 'Södra', 'Västra', 'Östra', 'Stora', 'Lilla')[(lap - 1) % 6]} {name}"
        out.append((name, country))
    return out


def municipality_file(j: int, place: str, country: str) -> tuple[str, str, str]:
    """(slug, display name, file text) of municipality j."""
    rng = random.Random(f"{SEED}:m:{j}")
    kind = rng.choices(["municipality", "region", "port", "energy-company", "other"], [80, 6, 5, 6, 3])[0]
    se = country == "SE"
    name = {
        "municipality": f"{place} {'kommun' if se else 'kommune'}",
        "region": f"Region {place}" if se else f"{place} fylkeskommune",
        "port": f"{place} Hamn AB" if se else f"{place} Havn KF",
        "energy-company": f"{place} Energi {'AB' if se else 'AS'}",
        "other": f"{place} Innovationspark",
    }[kind]
    slug = slugify(name)
    county = rng.choice(COUNTIES_SE if se else COUNTIES_NO)
    lines = ["---", f"name: {q(name)}", f"type: {kind}", f'country: "{country}"']
    if kind == "municipality" and rng.random() < 0.9:
        lines.append(f'code: "{rng.randrange(114, 2584):04d}"' if se else f'code: "{rng.randrange(301, 5636):04d}"')
    if rng.random() < 0.85:
        lines.append(f"county: {q(county)}")
    if rng.random() < 0.8:
        low, high = (150_000, 1_500_000) if kind == "region" else (2_500, 600_000)
        lines.append(f"population: {int(round(low * (high / low) ** rng.random(), -2))}")
    if rng.random() < 0.95:
        lat, lon = (rng.uniform(55.4, 65.5), rng.uniform(11.8, 22.0)) if se else (rng.uniform(58.0, 69.5), rng.uniform(5.5, 17.0))
        lines.append(f"coordinates: [{lat:.2f}, {lon:.2f}]")
    if rng.random() < 0.6:
        lines.append(f"joined: {rng.randrange(2015, 2024)}")
    if rng.random() < 0.9:
        lines.append(f"website: https://www.{slug}.example.org")
    # An organisation that is not an example names its sources (a synthetic address here).
    lines.append(f'sources:\n  - {{title: Om {q(name)}, url: "https://www.{slug}.example.org/om"}}')
    lines.append("---")
    body = " ".join(s.format(name=name, county=county) for s in rng.sample(MUNICIPALITY_TEXT, rng.randint(2, 4)))
    return slug, name, "\n".join(lines) + "\n" + body + "\n"


# --- projects --------------------------------------------------------------------------------

def _fill(rng: random.Random, sentence: str, ctx: dict) -> str:
    return sentence.format(procent=rng.randint(8, 65), antal=rng.randint(12, 900), manader=rng.randint(3, 18),
                           ar=rng.randint(2016, 2023), **ctx)


def _sentences(rng: random.Random, bank: list[str], words: int, ctx: dict, pool: list[str]) -> str:
    """Sentences drawn without replacement from `pool` (refilled from `bank`) until `words`."""
    chosen, count = [], 0
    while count < words:
        if not pool:
            pool.extend(bank)
            rng.shuffle(pool)
        sentence = _fill(rng, pool.pop(), ctx)
        chosen.append(sentence)
        count += len(sentence.split())
    return " ".join(chosen)


def _section(rng: random.Random, bank: list[str], *words: int, ctx: dict) -> list[str]:
    pool: list[str] = []
    return [_sentences(rng, bank, w, ctx, pool) for w in words]


def project_body(rng: random.Random, ctx: dict) -> str:
    """~400 words: the four H2 sections, a small table and a bullet list."""
    start_year = rng.randint(2016, 2023)
    steps = sorted(rng.sample(range(len(STEPS)), rng.randint(3, 4)))
    table = ["| Steg | Period |", "|---|---|"]
    for k, s in enumerate(steps):
        table.append(f"| {STEPS[s]} | {start_year + k // 2} |")
    bullets = [f"- {_fill(rng, b, ctx)}" for b in rng.sample(RESULTAT_BULLETS, rng.randint(3, 5))]
    bakgrund = _section(rng, BAKGRUND, rng.randint(45, 65), rng.randint(30, 50), ctx=ctx)
    genomforande = _section(rng, GENOMFORANDE, rng.randint(45, 65), rng.randint(30, 50), ctx=ctx)
    resultat = _section(rng, RESULTAT, rng.randint(30, 50), ctx=ctx)
    lardomar = _section(rng, LARDOMAR, rng.randint(50, 75), ctx=ctx)
    parts = [
        "## Bakgrund", bakgrund[0], "", bakgrund[1], "",
        "## Genomförande", genomforande[0], "", *table, "", genomforande[1], "",
        "## Resultat", *bullets, "", resultat[0], "",
        "## Lärdomar", lardomar[0],
    ]
    return "\n".join(parts) + "\n"


def _date(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randrange((last - first).days + 1))


def programme_count(n: int) -> int:
    return max(1, n // 50)


def programme_file(k: int, municipalities: list[tuple[str, str, str]]) -> tuple[str, str]:
    """(slug, file text) of programme k, hosted by one or two of the municipalities."""
    rng = random.Random(f"{SEED}:g:{k}")
    hosts = [municipalities[k % len(municipalities)]]
    if rng.random() < 0.3 and len(municipalities) > 1:
        hosts.append(municipalities[(k + 1) % len(municipalities)])
    slug = f"program-{k + 1:03d}"
    lines = ["---", f"name: {q('Smarta ' + hosts[0][1].split(' ')[0] + f' {k + 1}')}", f"hosts: {flow(h[0] for h in hosts)}",
             f'country: "{hosts[0][2]}"', f"status: {rng.choice(['ongoing', 'ongoing', 'completed', 'planned'])}",
             f"start: {_date(rng, dt.date(2014, 1, 1), dt.date(2022, 12, 31)).isoformat()}",
             f"goals: {flow(str(g) for g in sorted(rng.sample(range(1, 18), 3)))}",
             # Counted as real content, like the organisations and projects: a synthetic source.
             f'sources:\n  - {{title: Programbeskrivning, url: "https://example.org/program/{slug}"}}', "---"]
    return slug, "\n".join(lines) + "\nEtt påhittat samverkansprogram för mätningen.\n"


def project_file(i: int, municipalities: list[tuple[str, str, str]], weights: list[float], methods: list[str],
                 programmes: int = 0):
    """(slug, title, front matter + body, body) of project i."""
    rng = random.Random(f"{SEED}:p:{i}")
    stem, topic_themes, topic_sdgs, noun = TOPICS[rng.randrange(len(TOPICS))]
    k = rng.choices([1, 2, 3], [70, 22, 8])[0]
    k = min(k, len(municipalities))
    chosen: list[int] = []
    while len(chosen) < k:
        j = rng.choices(range(len(municipalities)), cum_weights=weights)[0]
        if j not in chosen:
            chosen.append(j)
    muns = [municipalities[j] for j in chosen]
    place = muns[0][1].split(" ")[0] if not muns[0][1].startswith("Region") else muns[0][1].split(" ", 1)[1]
    variant = rng.choices(["", " – etapp 2", " – förstudie", " – pilot", " och grannkommuner"], [60, 10, 10, 10, 10])[0]
    title = f"{stem} i {place}{variant}"
    slug = f"{slugify(title)[:60].strip('-')}-{i + 1:05d}"
    partner_pool = rng.sample(PARTNERS, 4)
    ctx = {"plats": place, "amne": noun, "partner": partner_pool[0][0]}
    summary = rng.choice(SUMMARY_1).format(who=muns[0][1], **ctx) + " " + rng.choice(SUMMARY_2).format(**ctx)
    assert len(summary) <= 400, summary

    status = rng.choices([s for s, _ in STATUSES], [w for _, w in STATUSES])[0]
    sdgs = rng.sample(topic_sdgs, rng.randint(1, min(4, len(topic_sdgs))))
    if rng.random() < 0.2:
        extra = rng.choice([17, 9, 11, 13])
        if extra not in sdgs:
            sdgs.append(extra)
    lines = ["---", f"title: {q(title)}", f"summary: {q(summary)}", f"status: {status}",
             f"municipalities: {flow(m[0] for m in muns)}",
             f"sdgs: {flow(str(s) if isinstance(s, int) else json.dumps(s) for s in sdgs)}"]
    if rng.random() < 0.7:
        lines.append(f"phase: {rng.choice(PHASES)}")
    if rng.random() < 0.7:
        pool = list(dict.fromkeys(topic_themes + GENERAL_THEMES))
        lines.append(f"themes: {flow(q(t) for t in rng.sample(pool, rng.randint(1, min(4, len(pool)))))}")
    if methods and rng.random() < 0.4:
        lines.append(f"methods: {flow(rng.sample(methods, rng.randint(1, 3)))}")
    if rng.random() < 0.7:
        lines.append("partners:")
        for name, sector in partner_pool[: rng.randint(1, 4)]:
            lines.append(f"  - name: {q(name)}\n    sector: {sector}" if rng.random() < 0.6 else f"  - {q(name)}")
    if rng.random() < 0.5:
        lines.append(f"funding: {flow(q(f) for f in rng.sample(FUNDERS, rng.randint(1, 2)))}")
    if rng.random() < 0.55:
        start = _date(rng, dt.date(2015, 1, 1), dt.date(2023, 6, 30))
        lines.append(f"start: {start.isoformat()}")
        if rng.random() < 0.85:
            lines.append(f"end: {(start + dt.timedelta(days=rng.randint(180, 1100))).isoformat()}")
    if rng.random() < 0.5:
        # Within 24 months of SOURCE_DATE_EPOCH (2023-11-14), so no case is reported as stale.
        lines.append(f"reviewed: {_date(rng, dt.date(2022, 1, 1), dt.date(2023, 11, 1)).isoformat()}")
    if rng.random() < 0.5:
        currency = rng.choices(["SEK" if muns[0][2] == "SE" else "NOK", "EUR"], [9, 1])[0]
        amount = int(round(100_000 * 200 ** rng.random(), -3))
        lines.append(f"budget: {{amount: {amount}, currency: {currency}}}")
    if rng.random() < 0.5:
        first, last = rng.choice(FIRST), rng.choice(LAST)
        email = f", email: {slugify(first)}.{slugify(last)}@example.org" if rng.random() < 0.85 else ""
        lines.append(f"contact: {{name: {first} {last}{email}}}")
    if rng.random() < 0.5:
        lines.append("links:")
        lines.append(f'  - {{title: Projektsida, url: "https://example.org/projekt/{slug}"}}')
        if rng.random() < 0.4:
            lines.append(f'  - {{title: Slutrapport, url: "https://example.org/rapporter/{slug}.pdf"}}')
    # Sources on example.org: the corpus is synthetic, but counted as real content, as the real
    # site's would be (an example may only name example organisations).
    lines.append(f'sources:\n  - {{title: Projektbeskrivning, url: "https://example.org/kallor/{slug}"}}')
    if rng.random() < 0.3:
        year = rng.randrange(2018, 2024)
        lines.append(f"results: [{{indicator: Minskade utsläpp, value: {rng.randint(1, 400)}, unit: ton CO2e, year: {year}, target: \"13.2\"}}]")
    if programmes:
        lines.append(f"programme: program-{i % programmes + 1:03d}")
    lines.append("---")
    body = project_body(rng, ctx)
    return slug, title, "\n".join(lines) + "\n" + body, body


def corpus(n: int, root: Path = ROOT, organisations: int | None = None):
    """Yield (relative path, text) for the whole content/ folder, and the projects' (slug, title, body)."""
    m = municipality_count(n, organisations)
    names = _names(m)
    muns = []
    files = []
    for j, (place, country) in enumerate(names):
        slug, name, text = municipality_file(j, place, country)
        muns.append((slug, name, country))
        files.append((f"content/municipalities/{slug}.md", text))
    # A few large municipalities have many projects, most have a handful.
    weights, total = [], 0.0
    for j in range(m):
        total += 1.0 / (j + 1) ** 0.7
        weights.append(total)
    methods = method_slugs(root)
    programmes = programme_count(n)
    for k in range(programmes):
        slug, text = programme_file(k, muns)
        files.append((f"content/programmes/{slug}.md", text))
    projects = []
    for i in range(n):
        slug, title, text, body = project_file(i, muns, weights, methods, programmes)
        files.append((f"content/projects/{slug}.md", text))
        projects.append((slug, title, body))
    return files, projects


def _write(dest: Path, rel: str, text: str) -> None:
    path = dest / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))


def snapshot(dest: Path, root: Path = ROOT) -> Path:
    """A copy of what the build reads, taken once, so every size of a run builds the same code."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in SITE_PARTS:
        src = root / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=IGNORE)
        else:
            shutil.copy2(src, dest / part)
    return dest


def site_copy(dest: Path, n: int, root: Path = ROOT, organisations: int | None = None) -> list[tuple[str, str, str]]:
    """The site's build inputs with a generated content/; returns the projects (slug, title, body)."""
    snapshot(dest, root)
    files, projects = corpus(n, root, organisations)
    for rel, text in files:
        _write(dest, rel, text)
    relink_docs(dest, [rel for rel, _ in files])
    return projects


# Folder of a collection in content/ → the folder of its pages on the site (innocities.pages).
PAGE_FOLDERS = {"projects": "projekt", "municipalities": "kommuner", "programmes": "program"}
_CONTENT_LINK = re.compile(r"(\]\((?:\.\./)*)(projekt|kommuner|program)/([a-z0-9-]+)(\.md[#)])")


def relink_docs(dest: Path, written: list[str]) -> None:
    """Point the hand-written pages' links to real content (the start page names the Innocities
    project), which the generated content/ replaces, at the first generated page of the same kind:
    the page keeps its shape and the strict build finds every link."""
    first: dict[str, str] = {}
    have: set[tuple[str, str]] = set()
    for rel in written:
        _, collection, name = rel.split("/")
        folder, slug = PAGE_FOLDERS[collection], name[: -len(".md")]
        first.setdefault(folder, slug)
        have.add((folder, slug))

    def relink(m: re.Match) -> str:
        folder, slug = m.group(2), m.group(3)
        # index.md is the collection's own index page, which every corpus has.
        if (folder, slug) in have or slug == "index" or folder not in first:
            return m.group(0)
        return f"{m.group(1)}{folder}/{first[folder]}{m.group(4)}"

    for page in sorted((dest / "docs").rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        changed = _CONTENT_LINK.sub(relink, text)
        if changed != text:
            page.write_text(changed, encoding="utf-8")


def baseline_config(root: Path = ROOT) -> str:
    """mkdocs.yml for the baseline: the site's theme and Markdown extensions, Material's own search, no hooks.

    "Bare MkDocs + Material" is what a stock site has, and that includes Material's search plugin
    (its default when `plugins` is not set). Until 8c6b290 the baseline took it from our mkdocs.yml;
    when the site moved to Pagefind (`plugins: []`) the baseline lost search without anyone deciding
    it, and the issue's ratios (0.8-0.9 at N = 2000) were measured against a baseline with it.
    """
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    # Keep the file as written (its !ENV tags included) and cut the sections that must go.
    keep, skip = [], False
    for line in text.split("\n"):
        top = re.match(r"^([a-z_]+):", line)
        if top:
            skip = top.group(1) in ("hooks", "watch", "nav", "extra_css", "validation", "plugins")
        if skip:
            continue
        # custom_dir holds the site's own templates, which need the hook's globals.
        if re.match(r"^\s+custom_dir:", line):
            continue
        keep.append(line)
    out = "\n".join(keep).rstrip() + "\n"
    out += ("\nplugins:\n  - search:\n      lang:\n        - sv\n        - \"no\"\n"
            "\nextra_css:\n  - assets/innocities.css\n"
            "\n# The project pages are kept out of the nav, as the generated ones are.\n"
            "nav:\n  - Start: index.md\n"
            "\nvalidation:\n  nav:\n    omitted_files: info\n  links:\n    not_found: warn\n    anchors: warn\n")
    return out


def baseline_copy(dest: Path, projects: list[tuple[str, str, str]], root: Path = ROOT) -> None:
    """Plain MkDocs + Material: docs/index.md and docs/p/<slug>.md with the title as H1."""
    dest.mkdir(parents=True, exist_ok=True)
    _write(dest, "mkdocs.yml", baseline_config(root))
    _write(dest, "docs/index.md", "# Baslinje\n\nSamma projekttexter som vanliga Markdown-sidor, utan krokar.\n")
    shutil.copy2(root / "docs" / "assets" / "innocities.css", _mk(dest / "docs" / "assets") / "innocities.css")
    for slug, title, body in projects:
        _write(dest, f"docs/p/{slug}.md", f"# {title}\n\n{body}")


def _mk(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


def check(dest: Path) -> subprocess.CompletedProcess:
    """`innocities check --strict` on a generated copy (warnings count as failures too).

    PYTHONPATH puts the copy's own hooks/ first, so the copy is checked with the code it is built with.
    """
    script = Path(sys.executable).parent / "innocities"
    cmd = [str(script)] if script.exists() else [sys.executable, "-c", "import sys; from innocities.cli import main; sys.exit(main())"]
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000", "PYTHONPATH": str(Path(dest).resolve() / "hooks")}
    return subprocess.run([*cmd, "check", "--strict"], cwd=dest, capture_output=True, text=True, env=env)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dest", type=Path, help="folder to create (must not exist)")
    ap.add_argument("--projects", "-n", type=int, default=100)
    ap.add_argument("--organisations", type=int, default=None, help="how many municipalities (default max(3, N/10))")
    ap.add_argument("--baseline", type=Path, help="also write the plain-Markdown baseline here")
    ap.add_argument("--no-check", action="store_true", help="skip 'innocities check'")
    args = ap.parse_args(argv)
    if args.dest.exists():
        ap.error(f"{args.dest} exists")
    projects = site_copy(args.dest, args.projects, organisations=args.organisations)
    if args.baseline:
        baseline_copy(args.baseline, projects)
    if not args.no_check:
        result = check(args.dest)
        sys.stdout.write(result.stdout)
        sys.stderr.write(result.stderr)
        return result.returncode
    return 0


if __name__ == "__main__":
    sys.exit(main())
