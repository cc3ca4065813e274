app_name = "oruk"
urlpatterns = []
