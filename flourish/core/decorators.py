"""View decorators shared by every area."""

from django.views.decorators.cache import never_cache

# Pages that show decrypted personal details (contact details, access needs)
# and downloads of people's uploads: `Cache-Control: no-store, private`, so
# neither a shared computer's browser cache nor a proxy keeps a copy after the
# person has gone. Django's never_cache does exactly this, for pages and files.
sensitive_response = never_cache
