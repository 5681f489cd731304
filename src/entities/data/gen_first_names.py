#!/usr/bin/env python3
"""Regenerates first_names.txt from the first-name lists of the Faker package (MIT licence).

Usage: pip install faker==40.54.0 && python3 gen_first_names.py > first_names.txt
       (or PYTHONPATH=<unpacked faker wheel> python3 gen_first_names.py > first_names.txt)

Keeps single-word, Latin-script names of at least three letters from the locales below,
leaving out words that are also months, weekdays or common French/English words, since a
first name is a cue for a person only when it is not an ordinary word.
"""
import importlib
import sys
import unicodedata

LOCALES = ["en_US", "en_GB", "en_IE", "en_IN", "fr_FR", "fr_CA", "fr_CH", "de_DE", "es_ES", "it_IT",
           "pt_PT", "pt_BR", "nl_NL", "da_DK", "no_NO", "sv_SE", "fi_FI", "pl_PL", "cs_CZ", "hr_HR",
           "ro_RO", "hu_HU", "tr_TR"]
ATTRS = ["first_names", "first_names_male", "first_names_female", "first_names_nonbinary"]
# Words that Faker lists as names but that news text uses as ordinary words or places.
COMMON = {
    "Will", "May", "June", "July", "August", "April", "January", "Mars", "Avril", "Juin", "Juillet",
    "Grace", "Hope", "Faith", "Joy", "Summer", "Winter", "Autumn", "Dawn", "Rose", "Iris", "Lily",
    "Ruby", "Pearl", "Crystal", "Amber", "Jade", "Olive", "Violet", "Holly", "Ivy", "Star", "Sky",
    "Bill", "Bob", "Mark", "Art", "Guy", "Jack", "Sunny", "Rich", "Chance", "Major", "King", "Earl",
    "Prince", "Page", "Paris", "France", "Florence", "Victoria", "Georgia", "Virginia", "Carolina",
    "Chelsea", "Israel", "Jordan", "Kenya", "India", "China", "Madison", "Austin", "Dallas",
    "Houston", "Lincoln", "Washington", "Tyrone", "Chad", "Sydney", "Adelaide", "Alexandria",
    "Marine", "Lune", "Soleil", "Victoire", "Espérance", "Constance", "Prudence", "Océane", "Ange",
    "Blanche", "Colombe", "Aube", "Reine", "Noël", "Gabon", "Brest",
    "Laval", "Nancy", "Lens", "Sedan", "Tours", "Vienne", "Ilan", "Den", "Deniz", "Ali", "Can",
    "Son", "Don", "Del", "Per", "Tom", "Bay", "Gül", "Nur", "Ayla", "Ela", "Duru", "Elif", "Ada",
    "Alliance", "Union", "Europe", "Amerika", "Kent", "Ford", "General", "Santa", "San",
    "Les", "Des", "Une", "Elle", "Ciel", "Mer", "Roman", "Normand",
}


def latin(name):
    return all(unicodedata.name(c, "").startswith("LATIN") or c in "-'" for c in name)


def main():
    names = set()
    for loc in LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{loc}").Provider
        for attr in ATTRS:
            values = getattr(provider, attr, None) or ()
            names.update(values.keys() if isinstance(values, dict) else values)
    keep = sorted(n for n in names
                  if " " not in n and len(n) >= 3 and n[0].isupper() and not n.isupper()
                  and latin(n) and n not in COMMON)
    print("# First names, one a line, from the Faker package 40.54.0 (MIT licence),")
    print("# person providers of the locales listed in gen_first_names.py; filtered by it.")
    for n in keep:
        print(n)


if __name__ == "__main__":
    sys.exit(main())
