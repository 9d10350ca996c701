"""The eval harness tunes Python's garbage collector while it checks (evals/collector.py) and
leaves the process's own settings as it found them."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest

from evals import collector


@pytest.fixture(autouse=True)
def _defaults() -> Iterator[None]:
    saved = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    collector.set_tuned(True)
    yield
    collector.set_tuned(True)
    gc.set_threshold(*saved)


def test_checks_collect_the_youngest_generation_less_often_and_put_the_threshold_back() -> None:
    with collector.fewer_collections():
        assert gc.get_threshold() == (collector.CHECK_THRESHOLD, 10, 10)
    assert gc.get_threshold() == (700, 10, 10)


def test_a_threshold_already_higher_or_a_collector_turned_off_is_left_alone() -> None:
    gc.set_threshold(50_000, 10, 10)
    with collector.fewer_collections():
        assert gc.get_threshold() == (50_000, 10, 10)
    gc.set_threshold(0, 10, 10)
    with collector.fewer_collections():
        assert gc.get_threshold()[0] == 0
    assert gc.get_threshold() == (0, 10, 10)


def test_the_threshold_comes_back_only_when_the_last_of_several_threads_leaves() -> None:
    first_in, second_done, seen = threading.Event(), threading.Event(), []

    def first() -> None:
        with collector.fewer_collections():
            first_in.set()
            second_done.wait(5)
            seen.append(gc.get_threshold()[0])  # the other thread left; this one still checks

    def second() -> None:
        first_in.wait(5)
        with collector.fewer_collections():
            pass
        second_done.set()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert seen == [collector.CHECK_THRESHOLD]
    assert gc.get_threshold() == (700, 10, 10)


def test_a_check_that_fails_still_puts_the_threshold_back() -> None:
    with pytest.raises(RuntimeError), collector.fewer_collections():
        raise RuntimeError("a check failed")
    assert gc.get_threshold() == (700, 10, 10)


def test_untuned_the_collector_keeps_cpythons_settings_and_freezes_nothing() -> None:
    collector.set_tuned(False)
    frozen = gc.get_freeze_count()
    with collector.fewer_collections():
        assert gc.get_threshold() == (700, 10, 10)
    collector.settle("checks")
    assert gc.get_freeze_count() == frozen == 0


def test_settling_freezes_what_is_alive_once_per_kind_of_state() -> None:
    collector.set_tuned(False)  # starts from nothing frozen
    collector.set_tuned(True)
    collector.settle("checks")
    assert gc.get_freeze_count() > 0
    kept = [[i] for i in range(1000)]  # new objects after settling are not frozen again
    before = gc.get_freeze_count()  # (frozen objects may still be freed: the count only falls)
    collector.settle("checks")
    assert gc.get_freeze_count() < before + len(kept) // 2
    collector.settle("model")
    assert gc.get_freeze_count() >= before + len(kept) // 2
    collector.set_tuned(False)
    assert gc.get_freeze_count() == 0
