"""Property tests: normalisation, block offsets, decoding and extraction on arbitrary input."""
import tempfile
import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from derive import STEMS, seed_text
from extractors import extract_document
from extractors.lexicon import Lexicon, word_positions
from extractors.model import SourceBlock
from extractors.text import FOLD_CHARS, fold, strip_accents
from extractors.tokenizer import Word
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


special_text = st.text(alphabet=st.one_of(st.sampled_from("".join(FOLD_CHARS)), st.characters()))


@SETTINGS
@given(special_text)
def test_fold_replaces_every_fold_character_by_its_own(text):
    """``fold`` replaces them through a regex, for speed: as the table says, none left out."""
    folded = fold(text)
    assert folded == fold(text.translate(str.maketrans(FOLD_CHARS)))
    assert not set(folded) & set(FOLD_CHARS)


@SETTINGS
@given(st.text(alphabet=st.one_of(st.sampled_from("\u00a0\u2002\u2009\u202f\u3000\v\f"),
                                  st.characters())))
def test_clean_leaves_one_kind_of_space(text):
    assert not set(normalize.clean(text)) & set("\u00a0\u2000\u2001\u2002\u2003\u2004\u2005"
                                               "\u2006\u2007\u2008\u2009\u200a\u202f\u205f"
                                               "\u3000\v\f")


syllable_runs = st.lists(st.sampled_from(["sở", "tài", "chính", "y", "tế", ",", "giao"]),
                         max_size=30)
phrase_lists = st.lists(syllable_runs.filter(lambda run: 0 < len(run) <= 3).map(" ".join),
                        min_size=1, max_size=8)


@SETTINGS
@given(phrase_lists, syllable_runs, st.integers(0, 35), st.integers(0, 35))
def test_lexicon_lookups_visit_only_first_words_and_find_what_a_scan_finds(phrases, norms,
                                                                          start, end):
    """``find`` and ``index`` skip the words no phrase starts with: they find what trying
    ``match`` at every word finds."""
    lexicon = Lexicon(phrases)
    words = [Word(i, i, i, i + 1, norm, norm) for i, norm in enumerate(norms)]
    scanned, i = [], start
    while i < end:
        length = lexicon.match(words, i)
        if length:
            scanned.append((i, length))
        i += length or 1
    assert list(lexicon.find(words, start, end)) == scanned
    assert lexicon.index(norms, word_positions(norms)) == {
        i: length for i in range(len(norms)) if (length := lexicon.match(words, i))}


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


def test_a_document_may_stop_at_any_of_its_lines():
    """A page cut after the signer's title ("CHỦ TỊCH" with no name below, plans13 P13_02) once
    ran a subject past the last word."""
    for line in SEED_LINES + ["TRƯỞNG BAN XÂY DỰNG ĐẢNG", "Phó Chủ tịch UBND tỉnh"]:
        extract_document(normalize.clean(line))


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
