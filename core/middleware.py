class NoStoreForSignedIn:
    """Pages shown to a signed-in person hold children's records: browsers and proxies must not
    keep copies (a shared computer's back button would show them to the next person)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "user", None) and request.user.is_authenticated:
            response["Cache-Control"] = "no-store"
        return response
