"""Extraction time grows linearly with the number of dates and of task lines: 8 times the input
takes about 8 times as long (a path comparing every match with every claim took 30-60 times).

Ratios of CPU time, never absolute timings; the cyclic garbage collector is paused while
measuring, since its full passes grow with the heap and blur the ratio."""
import gc
import time

import pytest

from extractors import extract_document
from pipeline.normalize import clean

GROWTH = 8  # the input is this many times larger
BOUND = 14  # linear gives about 8 here (measured 7.6-8.4), the quadratic paths gave 23-47


def many_dates(n):
    return "Sở Tài chính chủ trì triển khai các nội dung: " + ", ".join(
        f"ngày {1 + i % 28}/{1 + i % 12}/{2000 + i % 30}" for i in range(n)) + "."


def many_task_lines(n):
    return "\n".join(f"- Sở Tài chính chủ trì, phối hợp Sở Y tế triển khai việc số {i} trước ngày "
                     "15/9/2022." for i in range(n))


def one_wrapped_paragraph(n):
    return "Sở Tài chính chủ trì triển khai\n" + "\n".join(
        f"các việc số {i}, báo cáo trước ngày 15/9/2022" for i in range(n)) + "."


def many_sentences(n):
    return "Sở Tài chính: " + " ".join(f"Tổ chức việc số {i} trước ngày 15/9/2022."
                                      for i in range(n))


def cpu_seconds(text):
    """The least CPU time of three extractions (the first run teaches the vocabulary the words):
    a run slowed by the other core's load (CI's own processes) is not the least."""
    extract_document(text)
    gc.disable()
    try:
        timings = []
        for _ in range(3):
            clock = time.process_time()
            extract_document(text)
            timings.append(time.process_time() - clock)
    finally:
        gc.enable()
    return min(timings)


@pytest.mark.parametrize("make, n", [(many_dates, 600), (many_task_lines, 150),
                                     (one_wrapped_paragraph, 400), (many_sentences, 200)])
def test_extraction_grows_linearly(make, n):
    small, large = cpu_seconds(clean(make(n))), cpu_seconds(clean(make(GROWTH * n)))
    assert large / small < BOUND, f"{GROWTH}x the input took {large / small:.1f}x as long"
