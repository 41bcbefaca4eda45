from fastapi.testclient import TestClient

from app import app

client = TestClient(app)


def test_note():
    assert client.post("/notes", data={"title": "x"}).status_code == 200
