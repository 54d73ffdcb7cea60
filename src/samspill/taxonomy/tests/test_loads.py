"""The loaders on the real files in ../shared/data: the counts match the files, running a load again changes nothing,
and a corrupt file is rejected whole, with a message that names the file and the line, leaving every table as it
was. The files are loaded once for the package (conftest.py) and rolled back at the end."""

import csv
import io
import json
import zipfile
from collections import Counter

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from samspill.accounts.models import User
from samspill.audit.models import ChangeLog
from samspill.core.errors import ApplicationError, PermissionDenied
from samspill.taxonomy import models, services
from samspill.taxonomy.loaders import FileRejected, polygon_centroid, split_titles, weighted_tertiles
from samspill.taxonomy.tests.conftest import table_digest, table_state

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("loaded")]

TSV = "jem/jrc-eurofound-tasks-isco2d-nace2d-eu15.tsv"
NAV = "classifications/nav-arbeidssokere-yrke-2002-2017.csv"


# ---------------------------------------------------------------------------------------------------------------
# Counts


def test_esco_counts_match_the_files(loaded):
    counts = loaded.results["esco"].tables
    assert {table: c.created for table, c in counts.items()} == {
        "isco_groups": 619,
        "occupations": 3007,
        "skills": 13896,
        "relations": 123855,
    }
    assert models.EscoOccupation.objects.filter(language="en").count() == 3007
    assert models.EscoSkill.objects.count() == 13896
    assert models.IscoGroup.objects.count() == 619
    assert models.OccupationSkillRelation.objects.count() == 123855
    assert Counter(models.OccupationSkillRelation.objects.values_list("relation_type", flat=True)) == {
        "essential": 64946,
        "optional": 58909,
    }
    # ESCO 1.1.1 lists relations of one occupation its classification lacks: kept, and said so.
    assert any("67 relations" in warning for warning in loaded.results["esco"].warnings)
    baker = models.EscoOccupation.objects.get(preferred_label="baker")
    assert (baker.isco_code, baker.code) == ("7512", "7512.1")
    assert baker.alt_labels and all(label == label.strip() and label for label in baker.alt_labels)
    assert models.IscoGroup.objects.get(code="5120").parent_code == "512"


def test_klass_gazetteer_and_municipality_counts_match_the_files(loaded, shared_data):
    assert models.StyrkItem.objects.count() == 582
    assert Counter(models.StyrkItem.objects.values_list("level", flat=True)) == {1: 10, 2: 43, 3: 122, 4: 407}
    assert models.StyrkItem.objects.get(code="5120").parent_code == "512"
    assert models.Sn2007Item.objects.count() == 1808
    assert models.Sn2007Item.objects.get(code="56.101").parent_code == "56.10"
    assert models.Sn2007Item.objects.get(code="56").parent_code == "I"

    # The gazetteer: every code NAV gives titles for in its STYRK-08 years, less "unknown" (0000) and "*".
    with open(shared_data / NAV, encoding="utf-8-sig", newline="") as stream:
        rows = [row for row in csv.DictReader(stream, delimiter=";") if row["isco_versjon"] == "ISCO-08"]
    codes = {row["yrkeskode"] for row in rows if row["yrkesbetegnelse"] != "*" and row["yrkeskode"] != "0000"}
    assert set(models.GazetteerTitle.objects.values_list("styrk_code", flat=True)) == codes
    assert models.GazetteerTitle.objects.count() == loaded.results["gazetteer"].tables["titles"].created == 4733
    assert models.GazetteerTitle.objects.filter(styrk_code="5120", title="Kokk").exists()

    assert models.Municipality.objects.count() == 357
    oslo = models.Municipality.objects.get(number="0301")
    assert oslo.name == "Oslo" and 59.8 < oslo.latitude < 60.1 and 10.5 < oslo.longitude < 10.95


def test_jem_count_is_rows_times_indicators(loaded, shared_data):
    with open(shared_data / TSV, encoding="utf-8", newline="") as stream:
        header, *rows = list(csv.reader(stream, delimiter="\t"))
    indicators = [name for name in header if name not in ("nace", "isco", "pop")]
    assert len(indicators) == 40 and len(rows) == 3118
    assert models.ExposureValue.objects.count() == len(rows) * len(indicators) == 124720
    matrix = models.ExposureMatrix.objects.get()
    assert matrix.source == "Source: European Tasks database, JRC-Eurofound 2021"
    assert matrix.keys == "isco2_nace2"
    assert [item["name"] for item in matrix.indicators] == indicators
    low, high = next(item["tertiles"] for item in matrix.indicators if item["name"] == "physical")
    assert 0 < low < high < 1


def test_a_load_is_recorded_once_with_a_change_log_row(loaded):
    load = loaded.results["styrk"].load
    assert load is not None and load.kind == "styrk" and len(load.sha256) == 64
    assert load.counts["items"]["created"] == 582
    row = ChangeLog.objects.get(entity="taxonomy.TaxonomyLoad", object_id=str(load.pk))
    assert row.action == "create" and row.actor is None


def test_load_times_are_reasonable(loaded):
    assert loaded.seconds["esco"] < 60
    assert sum(loaded.seconds.values()) < 120


# ---------------------------------------------------------------------------------------------------------------
# Running again


def test_running_every_load_again_changes_nothing(loaded):
    before_state, before_digest = table_state(), table_digest()
    for kind, load in loaded.files().items():
        result = load()
        assert not result.changed, kind
        assert result.load is None
        for table, counts in result.tables.items():
            assert (counts.created, counts.updated, counts.deleted) == (0, 0, 0), (kind, table)
            assert counts.unchanged == loaded.results[kind].tables[table].total
    assert table_state() == before_state
    assert table_digest() == before_digest


def test_a_changed_file_changes_only_what_differs(loaded, tmp_path, shared_data):
    document = json.loads((shared_data / "classifications" / "styrk-08.json").read_text(encoding="utf-8"))
    document["items"] = [item for item in document["items"] if item["code"] != "9629"]
    next(item for item in document["items"] if item["code"] == "5120")["name"] = "Kokker (endret)"
    path = tmp_path / "styrk-08-changed.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    counts = services.taxonomy_load_styrk(actor=None, path=path).tables["items"]
    assert (counts.created, counts.updated, counts.deleted, counts.unchanged) == (0, 1, 1, 580)
    assert models.StyrkItem.objects.get(code="5120").name == "Kokker (endret)"


def test_only_administrators_load(loaded):
    someone = User.objects.create_user(username="not-an-admin", password="x" * 12)
    with pytest.raises(PermissionDenied):
        services.taxonomy_load_styrk(actor=someone, path=loaded.data / "classifications" / "styrk-08.json")


# ---------------------------------------------------------------------------------------------------------------
# Corrupt files: rejected whole, nothing changes


def rejected(load, *expected_in_message) -> str:
    before = table_state()
    with pytest.raises(FileRejected) as caught:
        load()
    message = str(caught.value.message)
    for expected in expected_in_message:
        assert expected in message, message
    assert "nothing was changed" in message
    assert table_state() == before
    return message


def _rezip(source, target, replace: dict, *, only=None):
    """A copy of an ESCO archive with some members' text replaced (stored, not compressed: faster to write)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_STORED) as new:
        for name in old.namelist():
            if only is not None and name not in only and name not in replace:
                continue
            new.writestr(name, replace[name] if name in replace else old.read(name))
    return target


def test_a_truncated_zip_is_rejected(loaded, tmp_path):
    source = loaded.esco["classification_zip"].read_bytes()
    truncated = tmp_path / "esco-truncated.zip"
    truncated.write_bytes(source[: len(source) // 2])
    message = rejected(
        lambda: services.taxonomy_load_esco(
            actor=None, classification_zip=truncated, relations_zip=loaded.esco["relations_zip"], language="en"
        ),
        "esco-truncated.zip",
        "ZIP",
    )
    assert "not a readable ZIP archive" in message


def test_esco_in_a_language_the_download_lacks_is_rejected(loaded):
    rejected(
        lambda: services.taxonomy_load_esco(actor=None, **{**loaded.esco, "language": "nb"}),
        "occupations_nb.csv",
        "languages in it: en",
    )
    with pytest.raises(ApplicationError):
        services.taxonomy_load_esco(actor=None, **{**loaded.esco, "language": "english"})


def test_a_missing_column_is_rejected(loaded, tmp_path):
    with zipfile.ZipFile(loaded.esco["relations_zip"]) as archive:
        text = archive.read("occupationSkillRelations.csv").decode("utf-8")
    header, rest = text.split("\n", 1)
    broken = _rezip(
        loaded.esco["relations_zip"],
        tmp_path / "relations.zip",
        {"occupationSkillRelations.csv": header.replace("relationType", "relation") + "\n" + rest},
    )
    rejected(
        lambda: services.taxonomy_load_esco(actor=None, **{**loaded.esco, "relations_zip": broken}),
        "relations.zip",
        "occupationSkillRelations.csv",
        "missing column(s) relationType",
    )


def test_a_bad_relation_after_123_000_good_ones_is_rejected_and_nothing_changes(loaded, tmp_path):
    with zipfile.ZipFile(loaded.esco["relations_zip"]) as archive:
        lines = archive.read("occupationSkillRelations.csv").decode("utf-8").splitlines()
    # The good rows differ from what is loaded (essential ↔ optional), so a load that wrote as it went would show.
    flipped = [
        line.replace(",essential,", ",optional,")
        if ",essential," in line
        else line.replace(",optional,", ",essential,")
        for line in lines[:-1]
    ]
    flipped.append(lines[-1].replace(",essential,", ",mandatory,").replace(",optional,", ",mandatory,"))
    broken = _rezip(
        loaded.esco["relations_zip"], tmp_path / "relations.zip", {"occupationSkillRelations.csv": "\n".join(flipped)}
    )
    digest = table_digest(models.OccupationSkillRelation)
    message = rejected(
        lambda: services.taxonomy_load_esco(actor=None, **{**loaded.esco, "relations_zip": broken}),
        "relations.zip",
        f"occupationSkillRelations.csv, line {len(lines)}: relationType 'mandatory'",
        "1 problem",
    )
    assert message.count("line ") == 1
    assert table_digest(models.OccupationSkillRelation) == digest


def test_an_occupation_with_a_bad_isco_code_is_rejected(loaded, tmp_path):
    source = loaded.esco["classification_zip"]
    with zipfile.ZipFile(source) as archive:
        text = archive.read("occupations_en.csv").decode("utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    rows[-1][2] = "51X0"  # iscoGroup
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    broken = _rezip(
        source,
        tmp_path / "classification.zip",
        {"occupations_en.csv": out.getvalue()},
        only={"skills_en.csv", "ISCOGroups_en.csv"},
    )
    rejected(
        lambda: services.taxonomy_load_esco(actor=None, **{**loaded.esco, "classification_zip": broken}),
        "classification.zip",
        "occupations_en.csv, line",
        "iscoGroup '51X0'",
    )


def test_klass_files_that_are_not_json_or_have_the_wrong_shape_are_rejected(loaded, tmp_path, shared_data):
    text = (shared_data / "classifications" / "styrk-08.json").read_text(encoding="utf-8")
    truncated = tmp_path / "styrk-truncated.json"
    truncated.write_text(text[: len(text) // 2], encoding="utf-8")
    rejected(lambda: services.taxonomy_load_styrk(actor=None, path=truncated), "styrk-truncated.json", "not valid JSON")
    shape = tmp_path / "styrk-shape.json"
    shape.write_text(json.dumps({"classification": "STYRK-08", "items": {"code": "1"}}), encoding="utf-8")
    rejected(lambda: services.taxonomy_load_styrk(actor=None, path=shape), "styrk-shape.json", "list of items")
    # SN2007 given as STYRK-08: every item is wrong, the first twenty are named.
    message = rejected(
        lambda: services.taxonomy_load_styrk(actor=None, path=shared_data / "classifications" / "sn2007.json"),
        "sn2007.json",
        "item 1 (A): code 'A' is not a STYRK-08 code of level 1",
        "more.",
    )
    assert message.count("\n") == 21  # the header, twenty problems, and how many more


def test_a_bad_code_after_many_good_items_is_rejected_and_nothing_changes(loaded, tmp_path, shared_data):
    document = json.loads((shared_data / "classifications" / "styrk-08.json").read_text(encoding="utf-8"))
    for item in document["items"]:
        item["name"] += " (endret)"
    document["items"][-1]["code"] = "96X9"
    path = tmp_path / "styrk-bad-code.json"
    path.write_text(json.dumps(document, indent=1), encoding="utf-8")
    digest = table_digest(models.StyrkItem)
    rejected(
        lambda: services.taxonomy_load_styrk(actor=None, path=path),
        "styrk-bad-code.json",
        "item 582 (96X9): code '96X9' is not a STYRK-08 code of level 4",
    )
    assert table_digest(models.StyrkItem) == digest

    sn = json.loads((shared_data / "classifications" / "sn2007.json").read_text(encoding="utf-8"))
    sn["items"][-1]["parentCode"] = "99.99"
    path = tmp_path / "sn2007-bad-parent.json"
    path.write_text(json.dumps(sn), encoding="utf-8")
    rejected(lambda: services.taxonomy_load_sn2007(actor=None, path=path), "sn2007-bad-parent.json", "parentCode")


def test_a_gazetteer_with_a_missing_column_or_a_bad_code_is_rejected(loaded, tmp_path, shared_data):
    lines = [line for line in (shared_data / NAV).read_text(encoding="utf-8-sig").splitlines() if line]
    no_column = tmp_path / "nav-no-column.csv"
    no_column.write_text("\n".join([lines[0].replace("yrkeskode", "kode"), *lines[1:]]), encoding="utf-8")
    rejected(
        lambda: services.taxonomy_load_gazetteer(actor=None, path=no_column),
        "nav-no-column.csv",
        "missing column(s) yrkeskode",
    )
    last = lines[-1].split(";")
    assert last[6] == "ISCO-08"
    last[3] = "91"
    bad_code = tmp_path / "nav-bad-code.csv"
    bad_code.write_text("\n".join([*lines[:-1], ";".join(last)]), encoding="utf-8")
    rejected(
        lambda: services.taxonomy_load_gazetteer(actor=None, path=bad_code),
        "nav-bad-code.csv",
        f"line {len(lines)}: yrkeskode '91'",
    )


def test_a_non_numeric_jem_value_after_many_good_rows_is_rejected(loaded, tmp_path, shared_data):
    with open(shared_data / TSV, encoding="utf-8", newline="") as stream:
        lines = stream.read().split("\r\n")
    while not lines[-1]:
        lines.pop()
    header = lines[0].split("\t")
    row = lines[-1].split("\t")
    row[header.index("autonomy")] = "n/a"
    path = tmp_path / "tasks.tsv"
    path.write_text("\r\n".join([*lines[:-1], "\t".join(row)]) + "\r\n", encoding="utf-8")
    digest = table_digest(models.ExposureValue)
    rejected(
        lambda: services.taxonomy_load_jem(actor=None, path=path),
        "tasks.tsv",
        f"line {len(lines)}: autonomy 'n/a' is not a number",
    )
    row[header.index("autonomy")] = "1.5"
    path.write_text("\r\n".join([*lines[:-1], "\t".join(row)]) + "\r\n", encoding="utf-8")
    rejected(lambda: services.taxonomy_load_jem(actor=None, path=path), "autonomy 1.5 is outside 0–1")
    assert table_digest(models.ExposureValue) == digest


def test_municipalities_with_a_broken_geometry_are_rejected(loaded, tmp_path, shared_data):
    geo = json.loads((shared_data / "geo" / "no-kommuner-2024.geojson").read_text(encoding="utf-8"))
    geo["features"][-1]["geometry"] = {"type": "Point", "coordinates": [10.0, 59.0]}
    path = tmp_path / "kommuner.geojson"
    path.write_text(json.dumps(geo), encoding="utf-8")
    rejected(
        lambda: services.taxonomy_load_municipalities(actor=None, path=path),
        "kommuner.geojson",
        "feature 357",
        "not a Polygon",
    )
    path.write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8")
    rejected(lambda: services.taxonomy_load_municipalities(actor=None, path=path), "not valid JSON")


# ---------------------------------------------------------------------------------------------------------------
# The command


def test_the_command_loads_reports_and_rejects(loaded, tmp_path, capsys):
    call_command("taxonomy", "load-sn2007", str(loaded.data / "classifications" / "sn2007.json"))
    out = capsys.readouterr().out
    assert "items: 0 created, 0 updated, 1808 unchanged, 0 removed" in out
    assert "nothing changed" in out
    broken = tmp_path / "sn2007.json"
    broken.write_text("not json", encoding="utf-8")
    with pytest.raises(CommandError, match=r"sn2007\.json, line 1: not valid JSON"):
        call_command("taxonomy", "load-sn2007", str(broken))
    call_command("taxonomy", "status")
    out = capsys.readouterr().out
    assert "esco_relations" in out and "123855" in out
    assert "search: official" in out and "embeddings: off" in out
    call_command("taxonomy", "search", "kokk", "--language", "nb", "--limit", "3")
    assert "5120" in capsys.readouterr().out.splitlines()[0]


# ---------------------------------------------------------------------------------------------------------------
# Small pure helpers


def test_split_titles_keeps_commas_inside_a_title():
    assert split_titles("Kokk, Lærling (kokk), Skipskokk") == ["Kokk", "Lærling (kokk)", "Skipskokk"]
    assert split_titles("Leder (jordbruk), Leder innen skogbruk, gartnerier mv.") == [
        "Leder (jordbruk)",
        "Leder innen skogbruk, gartnerier mv.",
    ]
    # NAV's file has an unclosed parenthesis; the titles after it stay titles.
    assert split_titles("Koordinator (skipsteknikk og -systemer, Senior konsulent (sivil, maskin), Sjef") == [
        "Koordinator (skipsteknikk og -systemer",
        "Senior konsulent (sivil, maskin)",
        "Sjef",
    ]


def test_weighted_tertiles_and_centroid():
    assert weighted_tertiles([(0.1, 1), (0.2, 1), (0.3, 1)]) == [0.1, 0.2]
    assert weighted_tertiles([(0.1, 1), (0.9, 8)]) == [0.9, 0.9]
    square = {"type": "Polygon", "coordinates": [[[10, 60], [11, 60], [11, 61], [10, 61], [10, 60]]]}
    latitude, longitude = polygon_centroid(square)
    assert latitude == pytest.approx(60.5, abs=1e-6) and longitude == pytest.approx(10.5, abs=1e-6)
    # A hole in the east half pulls the centroid west; a second polygon counts by its area.
    holed = {
        "type": "MultiPolygon",
        "coordinates": [
            [
                [[10, 60], [12, 60], [12, 61], [10, 61], [10, 60]],
                [[11, 60.2], [11.8, 60.2], [11.8, 60.8], [11, 60.8], [11, 60.2]],
            ]
        ],
    }
    assert polygon_centroid(holed)[1] < 11
