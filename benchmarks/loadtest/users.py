"""The mix of people the load test sends, as locust users.

Weights follow what a public directory and grants service mostly serve: searches
near a postcode, programme and "who we funded" pages, the Open Referral API used by
councils' own finders, and a smaller share of signed-in group and staff pages.
"""

import random

from locust import FastHttpUser, task

from benchmarks.loadtest.pacing import once_a_second_at_random

POSTCODES = ["LS6", "M14", "B11", "BS5", "S2", "NE1", "CF10", "SW9", "E8", "L8", "NG7", "HU3"]
WORDS = ["", "", "peer", "walk", "art", "voices", "women", "garden", "urdu"]
DISTANCES = ["5", "10", "25"]

PLAN: dict = {}


class Visitor(FastHttpUser):
    """One person (or one council's finder) making about one request a second."""

    wait_time = once_a_second_at_random

    @task(35)
    def search_the_directory(self) -> None:
        query = {
            "q": random.choice(WORDS),
            "postcode": random.choice(POSTCODES),
            "distance": random.choice(DISTANCES),
        }
        self.client.get("/directory/", params=query, name="directory search")

    @task(8)
    def programme_page(self) -> None:
        slug = random.choice(PLAN["programmes"])
        self.client.get(f"/grants/programmes/{slug}/", name="programme page")

    @task(8)
    def who_we_funded(self) -> None:
        slug = random.choice(PLAN["programmes"])
        self.client.get(f"/grants/programmes/{slug}/funded/", name="who we funded")

    @task(4)
    def programme_list(self) -> None:
        self.client.get("/grants/", name="programme list")

    @task(10)
    def open_referral_services(self) -> None:
        page = random.randint(1, 20)
        self.client.get(f"/openreferral/services?page={page}", name="openreferral services")

    @task(5)
    def open_referral_nearby(self) -> None:
        postcode = random.choice(POSTCODES)
        self.client.get(
            f"/openreferral/service_at_locations?postcode={postcode}&proximity=16000",
            name="openreferral near a postcode",
        )

    @task(5)
    def group_home_page(self) -> None:
        self.client.get(
            "/", headers={"Cookie": f"sessionid={PLAN['group_session']}"}, name="group home page"
        )

    @task(5)
    def staff_application_list(self) -> None:
        self.client.get(
            PLAN["staff_list"],
            headers={"Cookie": f"sessionid={PLAN['staff_session']}"},
            name="staff application list",
        )
