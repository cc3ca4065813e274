"""Editors' page for importing services from another Open Referral UK feed (directory.oruk.feed_import):
the file is read here (a file that is not JSON is refused on the form), then checked and imported
by a background job, whose page shows progress, then the problems or what was left out."""

from pathlib import Path

from django.shortcuts import redirect, render

from core.idempotency import TOKEN_FIELD, create_once, new_token, once_per_form
from core.permissions import permission_required
from directory.jobs import IMPORT_FEED_JOB
from directory.oruk import feed_import
from directory.oruk.standard import StandardMissing
from directory.upkeep_forms import FeedImportForm
from jobs import services as jobs


@permission_required("directory.import_services")
@once_per_form
def import_feed(request):
    form = FeedImportForm(request.POST or None, request.FILES or None, initial={TOKEN_FIELD: new_token()})
    if request.method == "POST" and form.is_valid():
        upload, funding = form.cleaned_data["file"], form.cleaned_data["funding_type"]
        content = upload.read()
        upload.seek(0)
        try:
            feed_import.read_upload(upload)  # quick: refuses a file that is not a feed at all
        except (feed_import.UnreadableFeed, StandardMissing) as error:
            form.add_error("file", str(error))
        else:

            def start():
                name = Path(upload.name).name[:200]
                job = jobs.start(
                    IMPORT_FEED_JOB,
                    request.user,
                    params={"funding": funding},
                    input_data=content,
                    input_name=name,
                )
                return jobs.next_url(job)

            # The job and the form's token commit together: a second submit starts nothing.
            return redirect(create_once(form.cleaned_data.get(TOKEN_FIELD), request.user, start))
    return render(request, "directory/manage/import_feed.html", {"form": form})
