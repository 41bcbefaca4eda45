"""Settings for the production site."""
import os

DEBUG = False
ALLOWED_HOSTS = ["example.org"]
OLLAMA_TIMEOUT = int(os.getenv("OLLAMA_TIMEOUT", "30"))
REPORT_PAGE_SIZE = 50
