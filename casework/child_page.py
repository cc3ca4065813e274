"""On a child's page (people/child_page.py): their EHC needs assessment cases, for staff who may
read case files."""

from people.child_page import child_panel


@child_panel("casework/child_page/_cases.html", order=40)
def assessment_cases(request, child):
    if not request.user.has_perm("casework.view_case_file"):
        return None
    return {"cases": list(child.assessment_cases.all())}
