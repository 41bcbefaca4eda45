/** A Podman stack like seed 000's: API, Chainlit UI and crawler images from one repository. */
import { makeRepo } from '../helpers/repo.js';

export const PODMANFILE_API = [
  'FROM python:3.12-slim',                                              // 1
  '',                                                                   // 2
  'WORKDIR /app',                                                       // 3
  'RUN apt-get update && \\',                                           // 4
  '    apt-get install -y \\',                                          // 5
  '    # BLAS for faiss',                                               // 6
  '    build-essential libopenblas-dev curl',                           // 7
  'COPY requirements-api.txt .',                                        // 8
  'RUN pip install --upgrade pip && pip install -r requirements-api.txt', // 9
  'COPY app/api ./api',                                                 // 10
  'EXPOSE 8000',                                                        // 11
  'CMD ["uvicorn", "api.main:app", "--host", "0.0.0.0", "--port", "8000"]', // 12
  '',
].join('\n');

export const PODMANFILE_CHAINLIT = [
  'FROM python:3.12-slim',                                              // 1
  'ENV PYTHONUNBUFFERED=1',                                             // 2
  'WORKDIR /app',                                                       // 3
  'COPY requirements-chainlit.txt .',                                   // 4
  'RUN pip install --no-cache-dir -r requirements-chainlit.txt',        // 5
  'COPY app/ui ./ui',                                                   // 6
  'CMD ["chainlit", "run", "ui/app.py", "--host", "0.0.0.0"]',          // 7
  '',
].join('\n');

export const PODMANFILE_CRAWL = [
  'FROM python:3.12-slim AS builder',                                   // 1
  'RUN apt-get update && apt-get install -y gcc && rm -rf /var/lib/apt/lists/*', // 2
  'COPY requirements-crawl.txt /tmp/',                                  // 3
  'RUN pip wheel -r /tmp/requirements-crawl.txt -w /wheels',            // 4
  '',                                                                   // 5
  'FROM python:3.12-slim',                                              // 6
  'ENV PIP_NO_CACHE_DIR=1',                                             // 7
  'WORKDIR /srv',                                                       // 8
  'COPY --from=builder /wheels /wheels',                                // 9
  'RUN pip install /wheels/*',                                          // 10
  'COPY app/crawler ./crawler',                                         // 11
  'CMD python -m crawler.main',                                         // 12
  '',
].join('\n');

export function podmanRepo(extra: Record<string, string> = {}): string {
  return makeRepo({
    'Podmanfile.api': PODMANFILE_API,
    'Podmanfile.chainlit': PODMANFILE_CHAINLIT,
    'Podmanfile.crawl': PODMANFILE_CRAWL,
    'podman-compose.yml': [
      'services:',
      '  api:',
      '    build:',
      '      context: .',
      '      dockerfile: Podmanfile.api',
      '  ui:',
      '    build: {context: ., dockerfile: Podmanfile.chainlit}',
      '  crawler:',
      '    build:',
      '      context: .',
      '      dockerfile: Podmanfile.crawl',
      '',
    ].join('\n'),
    'requirements-api.txt': 'fastapi==0.115.0\nuvicorn[standard]==0.30.6\nfaiss-cpu==1.8.0\nopenai-whisper==20240930\nredis==5.0.8\nrequests==2.32.5\n',
    'requirements-chainlit.txt': 'chainlit==1.2.0\nhttpx==0.27.2\ntorch>=2.2.0\ntorchaudio>=2.2.0\n',
    'requirements-crawl.txt': 'beautifulsoup4==4.12.3\nlxml==5.3.0\nhttpx==0.27.2\n',
    'app/api/__init__.py': '',
    'app/api/main.py': 'from fastapi import FastAPI\nimport faiss\nimport redis\nimport requests\n\nfrom .asr import transcribe\n\napp = FastAPI()\n',
    'app/api/asr.py': 'import whisper\n\n_model = whisper.load_model("base")\n\ndef transcribe(path):\n    return _model.transcribe(path)["text"]\n',
    'app/ui/app.py': 'import chainlit as cl\nimport httpx\n\n@cl.on_message\nasync def main(message):\n    async with httpx.AsyncClient() as client:\n        r = await client.post("http://api:8000/query", json={"q": message.content})\n    await cl.Message(content=r.json()["answer"]).send()\n',
    'app/crawler/__init__.py': '',
    'app/crawler/main.py': 'import httpx\nfrom bs4 import BeautifulSoup\n\ndef fetch(url):\n    html = httpx.get(url).text\n    return BeautifulSoup(html, features="lxml").get_text()\n\nif __name__ == "__main__":\n    print(fetch("https://example.com"))\n',
    ...extra,
  }, ['requirements-api.txt']);
}
