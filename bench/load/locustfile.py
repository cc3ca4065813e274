"""A realistic mix of OpenSEND traffic for locust (bench/bench_load.py runs it; not a test).

Reads the users and records to visit from the JSON file named by LOAD_FIXTURE, which
bench_load.py writes after building the demo area: signed-in sessions (made directly, so sign-in
and TOTP are not part of the load), case and child ids, an API token. Each request is named by its
group, so locust's statistics are per group:

  public search    the Local Offer search, signed out (most of the traffic)
  family portal    a parent's portal home and their child's case page
  caseworker       the case list (filtered) and case pages
  api              /api/v1/cases/ list and detail with a token
  trivial          the accessibility statement, signed out: the floor for any page
"""

import json
import os
import random

from locust import HttpUser, between, task

FIXTURE = json.loads(open(os.environ["LOAD_FIXTURE"]).read())  # noqa: SIM115, PTH123
SEARCHES = ["", "autism", "swimming", "speech", "short breaks", "play", "sensory", "after school"]


def get(user, url, name, **kwargs):
    """A page must answer 200 itself: a redirect (to sign in, say) counts as an error."""
    with user.client.get(url, name=name, allow_redirects=False, catch_response=True, **kwargs) as response:
        if response.status_code != 200:
            why = f"{response.status_code}" + (f" {type(response.error).__name__}" if response.error else "")
            response.failure(f"{why} from {url.split('/')[1] if '/' in url else url}")


class Visitor(HttpUser):
    """Someone looking at the Local Offer, not signed in."""

    weight = 6
    wait_time = between(1, 3)

    @task(8)
    def search(self):
        params = {"q": random.choice(SEARCHES)}
        if random.random() < 0.3:
            params["postcode"] = random.choice(FIXTURE["postcodes"])
        get(self, "/local-offer/search/", "public search", params=params)

    @task(1)
    def trivial(self):
        get(self, "/accessibility/", "trivial")


class Family(HttpUser):
    weight = 2
    wait_time = between(1, 3)

    def on_start(self):
        family = random.choice(FIXTURE["families"])
        self.client.cookies.set("sessionid", family["session"])
        self.cases = family["cases"]

    @task(2)
    def home(self):
        get(self, "/portal/", "family portal")

    @task(3)
    def case(self):
        if self.cases:
            get(self, f"/portal/cases/{random.choice(self.cases)}/", "family portal")

    @task(1)
    def trivial(self):
        get(self, "/accessibility/", "trivial")


class Caseworker(HttpUser):
    weight = 2
    wait_time = between(1, 3)

    def on_start(self):
        self.client.cookies.set("sessionid", random.choice(FIXTURE["caseworker_sessions"]))

    @task(2)
    def lists(self):
        url = random.choice(["/cases/", "/cases/mine/", "/cases/?page=2", "/children/"])
        get(self, url, "caseworker")

    @task(3)
    def case(self):
        get(self, f"/cases/{random.choice(FIXTURE['cases'])}/", "caseworker")

    @task(1)
    def trivial(self):
        get(self, "/accessibility/", "trivial")


class PartnerSystem(HttpUser):
    weight = 1
    wait_time = between(1, 3)

    def on_start(self):
        self.client.headers["Authorization"] = f"Token {FIXTURE['api_token']}"

    @task(1)
    def cases(self):
        get(self, "/api/v1/cases/", "api")

    @task(2)
    def case(self):
        get(self, f"/api/v1/cases/{random.choice(FIXTURE['cases'])}/", "api")
