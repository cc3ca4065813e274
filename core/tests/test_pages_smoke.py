import pytest

pytestmark = pytest.mark.django_db


def test_it_shows_the_start_page_to_everyone(client):
    from conftest import check_page

    response = client.get("/")
    assert response.status_code == 200
    soup = check_page(response)
    assert soup.h1.get_text(strip=True) == "Brookfield SEND services"
    # The public start page leads to the Local Offer and to asking for an assessment.
    assert soup.find(id="local-offer-link")["href"] == "/local-offer/"
    assert soup.find(id="request-link")["href"] == "/portal/request-an-assessment/"


def test_it_shows_each_role_a_home_page_with_real_figures(area, login):
    soup = login("caseworker").page("/home/")
    figures = {f.parent.get_text(" ", strip=True) for f in soup.select(".opensend-figure")}
    assert any(f.startswith("3 Children and young people with an EHC plan") for f in figures), figures
