"""The load test sends what a real audience would: each person once a second, at moments
that are their own, so the table times the server rather than a burst of its own making."""

import random
import types

import pytest

from benchmarks.loadtest import pacing


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def monotonic(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    clock = Clock()
    monkeypatch.setattr(pacing, "time", types.SimpleNamespace(monotonic=clock.monotonic))
    return clock


def arrivals(clock: Clock, *, seconds: int, answer_takes: float = 0.005) -> list[float]:
    """When one person, spawned now, asks over `seconds` seconds."""
    person = types.SimpleNamespace()
    asked = []
    end = clock.now + seconds
    while clock.now < end:
        asked.append(clock.now)
        clock.now += answer_takes
        clock.now += pacing.once_a_second_at_random(person)
    return asked


def test_each_person_asks_once_in_every_second(clock: Clock) -> None:
    random.seed(7)
    start = clock.now
    asked = arrivals(clock, seconds=30)
    # The first question comes as the person is spawned, then one in each second after.
    seconds = [int(moment - start) for moment in asked[1:]]
    assert seconds == list(range(29)) or seconds == list(range(30))


def test_people_spawned_together_do_not_ask_together(clock: Clock) -> None:
    random.seed(7)
    moments_within_a_second = []
    for _person in range(200):
        clock.now = 1000.0
        asked = arrivals(clock, seconds=3)
        moments_within_a_second.append(round(asked[2] % 1, 1))
    # Spread across the whole second, not bunched where they were spawned.
    assert len(set(moments_within_a_second)) >= 9


def test_a_slow_answer_does_not_lower_the_rate_sent(clock: Clock) -> None:
    random.seed(7)
    asked = arrivals(clock, seconds=20, answer_takes=0.6)
    assert len(asked) >= 19


def test_someone_far_behind_starts_again_from_now(clock: Clock) -> None:
    person = types.SimpleNamespace()
    pacing.once_a_second_at_random(person)
    clock.now += 5  # an answer that took five seconds
    wait = pacing.once_a_second_at_random(person)
    # No flood of questions to catch up: the next comes within a second.
    assert 0 <= wait < 1
    assert person.next_second == clock.now + 1
