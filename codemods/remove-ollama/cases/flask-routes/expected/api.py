"""A Flask blueprint with Ollama configuration endpoints."""
from flask import Blueprint, jsonify, render_template, request

bp = Blueprint("api", __name__)

PROVIDERS = ["openai"]


@bp.get("/health")
def health():
    return jsonify(status="ok", providers=PROVIDERS)


# --- Settings -------------------------------------------------------------


@bp.route("/settings", methods=["GET", "POST"])
def settings():
    if request.method == "POST" and request.json.get("provider") not in ("openai",):
        return jsonify(error="unknown provider"), 400
    return render_template("settings.html", providers=PROVIDERS)
