"""Panel meetings, agendas and decisions, and decision letters."""

urlpatterns = []
