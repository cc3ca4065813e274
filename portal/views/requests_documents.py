"""Adding documents to a request, one at a time, with a list to remove them from."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal import forms_requests as forms
from portal import request_wizard as wizard
from portal.views.requests import after_saving, back_url, open_draft


@login_required
def request_documents(request, public_id):
    draft, sent = open_draft(request, public_id)
    if sent:
        return sent
    form = forms.UploadForm()
    if request.method == "POST" and "upload" in request.POST:
        form = forms.UploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                document = wizard.add_document(request.user, draft, form.cleaned_data["file"])
            except wizard.NotReady as refusal:
                form.add_error("file", str(refusal))
            else:
                messages.success(request, _("%(title)s has been added") % {"title": document.title})
                return redirect(request.get_full_path())
    elif request.method == "POST":
        return redirect(after_saving(request, draft, "documents"))
    return render(
        request,
        "portal/requests/documents.html",
        {
            "draft": draft,
            "form": form,
            "documents": draft.documents.all(),
            "limit": wizard.DOCUMENT_LIMIT,
            "back_url": back_url(draft, "documents"),
        },
    )


@require_POST
@login_required
def request_document_remove(request, public_id, document_id):
    draft, sent = open_draft(request, public_id)
    if sent:
        return sent
    if request.method == "POST" and wizard.remove_document(draft, document_id):
        messages.success(request, _("The document has been removed"))
    return redirect("portal:request_documents", draft.public_id)
