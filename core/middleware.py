from django.conf import settings


class PermissionsPolicyMiddleware:
    """Switch off browser features the portal never uses (Django has no setting for it)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class RequestSizeLimitMiddleware:
    """Refuse a request body larger than `MAX_REQUEST_BODY_SIZE` with a clear 413 page.

    Django's own limits leave out uploaded files (DATA_UPLOAD_MAX_MEMORY_SIZE) and stream
    them to disk; this stops an oversized upload before anything reads it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.MAX_REQUEST_BODY_SIZE:
            from .views import request_too_large

            return request_too_large(request)
        return self.get_response(request)
