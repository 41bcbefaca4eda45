"""A small upload service: a form field, a file and an e-mail address."""
from fastapi import FastAPI, File, Form, UploadFile
from pydantic import BaseModel, EmailStr

app = FastAPI()


class Subscriber(BaseModel):
    address: EmailStr


@app.post("/notes")
async def add_note(title: str = Form(...), attachment: UploadFile = File(None)):
    size = len(await attachment.read()) if attachment else 0
    return {"title": title, "bytes": size}


@app.post("/subscribe")
def subscribe(who: Subscriber):
    return {"ok": who.address}
