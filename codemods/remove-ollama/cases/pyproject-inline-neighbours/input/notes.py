import httpx


def fetch(url):
    """Fetch one note from the shelf service."""
    return httpx.get(url, timeout=5).text
