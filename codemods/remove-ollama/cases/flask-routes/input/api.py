"""A Flask blueprint with Ollama configuration endpoints."""
import os

import ollama
import requests
from flask import Blueprint, jsonify, render_template, request

bp = Blueprint("api", __name__)

OLLAMA_BASE_URL = os.getenv("OLLAMA_BASE_URL", "http://localhost:11434")
PROVIDERS = ["openai", "ollama"]


@bp.get("/health")
def health():
    return jsonify(status="ok", providers=PROVIDERS)


# --- Ollama ---------------------------------------------------------------


@bp.get("/ollama/models")
def ollama_models():
    listing = ollama.Client(host=OLLAMA_BASE_URL).list()
    return jsonify(models=[m["model"] for m in listing["models"]])


@bp.route("/local/status", methods=["GET"])
def local_status():
    try:
        r = requests.get(f"{OLLAMA_BASE_URL}/api/version", timeout=2)
        return jsonify(running=r.ok, version=r.json().get("version"))
    except requests.RequestException:
        return jsonify(running=False)


# --- Settings -------------------------------------------------------------


@bp.route("/settings", methods=["GET", "POST"])
def settings():
    if request.method == "POST" and request.json.get("provider") not in ("openai", "ollama"):
        return jsonify(error="unknown provider"), 400
    return render_template("settings.html", providers=PROVIDERS, ollama_url=OLLAMA_BASE_URL)
