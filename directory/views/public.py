"""The public Local Offer: front doors, search, service pages and "Support while you wait".

No sign-in is needed for any of these pages.
"""

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from clock import dates
from core import exports
from directory import finder, pathways, public_cache, queries
from directory.forms import SearchForm
from directory.models import Service, TaxonomyTerm, YouSaidWeDid

PAGE_SIZE = 20
AUDIENCES = {
    "children-and-young-people": ("For children and young people", "directory/audience_young_people.html"),
    "parents-and-carers": ("For parents and carers", "directory/audience_parents.html"),
    "professionals": ("For professionals", "directory/audience_professionals.html"),
}


def home(request):
    return render(
        request,
        "directory/home.html",
        {
            "categories": queries.terms_of("categories"),
            "pathways": queries.terms_of("pathways"),
            "audiences": [(slug, title) for slug, (title, _) in AUDIENCES.items()],
        },
    )


def audience(request, audience):
    if audience not in AUDIENCES:
        raise Http404
    title, template = AUDIENCES[audience]
    return render(
        request,
        template,
        {
            "title": title,
            "needs": queries.terms_of("needs"),
            "sen_types": queries.terms_of("sen-types"),
            "categories": queries.terms_of("categories"),
            "pathways": queries.terms_of("pathways"),
        },
    )


def search_page(request):
    """The public search. A signed-out visitor's results come from the cache when the same search
    was made since the Local Offer last changed (directory.public_cache); the page around them,
    with its per-request token and nonce, is drawn each time."""
    fmt = exports.wants_export(request)
    if fmt:
        return _search_export(request, fmt)
    key = public_cache.key_for(request, "search")
    found = public_cache.get(key)
    if found is None:
        form = SearchForm(request.GET)
        results = finder.find(form)
        services = results.services.prefetch_related("service_at_locations__location")
        page_obj = Paginator(services, PAGE_SIZE).get_page(request.GET.get("page"))
        context = {
            "form": form,
            "page_obj": page_obj,
            "outcome": results.outcome,
            "place": results.place,
            "today": dates.today(),
            "export_label": "services found",
            "filtered": any(request.GET.get(k) for k in form.fields if k not in ("q", "distance")),
        }
        found = {
            "words": form.cleaned_data.get("q", ""),
            "body": render_to_string("directory/_search_body.html", context, request),
        }
        public_cache.put(key, found)
    body = mark_safe(found["body"])  # noqa: S308 - our own template's output, escaped when it was drawn
    return render(request, "directory/search.html", {"words": found["words"], "body": body})


def _search_export(request, fmt):
    """The search's results as a file. A signed-out visitor has no account to own a background job,
    so the file is built here, once per search and format while the Local Offer is unchanged, and
    then served from the cache (the whole directory as XLSX took 0.7 s of CPU at 700 services)."""
    key = public_cache.key_for(request, "export")
    kept = public_cache.get(key)
    if kept is None:
        results = finder.find(SearchForm(request.GET))
        response = exports.export_response(
            fmt, "local-offer-services", finder.EXPORT_HEADERS, finder.export_rows(request, results)
        )
        body = b"".join(response.streaming_content) if response.streaming else response.content
        kept = {
            "body": body,
            "type": response["Content-Type"],
            "disposition": response["Content-Disposition"],
        }
        public_cache.put(key, kept)
    response = HttpResponse(kept["body"], content_type=kept["type"])
    response["Content-Disposition"] = kept["disposition"]
    return response


def service_detail(request, service_id):
    service = get_object_or_404(
        Service.objects.select_related("organization").prefetch_related(
            Prefetch("taxonomy_terms", queryset=TaxonomyTerm.objects.select_related("taxonomy")),
            "service_at_locations__location",
            "contacts__phones",
        ),
        pk=service_id,
    )
    today = dates.today()
    terms = {}
    for term in service.taxonomy_terms.all():
        terms.setdefault(term.taxonomy.code, []).append(term)
    return render(
        request,
        "directory/service_detail.html",
        {
            "service": service,
            "terms": terms,
            "out_of_date": service.is_out_of_date(today),
            "locations": [link.location for link in service.service_at_locations.all()],
            "contacts": list(service.contacts.all()),
            "waiting_pages": [t for t in terms.get("pathways", []) if t.code in pathways.PAGES],
        },
    )


def waiting_index(request):
    return render(request, "directory/waiting_index.html", {"pathways": queries.terms_of("pathways")})


def waiting_support(request, pathway):
    term = get_object_or_404(TaxonomyTerm, taxonomy__code="pathways", code=pathway)
    page = pathways.PAGES.get(term.code)
    if page is None:
        raise Http404
    helping = queries.with_terms(queries.with_terms(queries.listed_services(), [term.code]), ["wait-support"])
    return render(
        request,
        "directory/waiting_support.html",
        {
            "term": term,
            "page": page,
            "urgent": pathways.URGENT,
            "helping": helping.select_related("organization").order_by("name")[:30],
            "today": dates.today(),
        },
    )


def you_said_we_did(request):
    items = YouSaidWeDid.objects.filter(published=True)
    return render(
        request,
        "directory/you_said_we_did.html",
        {"page_obj": Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))},
    )
