"""Stores uploads under a safe name; served by `flask --app upload run`."""
from werkzeug.utils import secure_filename


def stored_name(name):
    return secure_filename(name) or "upload.bin"
