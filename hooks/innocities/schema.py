"""The content contract, declared once.

The validator, the JSON Schemas (`innocities schema`) and the contributor field reference are
all produced from these definitions. Docs (`doc`) are Swedish: contributors read them.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from . import agenda
from .messages import msg
from .model import Budget, Contact, Link, Partner, Result, Source, Theme
from .slugs import slugify
from .fields import (
    INVALID, Boolean, Date, Either, Email, Enum, Field, Integer, ListOf, Number, Object, Ref, Text, Type, Url, show,
)

STATUSES = ("idea", "planned", "ongoing", "completed", "discontinued")
SECTORS = ("academia", "business", "public", "civil-society")
CURRENCIES = ("SEK", "NOK", "EUR", "DKK")
ORG_TYPES = ("municipality", "region", "port", "energy-company", "other")
COUNTRIES = ("SE", "NO", "DK", "FI", "IS")
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif")


class SdgRef(Type):
    def check(self, value, path, c):
        canonical, suggestion = agenda.load().parse(value)
        if canonical:
            return canonical
        if suggestion:
            return c.error(path, msg("sdg_number_only", value=show(value), suggestion=suggestion))
        text = getattr(value, "text", value)
        goal = str(text).split(".")[0].strip() if isinstance(text, (str, float)) else ""
        if goal.isdigit() and 1 <= int(goal) <= 17 and "." in str(text):
            ids = [t.id for t in agenda.load().goal(int(goal)).targets]
            return c.error(path, msg("sdg_not_target", value=show(text), goal=goal, targets=', '.join(ids)))
        return c.error(path, msg("sdg_not_goal", value=show(text), allowed=self.allowed()))

    def json_schema(self):
        ids = sorted(agenda.load().targets, key=lambda t: agenda.load().targets[t].sort_key)
        return {"anyOf": [{"type": "integer", "minimum": 1, "maximum": 17},
                          {"type": "string", "enum": [str(n) for n in range(1, 18)] + ids}]}

    def allowed(self):
        return msg("allowed_sdg")



class ThemeTag(Text):
    """Free tags, normalised: case and spacing do not make two themes."""

    def check(self, value, path, c):
        text = super().check(value, path, c)
        if text is INVALID:
            return text
        label = text.lower()
        slug = slugify(label)
        if not slug:
            return c.error(path, msg("theme_no_letters", value=show(value)))
        if slug == "index":  # a theme's page is teman/<slug>/ (pages.theme_uri); teman/index is the list of themes
            return c.error(path, msg("theme_reserved", value=show(value), slug=slug))
        return Theme(slug, label)


class Coordinates(Type):
    def check(self, value, path, c):
        ok = (isinstance(value, list) and len(value) == 2
              and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value))
        if not ok:
            return c.error(path, msg("object_wrong_kind", allowed=self.allowed(), value=show(value)))
        lat, lon = value
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            return c.error(path, msg("number_out_of_range", value=show(value), allowed=self.allowed()))
        return (float(lat), float(lon))

    def json_schema(self):
        return {"type": "array", "minItems": 2, "maxItems": 2,
                "prefixItems": [{"type": "number", "minimum": -90, "maximum": 90},
                                {"type": "number", "minimum": -180, "maximum": 180}],
                "items": {"type": "number"}}

    def allowed(self):
        return msg("allowed_coordinates")



class Code(Type):
    def check(self, value, path, c):
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            return str(value)
        if isinstance(value, str) and value.strip().isdigit() and value.strip().isascii():
            return value.strip()
        return c.error(path, msg("value_not_allowed", value=show(value), allowed=self.allowed()))

    def json_schema(self):
        return {"type": "string", "pattern": "^[0-9]+$"}

    def allowed(self):
        return msg("allowed_code")



def _inside(path: Path, folder: Path) -> bool:
    """Whether `path`, with every link on the way followed, lies in `folder` (the files the site
    publishes must: a link in a parent folder would otherwise lead anywhere)."""
    return os.path.realpath(path).startswith(os.path.realpath(folder) + os.sep)


class Image(Type):
    """A picture beside the content, given relative to the project file's folder."""

    def check(self, value, path, c):
        if not isinstance(value, str) or not value.strip():
            return c.error(path, msg("image_wrong_kind", allowed=self.allowed()))
        rel = PurePosixPath(c.source.rel).parent / value.strip()
        parts = []
        for part in rel.parts:
            if part == "..":
                if not parts:
                    return c.error(path, msg("image_outside_repository", value=show(value)))
                parts.pop()
            elif part != ".":
                parts.append(part)
        target = PurePosixPath(*parts)
        if target.suffix.lower() not in IMAGE_SUFFIXES or not target.as_posix().startswith("content/"):
            return c.error(path, msg("value_not_allowed", value=show(value), allowed=self.allowed()))
        links = c.known.get("links", ())
        linked = next((p.as_posix() for p in (target, *target.parents) if p.as_posix() in links), None)
        if linked:
            return c.error(path, msg("image_symlink", value=show(linked)))
        if c.known.get("files") is not None and target.as_posix() not in c.known["files"]:
            return c.error(path, msg("image_missing", value=show(target.as_posix()), allowed=self.allowed()))
        if c.root is not None and not _inside(c.root / target, c.root / "content"):
            return c.error(path, msg("image_outside_content", value=show(value), allowed=self.allowed()))
        return target.as_posix()

    def json_schema(self):
        return {"type": "string", "pattern": r"(?i)\.(jpg|jpeg|png|webp|gif)$"}

    def allowed(self):
        return msg("allowed_image", suffixes=", ".join(IMAGE_SUFFIXES))



PARTNER = Either(
    Text(max_len=200),
    Object([
        Field("name", Text(max_len=200), required=True, doc="Organisationens namn."),
        Field("sector", Enum(SECTORS), doc="Sektor i fyrfaldig helix: akademi, näringsliv, offentlig sektor, civilsamhälle."),
    ], build=Partner, name="{name, sector}"),
    build_text=Partner,  # a plain name is a partner whose sector is not given
)

# Who stands behind the facts: required on every project and organisation that is not an
# example, so a reader (and a publisher) can check each fact against a public source.
SOURCES = Field("sources", ListOf(Object([
    Field("title", Text(max_len=300), required=True, doc="Källans titel, som den står hos utgivaren."),
    Field("url", Url(), required=True, doc="Adress till källan (http:// eller https://)."),
    Field("publisher", Text(max_len=200), doc="Vem som ger ut källan."),
    Field("accessed", Date(), doc="Datum då källan lästes (ÅÅÅÅ-MM-DD)."),
], build=Source, name="a source"), min_items=1, key=lambda s: s.url),
    required_unless="example",
    doc="Offentliga källor där varje uppgift i filen går att hitta; krävs utom i exempel. "
        "Säger källorna olika, ange båda och skriv ut skillnaden i texten.",
    example=[{"title": "Projektets sida hos finansiären", "url": "https://example.org/projekt",
              "publisher": "Exempelfonden", "accessed": "2026-12-01"}])

# Units a result is usually given in; any other unit may be written out (at most UNIT_MAX_LEN
# characters). Results are only ever summed where indicator and unit are the same text.
COMMON_UNITS = ("st", "%", "kWh", "MWh", "GWh", "ton CO2e", "kg", "km", "m2", "personer", "timmar",
                "SEK", "NOK", "EUR", "DKK")
UNIT_MAX_LEN = 30

RESULTS = Field("results", ListOf(Object([
    Field("indicator", Text(max_len=120), required=True, doc="Vad som mäts, t.ex. \"Minskad elanvändning\"."),
    Field("value", Number(), required=True, doc="Uppmätt värde: ett ändligt tal."),
    Field("unit", Text(max_len=UNIT_MAX_LEN), required=True,
          doc="Enhet, helst en av: " + ", ".join(COMMON_UNITS) + f"; annars fritext, högst {UNIT_MAX_LEN} tecken. "
              "Värden summeras bara där indikator och enhet är exakt lika."),
    Field("year", Integer(minimum=1900, maximum=2100), doc="År då värdet mättes."),
    Field("target", SdgRef(), doc="Delmålet (eller målet) resultatet svarar mot, t.ex. \"7.3\"."),
    Field("baseline", Number(), doc="Utgångsvärde i samma enhet, före projektet."),
    Field("source", Url(), doc="Adress där värdet redovisas."),
], build=Result, name="{indicator, value, unit}")),
    doc="Mätta resultat. Visas som tabell på projektsidan och summeras per program.",
    example=[{"indicator": "Minskad elanvändning", "value": 120, "unit": "MWh", "year": 2025, "target": "7.3"}])

PROGRAMME_REF = Ref("programmes", "ref_programme")

PROJECT = Object([
    Field("title", Text(max_len=200), required=True, doc="Projektets namn.", example="Smart gatubelysning i centrum"),
    Field("summary", Text(max_len=400), required=True, doc="Sammanfattning i klartext, högst 400 tecken.",
          example="Kommunen testar belysning som dimmas när ingen är ute."),
    Field("status", Enum(STATUSES), required=True, doc="Var projektet står: idé, planerat, pågående, avslutat eller avbrutet.",
          example="ongoing"),
    Field("municipalities", ListOf(Ref("municipalities", "ref_municipality"), min_items=1), required=True,
          doc="Kommuner och organisationer (filnamn i content/municipalities/ utan .md). "
              "Ett exempel får bara nämna organisationer som själva är exempel.", example=["exempelstad"]),
    Field("sdgs", ListOf(SdgRef(), min_items=1), required=True,
          doc="Globala mål (1–17) eller delmål enligt FN (t.ex. \"11.2\", \"7.a\").", example=[7, "11.6"]),
    Field("phase", Ref("phases", "ref_phase"), doc="Fas i innovationsprocessen.", example="pilot"),
    Field("themes", ListOf(ThemeTag(max_len=60)), doc="Fria ämnesord; stora och små bokstäver spelar ingen roll.",
          example=["energi", "belysning"]),
    Field("methods", ListOf(Ref("methods", "ref_method")), doc="Metodguider som projektet använt.",
          example=["pilotplan"]),
    Field("partners", ListOf(PARTNER, key=lambda p: p.name),
          doc="Partner: ett namn, eller {name, sector}.", example=[{"name": "Exempelhögskolan", "sector": "academia"}]),
    Field("funding", ListOf(Text(max_len=200)), doc="Finansiärer.", example=["Exempelfonden"]),
    Field("start", Date(), doc="Startdatum (ÅÅÅÅ-MM-DD).", example="2024-03-01"),
    Field("end", Date(), doc="Slutdatum (ÅÅÅÅ-MM-DD), inte före start.", example="2025-06-30"),
    Field("reviewed", Date(past=True), doc="Datum då innehållet senast bekräftades.", example="2026-10-01"),
    Field("budget", Object([
        Field("amount", Number(minimum=0), required=True, doc="Belopp."),
        Field("currency", Enum(CURRENCIES), required=True, doc="Valuta."),
    ], build=Budget, name="{amount, currency}"), doc="Total budget.", example={"amount": 850000, "currency": "SEK"}),
    Field("contact", Object([
        Field("name", Text(max_len=200), required=True, doc="Namn."),
        Field("email", Email(), doc="E-postadress."),
    ], build=Contact, name="{name, email}"), doc="Kontaktperson.", example={"name": "Anna Andersson", "email": "anna@kommun.se"}),
    Field("links", ListOf(Object([
        Field("title", Text(max_len=200), required=True, doc="Länktext."),
        Field("url", Url(), required=True, doc="Adress (http:// eller https://)."),
    ], build=Link, name="{title, url}"), key=lambda link: link.url), doc="Länkar till mer information.",
          example=[{"title": "Projektsida", "url": "https://example.org/"}]),
    Field("image", Image(), doc="Bild i content/, sökväg relativt projektfilen.", example="bilder/gatubelysning.jpg"),
    SOURCES,
    Field("example", Boolean(), doc="true för påhittade exempelprojekt; varje yta visar då att det är ett exempel. "
                                    "Ett exempel får inte nämna en verklig organisation, varken i municipalities, "
                                    "partners eller funding.", example=True),
    Field("programme", PROGRAMME_REF, doc="Samverkansprogrammet projektet hör till (filnamn i content/programmes/ "
                                          "utan .md). Ett exempel får bara nämna ett exempelprogram.",
          example="exempelprogrammet"),
    RESULTS,
], name="project front matter")

MUNICIPALITY = Object([
    Field("name", Text(max_len=200), required=True, doc="Namn.", example="Exempelstads kommun (exempel)"),
    Field("type", Enum(ORG_TYPES), required=True, doc="Kommun, region, hamn, energibolag eller annan organisation.",
          example="municipality"),
    Field("country", Enum(COUNTRIES), required=True, doc="Land (skriv inom citattecken: \"NO\").", example="SE"),
    Field("code", Code(), doc="Officiellt nummer (kommunkod) inom citattecken, inledande nollor behålls.", example="0999"),
    Field("county", Text(max_len=100), doc="Län eller fylke.", example="Södermanlands län"),
    Field("population", Integer(minimum=0), doc="Antal invånare.", example=100000),
    Field("coordinates", Coordinates(), doc="[latitud, longitud].", example=[59.37, 16.51]),
    Field("joined", Integer(minimum=1900, maximum=2100), doc="År då organisationen gick med i programmet.", example=2022),
    Field("website", Url(), doc="Webbplats.", example="https://exempelstad.example"),
    SOURCES,
    Field("example", Boolean(), doc="true för påhittade exempelorganisationer, som bara exempelprojekt får nämna.",
          example=True),
    Field("programme", PROGRAMME_REF, doc="Samverkansprogrammet organisationen deltar i (filnamn i content/programmes/ utan .md).",
          example="exempelprogrammet"),
], name="municipality front matter")

MUNICIPALITY_REF = Ref("municipalities", "ref_municipality")

PROGRAMME = Object([
    Field("name", Text(max_len=200), required=True, doc="Programmets namn.", example="Smarta Exempelstad (exempel)"),
    Field("hosts", ListOf(MUNICIPALITY_REF, min_items=1), required=True,
          doc="Värdorganisationer: kommuner, hamnar, energibolag (filnamn i content/municipalities/ utan .md).",
          example=["exempelstad"]),
    Field("country", Enum(COUNTRIES), required=True, doc="Land (skriv inom citattecken: \"NO\").", example="SE"),
    Field("status", Enum(STATUSES), required=True, doc="Var programmet står: idé, planerat, pågående, avslutat eller avbrutet.",
          example="ongoing"),
    Field("start", Date(), doc="Startdatum (ÅÅÅÅ-MM-DD).", example="2022-01-01"),
    Field("end", Date(), doc="Slutdatum (ÅÅÅÅ-MM-DD); utelämnas medan programmet pågår.", example="2025-12-31"),
    Field("coordinator", MUNICIPALITY_REF, doc="Organisationen som samordnar programmet (filnamn i content/municipalities/).",
          example="region-exempelland"),
    Field("goals", ListOf(SdgRef(), min_items=1), doc="Globala mål (1–17) eller delmål som programmet fokuserar på.",
          example=[7, 11]),
    Field("contact", Object([
        Field("name", Text(max_len=200), required=True, doc="Namn."),
        Field("email", Email(), doc="E-postadress."),
    ], build=Contact, name="{name, email}"), doc="Kontaktperson.", example={"name": "Anna Andersson", "email": "anna@kommun.se"}),
    Field("website", Url(), doc="Programmets webbplats.", example="https://program.example"),
    SOURCES,
    Field("example", Boolean(), doc="true för påhittade exempelprogram; de får bara nämna exempelorganisationer.",
          example=True),
], name="programme front matter")

METHOD = Object([
    Field("title", Text(max_len=200), required=True, doc="Metodens namn.", example="Behovsanalys"),
    Field("phase", Ref("phases", "ref_phase"), required=True, doc="Fas i innovationsprocessen.",
          example="behov"),
    Field("order", Integer(minimum=1), required=True, doc="Ordning i processen.", example=1),
    Field("time", Text(max_len=60), doc="Ungefärlig tidsåtgång.", example="2–4 veckor"),
    Field("roles", ListOf(Text(max_len=100)), doc="Vilka som deltar.", example=["Projektledare"]),
    Field("outputs", ListOf(Text(max_len=200)), doc="Vad som kommer ut.", example=["Behovsbeskrivning"]),
], name="method guide front matter")


@dataclass(frozen=True)
class Collection:
    name: str  # "projects"
    folder: str  # relative to the project root
    schema: Object


COLLECTIONS = {
    "municipalities": Collection("municipalities", "content/municipalities", MUNICIPALITY),
    "programmes": Collection("programmes", "content/programmes", PROGRAMME),
    "projects": Collection("projects", "content/projects", PROJECT),
    "methods": Collection("methods", "docs/methods", METHOD),
}


def json_schemas() -> dict[str, str]:
    result = {}
    for coll, title in (("projects", "project"), ("municipalities", "municipality"), ("programmes", "programme")):
        body = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"{title}.schema.json",
            "title": f"Innocities {title} front matter",
            **COLLECTIONS[coll].schema.json_schema(),
        }
        result[f"{title}.schema.json"] = json.dumps(body, ensure_ascii=False, indent=2) + "\n"
    return result
