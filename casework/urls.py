from casework import case_urls, panel_urls

app_name = "casework"
urlpatterns = [*case_urls.urlpatterns, *panel_urls.urlpatterns]
