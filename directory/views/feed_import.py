"""Editors' page for importing services from another Open Referral UK feed (directory.oruk.feed_import)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse

from core.idempotency import TOKEN_FIELD, create_once, new_token, once_per_form
from core.permissions import permission_required
from directory.oruk import feed_import
from directory.oruk.standard import StandardMissing
from directory.upkeep_forms import FeedImportForm

# What the last import left out, shown once on the page it leads back to.
NOTES_KEY = "directory_feed_import_notes"
MAX_NOTES = 100


class FeedHasProblems(Exception):
    def __init__(self, result):
        super().__init__("The feed has problems")
        self.result = result


@permission_required("directory.import_services")
@once_per_form
def import_feed(request):
    form = FeedImportForm(request.POST or None, request.FILES or None, initial={TOKEN_FIELD: new_token()})
    result = None
    if request.method == "POST" and form.is_valid():
        upload, funding = form.cleaned_data["file"], form.cleaned_data["funding_type"]

        def create():
            items, notes = feed_import.read_upload(upload)
            outcome = feed_import.import_services(
                items, request.user, funding, request=request, source=upload.name, notes=notes
            )
            if not outcome.ok:
                raise FeedHasProblems(outcome)  # rolls back the token, so the fixed file can be sent
            request.session[NOTES_KEY] = outcome.notes[:MAX_NOTES]
            messages.success(
                request,
                f"Imported services from the feed: {outcome.created} added, {outcome.updated} updated",
            )
            return reverse("directory:import_feed")

        try:
            # The import and the form's token commit together: a second submit imports nothing.
            return redirect(create_once(form.cleaned_data.get(TOKEN_FIELD), request.user, create))
        except (feed_import.UnreadableFeed, StandardMissing) as error:
            form.add_error("file", str(error))
        except FeedHasProblems as error:
            result = error.result
            form = FeedImportForm(initial={TOKEN_FIELD: new_token(), "funding_type": funding})
    notes = request.session.pop(NOTES_KEY, []) if request.method == "GET" else []
    return render(
        request,
        "directory/manage/import_feed.html",
        {"form": form, "result": result, "notes": notes, "max_problems": 500},
    )
