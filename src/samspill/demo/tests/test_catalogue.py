"""The demo's own reference lists, checked against the official files in ../shared/data (skipped when absent), and
the small pure helpers of the generator and the command."""

import json

import pytest
from django.core.management.base import CommandError

from samspill.core.countries import is_country_code
from samspill.core.languages import is_language_code
from samspill.demo.catalogue import BY_CODE, OCCUPATIONS, occupation_choices
from samspill.demo.generator import (
    EMPLOYERS,
    MUNICIPALITIES,
    NEIGHBOURS,
    ORGANISATIONS,
    _caseloads,
    ascii_slug,
)
from samspill.demo.management.commands.demo import split_address
from samspill.demo.origins import ORIGINS, lithuanian_married_name, transliterate_ukrainian


def test_the_catalogue_has_about_40_distinct_occupations():
    assert 35 <= len(OCCUPATIONS) <= 60
    assert len(BY_CODE) == len(OCCUPATIONS)
    assert len({o.title_nb for o in OCCUPATIONS}) == len(OCCUPATIONS)
    assert {o.skill_level for o in OCCUPATIONS} == {1, 2, 3, 4}
    assert occupation_choices("en")[0][1] <= occupation_choices("en")[-1][1]
    for code in ("9112", "5120", "9412", "8331", "4321", "5321", "2223", "7411", "7115", "7212", "5223", "2512"):
        assert code in BY_CODE


def test_catalogue_codes_are_real_styrk_08_codes(shared_data):
    items = json.loads((shared_data / "classifications" / "styrk-08.json").read_text(encoding="utf-8"))["items"]
    four_digit = {item["code"] for item in items if str(item["level"]) == "4"}
    assert set(BY_CODE) <= four_digit


def test_municipality_numbers_are_those_of_2024(shared_data):
    geo = json.loads((shared_data / "geo" / "no-kommuner-2024.geojson").read_text(encoding="utf-8"))
    official = {str(f["properties"]["kommunenummer"]): f["properties"]["kommunenavn"] for f in geo["features"]}
    for number, name in MUNICIPALITIES.items():
        assert official.get(number) == name
    used = {row[3] for row in ORGANISATIONS} | {row[2] for row in EMPLOYERS}
    used |= {n for numbers in NEIGHBOURS.values() for n in numbers}
    assert used <= set(MUNICIPALITIES)


def test_origins_use_known_codes():
    for origin in ORIGINS:
        assert is_country_code(origin.country)
        assert all(is_country_code(country) for country, _share in origin.birth_countries)
        assert all(is_language_code(language) for language, _weight in origin.mother_tongues)
        for spec, _p, low, high in origin.other_languages:
            assert is_language_code(spec.split(":")[-1]) and 0 <= low <= high <= 5
        assert set(origin.occupation_bias) <= set(BY_CODE)
        assert len(origin.education) == 8


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        ("Олександр", "Oleksandr"),
        ("Юлія", "Yuliia"),
        ("Згурський", "Zghurskyi"),
        ("Їжакевич", "Yizhakevych"),
        ("Щербухи", "Shcherbukhy"),
        ("Знам'янка", "Znamianka"),
        ("Григорій", "Hryhorii"),
    ],
)
def test_ukrainian_names_follow_the_national_transliteration(cyrillic, latin):
    assert transliterate_ukrainian(cyrillic) == latin


def test_lithuanian_married_names():
    assert lithuanian_married_name("Kazlauskas") == "Kazlauskienė"
    assert lithuanian_married_name("Petraitis") == "Petraitienė"
    assert lithuanian_married_name("Stankevičius") == "Stankevičienė"


def test_helpers():
    assert ascii_slug("Bjørn Ærø-Åsen", "-") == "bjorn-aero-asen"
    assert ascii_slug("Dieudonné") == "dieudonne"
    for total in range(0, 200):
        loads = _caseloads(total)
        assert sum(loads) == total and max(loads) <= 22


def test_split_address():
    assert split_address("127.0.0.1:8000") == ("127.0.0.1", "8000")
    assert split_address("8080") == ("127.0.0.1", "8080")
    assert split_address("0.0.0.0:9000") == ("0.0.0.0", "9000")
    assert split_address("[::1]:8000") == ("[::1]", "8000")
    for wrong in ("localhost", ":80", "host:99999", "host:port"):
        with pytest.raises(CommandError):
            split_address(wrong)
