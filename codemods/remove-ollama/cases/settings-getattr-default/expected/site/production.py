"""Settings for the production site."""

DEBUG = False
ALLOWED_HOSTS = ["example.org"]
REPORT_PAGE_SIZE = 50
