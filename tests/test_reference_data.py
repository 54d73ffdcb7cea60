"""The country list in samspill.core.countries matches the official list in the shared reference data."""

import csv

from samspill.core.countries import ISO_3166_ALPHA2, country_name


def _official_codes(shared_data) -> set[str]:
    path = shared_data / "geo" / "countries-no.csv"
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return {row["alpha2"].strip().upper() for row in csv.DictReader(handle) if row["alpha2"].strip()}


def test_country_codes_equal_the_official_list(shared_data):
    official = _official_codes(shared_data)
    assert len(official) > 200
    missing = sorted(official - ISO_3166_ALPHA2)
    extra = sorted(ISO_3166_ALPHA2 - official)
    assert not missing and not extra, f"missing from ISO_3166_ALPHA2: {missing}; not in countries-no.csv: {extra}"


def test_every_country_has_a_bokmal_name(shared_data):
    # country_name falls back to the code itself when CLDR has no name, so the code does not count as a name.
    nameless = sorted(
        code for code in _official_codes(shared_data) if country_name(code, "nb").strip() in ("", code, code.lower())
    )
    assert not nameless, f"no Bokmål name for {nameless}"
