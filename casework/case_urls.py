"""Case pages: requests, the case page, stage actions, advice, caseloads (see casework/views)."""

urlpatterns = []
