"""Codes and their Vietnamese labels live in rules/labels.yml only: the clerk's outputs, the
corrections' validation and the database's code tables (which Datasette joins) all read it."""
import pytest
import sqlite_utils
import yaml

from clerk import seeded_database
from extractors import rules
from pipeline import store
from pipeline.clerk import labels, parse
from pipeline.clerk.actions import CorrectionError, clean_value
from pipeline.clerk.web.browse import METADATA, prepare_connection
from pipeline.store.schema import CODE_TABLES

LABELS = yaml.safe_load((rules.RULES_DIR / "labels.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return sqlite_utils.Database(seeded_database(tmp_path_factory.mktemp("labels")))


def test_clerk_labels_are_the_rules_file():
    assert labels.PILLARS == LABELS["pillars"] and labels.RECURRENCES == LABELS["recurrences"]
    assert labels.ROLES == LABELS["roles"]
    assert labels.pillar_label("ha_tang_so") == "Hạ tầng số" and labels.pillar_label(None) == ""


def test_extraction_codes_are_label_codes():
    loaded = rules.load()
    assert set(loaded["pillars"]["pillars"]) == set(LABELS["pillars"])
    assert {r["value"] for r in loaded["time"]["recurrences"]} <= set(LABELS["recurrences"])


def test_corrections_accept_only_label_codes():
    assert clean_value("pillar", "kinh_te_so") == "kinh_te_so"
    with pytest.raises(CorrectionError, match="Không có trụ cột"):
        clean_value("pillar", "tai_chinh")
    with pytest.raises(CorrectionError, match="Không có kiểu định kỳ"):
        clean_value("recurrence", "yearly")


@pytest.mark.parametrize("typed, code", [
    ("the che", "the_che_so"), ("Thể chế", "the_che_so"), ("the che so", "the_che_so"),
    ("kinh_te", "kinh_te_so"), ("hoat dong xa", "xa_hoi_so"), ("an toan", "an_toan_thong_tin"),
])
def test_a_pillar_is_named_by_a_unique_start_of_its_name_or_code(typed, code):
    assert parse.pillar_code(typed) == code


def test_a_start_shared_by_several_pillars_lists_them():
    with pytest.raises(parse.ParseError) as refused:
        parse.pillar_code("hoat dong")
    assert all(labels.PILLARS[c] in str(refused.value)
               for c in ("chinh_quyen_so", "kinh_te_so", "xa_hoi_so"))
    assert labels.PILLARS["the_che_so"] not in str(refused.value)


def test_code_tables_mirror_the_rules_file(db):
    for table in CODE_TABLES:
        rows = {r["code"]: r["label"] for r in db[table].rows_where(order_by="rowid")}
        assert rows == LABELS[table]


def test_code_tables_are_rewritten_only_when_the_labels_change(tmp_path):
    db = store.open_db(tmp_path / "tasks.db")
    db.execute("update pillars set label = 'cũ' where code = 'ha_tang_so'")
    changes = db.conn.total_changes
    store.open_db(tmp_path / "tasks.db")  # a fresh connection: the edited label is put back
    assert db.execute("select label from pillars where code = 'ha_tang_so'").fetchone()[0] == \
        "Hạ tầng số"
    again = sqlite_utils.Database(tmp_path / "tasks.db")
    before = again.conn.total_changes
    store.schema.write_code_tables(again)
    assert again.conn.total_changes == before and changes  # up to date: nothing written


def test_datasette_queries_join_the_code_tables(db):
    queries = yaml.safe_load(METADATA.read_text(encoding="utf-8"))["databases"]["tasks"]["queries"]
    assert not any(f"'{label}'" in query["sql"] or "case" in query["sql"].lower()
                   for query in queries.values() for section in ("pillars", "recurrences")
                   for label in LABELS[section].values())
    prepare_connection(db.conn)  # the plugin's strip_accents, as under Datasette
    for query in queries.values():  # every saved query runs
        list(db.query(query["sql"], {"agency": "Tài chính", "cơ_quan": "", "nội_dung": ""}))
    by_pillar = {row["Trụ cột"] for row in db.query(queries["by_pillar"]["sql"])}
    assert by_pillar and by_pillar <= {*LABELS["pillars"].values(), "(chưa xác định)"}
    roles = {row["Vai trò"] for row in db.query(queries["agency_tasks"]["sql"],
                                                 {"agency": "Tài chính"})}
    assert roles and roles <= set(LABELS["roles"].values())


@pytest.mark.parametrize("source, shown", [
    ("line 113", "dòng 113"), ("lines 40-52", "dòng 40-52"), ("paragraph 12", "đoạn 12"),
    ("table 1 row 2 cell 3", "bảng 1 hàng 2 ô 3"), ("page 2 (OCR)", "trang 2 (nhận dạng ảnh)"),
    ("text box 1 paragraph 2", "khung văn bản 1 đoạn 2"), ("page 3 signature", "trang 3 chữ ký"),
    (None, ""),
])
def test_where_a_passage_was_read_is_said_in_vietnamese(source, shown):
    assert labels.location_label(source) == shown
