"""Dutch country names and their English forms (SPEC §5.4), for suggestions only.

When a sheet refers to a country by its Dutch name (Marokko) and the Countries
sheet spells it in English (Morocco), the unknown-name message suggests the
English form. Names are never translated silently.
"""

from __future__ import annotations

import unicodedata

# Dutch name -> English forms (the first is the usual one).
DUTCH_COUNTRIES: dict[str, tuple[str, ...]] = {
    "Afghanistan": ("Afghanistan",), "Albanië": ("Albania",), "Algerije": ("Algeria",),
    "Armenië": ("Armenia",), "Azerbeidzjan": ("Azerbaijan",), "Bangladesh": ("Bangladesh",),
    "Bosnië en Herzegovina": ("Bosnia and Herzegovina",), "Burkina Faso": ("Burkina Faso",),
    "Burundi": ("Burundi",), "Egypte": ("Egypt",), "Eritrea": ("Eritrea",),
    "Ethiopië": ("Ethiopia",), "Gambia": ("Gambia", "The Gambia"), "Georgië": ("Georgia",),
    "Ghana": ("Ghana",), "Griekenland": ("Greece",), "Guinee": ("Guinea",),
    "Irak": ("Iraq",), "Iran": ("Iran",), "Italië": ("Italy",),
    "Ivoorkust": ("Côte d'Ivoire", "Ivory Coast"), "Jemen": ("Yemen",),
    "Jordanië": ("Jordan",), "Kameroen": ("Cameroon",), "Kenia": ("Kenya",),
    "Libanon": ("Lebanon",), "Libië": ("Libya",), "Mali": ("Mali",),
    "Marokko": ("Morocco",), "Mauritanië": ("Mauritania",), "Moldavië": ("Moldova",),
    "Niger": ("Niger",), "Nigeria": ("Nigeria",), "Noord-Macedonië": ("North Macedonia",),
    "Oeganda": ("Uganda",), "Oekraïne": ("Ukraine",), "Pakistan": ("Pakistan",),
    "Rwanda": ("Rwanda",), "Senegal": ("Senegal",), "Servië": ("Serbia",),
    "Soedan": ("Sudan",), "Somalië": ("Somalia",), "Spanje": ("Spain",),
    "Syrië": ("Syria",), "Tanzania": ("Tanzania",), "Tsjaad": ("Chad",),
    "Tunesië": ("Tunisia",), "Turkije": ("Turkiye", "Türkiye", "Turkey"),
    "Wit-Rusland": ("Belarus",), "Zuid-Afrika": ("South Africa",),
    "Zuid-Soedan": ("South Sudan",),
}


def folded(name: str) -> str:
    """Case and accents ignored: 'Türkiye' and 'turkiye' fold alike."""
    decomposed = unicodedata.normalize("NFKD", name.strip().casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


_ENGLISH = {folded(dutch): english for dutch, english in DUTCH_COUNTRIES.items()}


def english_forms(name: str) -> tuple[str, ...]:
    """The English forms of a Dutch country name, or () if it is not one."""
    return _ENGLISH.get(folded(name), ())
