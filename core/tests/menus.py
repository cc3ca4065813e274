"""Reading the service menu the way a user meets it: the top level on the home page, then each
group's second level on the page its top-level link opens (at most two clicks to any entry)."""

from django.urls import reverse


def menu_within_two_clicks(client) -> dict[str, str]:
    """{address: label} of every menu entry this signed-in client reaches in one or two clicks."""
    top = client.page(reverse("core:home")).select("nav[aria-label='Menu'] a")
    links = {a["href"]: a.get_text(" ", strip=True) for a in top}
    for first in top:
        group = first.get_text(" ", strip=True)
        section = client.page(first["href"]).find("nav", attrs={"aria-label": group})
        if section is not None:
            links |= {a["href"]: a.get_text(" ", strip=True) for a in section.find_all("a")}
    return links
