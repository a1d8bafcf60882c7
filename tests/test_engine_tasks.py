"""A pool's tasks: every article once, long articles first, the last round cut finer."""

from __future__ import annotations

from diplowatch.engine.local import POOL_CHUNK_CHARS, TAIL_SPLIT, _pool_tasks


def test_pool_tasks_cover_every_article_once_long_first_and_a_finer_tail():
    sized = [(f"a{i:03d}", 600) for i in range(200)]
    sized[50] = ("long-1", 3 * POOL_CHUNK_CHARS)
    sized[120] = ("long-2", 5 * POOL_CHUNK_CHARS)
    tasks = _pool_tasks(sized, workers=2)
    assert sorted(i for task in tasks for i in task) == sorted(i for i, _ in sized)
    assert tasks[:2] == [["long-2"], ["long-1"]]
    size = dict(sized)
    chars = [sum(size[i] for i in task) for task in tasks[2:]]
    assert max(chars) <= POOL_CHUNK_CHARS
    tail = [c for c in chars if c <= POOL_CHUNK_CHARS // TAIL_SPLIT]
    assert sum(tail) >= 2 * POOL_CHUNK_CHARS - 600  # about one task per worker, cut finer
    assert chars[-len(tail) :] == tail  # and last


def test_pool_tasks_of_a_small_corpus_are_all_fine():
    sized = [(f"a{i}", 500) for i in range(10)]
    tasks = _pool_tasks(sized, workers=2)
    assert [i for task in tasks for i in task] == [i for i, _ in sized]
    assert all(len(task) * 500 <= POOL_CHUNK_CHARS // TAIL_SPLIT for task in tasks)
