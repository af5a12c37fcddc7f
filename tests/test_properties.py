"""Property tests: normalisation, block offsets, decoding and extraction on arbitrary input."""
import tempfile
import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from derive import STEMS, seed_text
from extractors import extract_document
from extractors.model import SourceBlock
from extractors.text import fold, strip_accents
from pipeline import batch, normalize, readers
from pipeline.normalize import assemble
from pipeline.readers import legacy_encodings
from pipeline.readers.text import decode

SEED_LINES = [line for stem in STEMS for line in seed_text(stem).split("\n") if line.strip()]
VIETNAMESE_LOWER = "".join(sorted({c for c in legacy_encodings.tables()["tcvn3"].values()
                                   if c.islower()}))
# Arbitrary Unicode mixed with real directive lines, so the extractor's paths are reached too.
documents = st.lists(st.one_of(st.sampled_from(SEED_LINES), st.text(max_size=80)),
                     max_size=12).map("\n".join)
SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.text())
def test_clean_is_nfc_and_fold_keeps_length(text):
    cleaned = normalize.clean(text)
    assert unicodedata.is_normalized("NFC", cleaned) and "\r" not in cleaned
    assert len(fold(cleaned)) == len(cleaned)


@SETTINGS
@given(st.text())
def test_strip_accents_is_the_folded_text_decomposed_without_its_marks(text):
    decomposed = unicodedata.normalize("NFD", fold(text)).replace("đ", "d")
    assert strip_accents(text) == "".join(c for c in decomposed if not unicodedata.combining(c))


@SETTINGS
@given(st.lists(st.text()))
def test_assembled_blocks_are_slices_of_the_text(texts):
    blocks = [SourceBlock(normalize.clean(t), f"line {i}") for i, t in enumerate(texts)]
    text = assemble(blocks)
    assert all(text[b.start:b.end] == b.text for b in blocks)


@SETTINGS
@given(st.binary(max_size=2000))
def test_any_bytes_decode_or_get_a_read_error(data):
    text, encoding = decode(data)
    assert isinstance(text, str) and encoding
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.txt"
        path.write_bytes(data)
        try:
            readers.read(path)
        except readers.ReadError:
            pass


@SETTINGS
@given(st.text(alphabet=VIETNAMESE_LOWER + "abcdeghiklmnopqrstuvxy ,.\n", max_size=200),
       st.sampled_from(legacy_encodings.ENCODINGS))
def test_legacy_encodings_round_trip_lower_case_text(text, encoding):
    inverse = {letter: code for code, letter in legacy_encodings.tables()[encoding].items()}
    encoded = "".join(inverse.get(c, c) for c in text)
    assert legacy_encodings.to_unicode(encoded, encoding) == text
    legacy_encodings.detect(encoded)


@SETTINGS
@given(documents)
def test_extraction_offsets_are_slices_of_the_document(text):
    text = normalize.clean(text)
    extraction = extract_document(text)
    for task in extraction.tasks:
        assert 0 <= task.start <= task.end <= len(text)
        assert text[task.start:task.end] == task.text


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_process_file_never_raises_and_keeps_offsets(text):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "document.txt"
        path.write_text(text, encoding="utf-8")
        result = batch.process_file(path, batch.sha256_of(path), path.stat().st_size)
    if result.error:
        return
    assert all(result.text[b.start:b.end] == b.text for b in result.blocks)
    assert all(result.text[t.start:t.end] == t.text for t in result.tasks)
