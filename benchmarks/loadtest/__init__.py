"""`make loadtest`: Flourish in its production shape on 127.0.0.1, under rising load.

    make loadtest                          # PostgreSQL at 127.0.0.1 (flourish_loadtest)
    REDIS_URL=redis://127.0.0.1:6379/0 make loadtest   # with the shared Redis cache

`prepare` builds the database (demo data, plus a dense directory), `serve` starts
gunicorn with production settings, and `drive` sends a realistic mix of public and
signed-in requests with locust at rising rates, printing what each rate achieved.
"""
