"""When each person in the load test asks: its own module, so tests can import it
without locust, which patches the standard library's sockets as it loads."""

import random
import time
from typing import Any


def once_a_second_at_random(user: Any) -> float:
    """Each person asks once in every second, at a random moment within it.

    Locust's `constant_throughput` keeps every user in step with the moment it was
    spawned; the users of one rate are spawned together, so every second would begin
    with all of them asking at once, a burst no real audience sends, and the table
    would time the queue behind it. Here the moments within each second are random and
    independent, as a real audience's are, while each second still carries exactly the
    rate asked for, so "achieved" measures the server, not chance. The next second is
    counted from the last one planned, not from when the answer came, so a slow answer
    does not lower the rate sent."""
    now = time.monotonic()
    second = getattr(user, "next_second", now)
    if now > second + 1:
        # More than a whole second behind (a very slow answer): start again from now.
        second = now
    user.next_second = second + 1
    return max(0.0, second + random.random() - now)
