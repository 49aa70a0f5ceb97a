"""WSGI entry point, served by gunicorn in production (`make serve`).

Run gunicorn with `--preload`, so the warm-up below happens once, before the workers
are forked, and no visitor waits for it (see `flourish.core.warm_up`). `runserver`
in development restarts on every change and serves one person, so it skips it."""

import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "flourish.settings")
application = get_wsgi_application()

if not settings.DEBUG:
    from flourish.core.warm_up import warm_up

    warm_up()
