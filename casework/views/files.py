"""Notes and documents on a case. Documents are kept outside the web root (MEDIA_ROOT) and only
ever sent through `document_download`, which checks who is asking and audits the read."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from audit.services import record_read
from casework import services
from casework.access import get_case_for_user
from casework.forms import ALLOWED_TYPES, DocumentForm, NoteForm
from core.idempotency import create_once, once_per_form


def _add_note(request, case, form):
    services.add_note(request, case, form.cleaned_data["text"])
    messages.success(request, "Note added")
    return reverse("casework:case_detail", args=[case.public_id]) + "#notes"


@login_required
@once_per_form
def note_create(request, public_id):
    case = get_case_for_user(request, public_id, "casework.act_on_case")
    record_read(request, case, "Opened a page to change the record (note create)")
    form = NoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token = form.cleaned_data["form_token"]
        return redirect(create_once(token, request.user, lambda: _add_note(request, case, form)))
    return render(
        request,
        "casework/case_form.html",
        {"case": case, "form": form, "title": "Add a note", "submit": "Save"},
    )


def _add_document(request, case, form):
    checked = form.cleaned_data["file"]
    title = form.cleaned_data["title"] or checked.title
    services.add_document(
        request,
        case,
        title=title,
        upload=checked.upload,
        content_type=checked.content_type,
        withheld_from_family=form.cleaned_data["withheld_from_family"],
    )
    messages.success(request, f"{title} added")
    return reverse("casework:case_detail", args=[case.public_id]) + "#documents"


@login_required
@once_per_form
def document_create(request, public_id):
    case = get_case_for_user(request, public_id, "casework.act_on_case")
    record_read(request, case, "Opened a page to change the record (document create)")
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        token = form.cleaned_data["form_token"]
        return redirect(create_once(token, request.user, lambda: _add_document(request, case, form)))
    context = {"case": case, "form": form, "title": "Add a document", "submit": "Upload", "multipart": True}
    return render(request, "casework/case_form.html", context)


def _download_name(document):
    """The title as a file name, with the extension of what the file really is."""
    extension = ALLOWED_TYPES.get(document.content_type, "")
    title = document.title
    return title if title.lower().endswith(extension) else f"{title}{extension}"


@login_required
def document_download(request, public_id, document_id):
    case = get_case_for_user(request, public_id, "casework.view_case_file")
    document = get_object_or_404(case.documents, public_id=document_id)
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as error:
        raise Http404("The file is missing") from error
    record_read(request, case, f"{case.reference}: opened {document.title}")
    return FileResponse(
        handle, as_attachment=True, filename=_download_name(document), content_type=document.content_type
    )
