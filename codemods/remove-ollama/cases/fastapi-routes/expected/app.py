"""FastAPI endpoints for Ollama go with their decorators; the app and other routes stay."""
from fastapi import FastAPI

app = FastAPI()


@app.get("/healthz")
async def healthz():
    return {"ok": True}
