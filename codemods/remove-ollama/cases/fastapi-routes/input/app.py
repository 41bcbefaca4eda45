"""FastAPI endpoints for Ollama go with their decorators; the app and other routes stay."""
import httpx
from fastapi import FastAPI

app = FastAPI()
OLLAMA_URL = "http://127.0.0.1:11434"


@app.get("/healthz")
async def healthz():
    return {"ok": True}


@app.get("/ollama/tags")
async def tags():
    async with httpx.AsyncClient() as client:
        r = await client.get(f"{OLLAMA_URL}/api/tags")
    return r.json()


@app.post("/api/ollama/pull/{name}")
async def pull(name: str):
    async with httpx.AsyncClient(timeout=None) as client:
        await client.post(f"{OLLAMA_URL}/api/pull", json={"model": name, "stream": False})
    return {"pulled": name}
