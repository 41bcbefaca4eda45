/**
 * Application modules that use openai-whisper or Ollama, written the many ways real projects
 * write them: different import styles, model names from literals, constants, environment
 * variables or arguments, results read by key or through segments, inside functions, classes,
 * Flask routes, CLI entry points and background jobs. Every variant is valid Python.
 */
import type { Prng } from './prng.js';

const WHISPER_MODELS = ['tiny', 'tiny.en', 'base', 'base.en', 'small', 'small.en', 'medium', 'medium.en', 'large-v2', 'large-v3', 'turbo'];
const OLLAMA_MODELS = ['llama3', 'llama3.1:8b', 'mistral', 'qwen2.5:7b', 'phi3', 'gemma2:9b', 'nomic-embed-text'];
const AUDIO_PARAMS = ['path', 'audio_path', 'filename', 'wav_file'];

function indent(lines: string[], prefix: string): string[] {
  return lines.map((l) => (l === '' ? '' : prefix + l));
}

/** How the module imports whisper, and how it then names load_model. */
function whisperImport(rng: Prng): { imports: string[]; load: string; mod: string } {
  switch (rng.int(0, 4)) {
    case 0:
      return { imports: ['import whisper'], load: 'whisper.load_model', mod: 'whisper' };
    case 1:
      return { imports: ['import whisper as wh'], load: 'wh.load_model', mod: 'wh' };
    case 2:
      return { imports: ['from whisper import load_model'], load: 'load_model', mod: 'whisper' };
    case 3:
      return { imports: ['import os', 'import whisper'], load: 'whisper.load_model', mod: 'whisper' };
    default:
      return { imports: ['import logging', 'import whisper', 'from pathlib import Path'], load: 'whisper.load_model', mod: 'whisper' };
  }
}

function transcribeKwargs(rng: Prng): string {
  const kwargs: string[] = [];
  if (rng.chance(0.4)) kwargs.push(`fp16=${rng.pick(['False', 'False', 'True'])}`);
  if (rng.chance(0.3)) kwargs.push(`language=${rng.pick(['"en"', '"de"', '"fr"', 'None', '"es"'])}`);
  if (rng.chance(0.2)) kwargs.push(`task=${rng.pick(['"transcribe"', '"translate"'])}`);
  if (rng.chance(0.2)) kwargs.push(`verbose=${rng.pick(['True', 'False', 'None'])}`);
  if (rng.chance(0.15)) kwargs.push('initial_prompt="Meeting notes about the quarterly budget."');
  if (rng.chance(0.1)) kwargs.push('word_timestamps=True');
  if (rng.chance(0.1)) kwargs.push('temperature=0.0');
  if (rng.chance(0.08)) kwargs.push('logprob_threshold=-1.0');
  return kwargs.length ? `, ${kwargs.join(', ')}` : '';
}

function resultUse(rng: Prng, result: string): string[] {
  switch (rng.int(0, 4)) {
    case 0:
      return [`print(${result}["text"])`];
    case 1:
      return [`text = ${result}["text"].strip()`, 'print(text)'];
    case 2:
      return [
        `for segment in ${result}["segments"]:`,
        '    print(f"[{segment[\'start\']:.2f} -> {segment[\'end\']:.2f}] {segment[\'text\']}")',
      ];
    case 3:
      return [`print(${result}.get("language", "unknown"), ${result}["text"])`];
    default:
      return [
        `lines = [s["text"].strip() for s in ${result}["segments"]]`,
        'print("\\n".join(lines))',
      ];
  }
}

function modelNameSource(rng: Prng): { setup: string[]; expr: string } {
  const name = rng.pick(WHISPER_MODELS);
  switch (rng.int(0, 3)) {
    case 0:
      return { setup: [], expr: `"${name}"` };
    case 1:
      return { setup: [`MODEL_NAME = "${name}"`], expr: 'MODEL_NAME' };
    case 2:
      return { setup: ['import os', `WHISPER_MODEL = os.environ.get("WHISPER_MODEL", "${name}")`], expr: 'WHISPER_MODEL' };
    default:
      return { setup: [], expr: `'${name}'` };
  }
}

function deviceArg(rng: Prng): string {
  return rng.pick(['', '', '', ', device="cuda"', ', device="cpu"', ', download_root="models/whisper"']);
}

/** A module that loads a whisper model and transcribes audio. */
export function whisperModule(rng: Prng, index: number): string {
  const imp = whisperImport(rng);
  const model = modelNameSource(rng);
  const kwargs = transcribeKwargs(rng);
  const param = rng.pick(AUDIO_PARAMS);
  const audio = rng.chance(0.2) ? `str(${param})` : param;
  const header = [`"""Speech-to-text helpers for job ${index}."""`, ...new Set([...imp.imports, ...model.setup.filter((l) => l.startsWith('import'))])];
  const consts = model.setup.filter((l) => !l.startsWith('import'));
  let body: string[];
  switch (rng.int(0, 5)) {
    case 0: // a script
      body = [
        'import sys',
        '',
        `${param} = sys.argv[1] if len(sys.argv) > 1 else "sample.wav"`,
        `model = ${imp.load}(${model.expr}${deviceArg(rng)})`,
        `result = model.transcribe(${audio}${kwargs})`,
        ...resultUse(rng, 'result'),
      ];
      break;
    case 1: // a function
      body = [
        '',
        `def transcribe_file(${param}):`,
        `    model = ${imp.load}(${model.expr}${deviceArg(rng)})`,
        `    result = model.transcribe(${audio}${kwargs})`,
        '    return result["text"]',
        '',
        '',
        'if __name__ == "__main__":',
        '    print(transcribe_file("meeting.wav"))',
      ];
      break;
    case 2: // a class that caches the model
      body = [
        '',
        'class Transcriber:',
        '    def __init__(self, model_name=None):',
        `        self.model = ${imp.load}(model_name or ${model.expr}${deviceArg(rng)})`,
        '',
        '    def run(self, path):',
        `        result = self.model.transcribe(path${kwargs})`,
        ...indent(resultUse(rng, 'result'), '        '),
        '        return result',
      ];
      break;
    case 3: // a Flask route
      body = [
        'import tempfile',
        '',
        'from flask import Blueprint, jsonify, request',
        '',
        `asr = Blueprint("asr_${index}", __name__)`,
        `_model = ${imp.load}(${model.expr}${deviceArg(rng)})`,
        '',
        '',
        '@asr.route("/transcribe", methods=["POST"])',
        'def transcribe_upload():',
        '    upload = request.files["audio"]',
        '    with tempfile.NamedTemporaryFile(suffix=".wav") as tmp:',
        '        upload.save(tmp.name)',
        `        result = _model.transcribe(tmp.name${kwargs})`,
        '    return jsonify({"text": result["text"], "language": result.get("language")})',
      ];
      break;
    case 4: // a CLI entry point
      body = [
        'import argparse',
        '',
        '',
        'def main(argv=None):',
        '    parser = argparse.ArgumentParser(description="Transcribe audio files")',
        '    parser.add_argument("files", nargs="+")',
        `    parser.add_argument("--model", default=${model.expr})`,
        '    args = parser.parse_args(argv)',
        `    model = ${imp.load}(args.model${deviceArg(rng)})`,
        '    for path in args.files:',
        `        result = model.transcribe(path${kwargs})`,
        ...indent(resultUse(rng, 'result'), '        '),
        '    return 0',
        '',
        '',
        'if __name__ == "__main__":',
        '    raise SystemExit(main())',
      ];
      break;
    default: // a background job, with the low-level API that has no one-to-one replacement
      body = [
        '',
        '',
        'def detect_language(path):',
        `    model = ${imp.load}(${model.expr})`,
        `    audio = ${imp.mod}.load_audio(path)`,
        `    audio = ${imp.mod}.pad_or_trim(audio)`,
        `    mel = ${imp.mod}.log_mel_spectrogram(audio).to(model.device)`,
        '    _, probs = model.detect_language(mel)',
        '    return max(probs, key=probs.get)',
        '',
        '',
        'def job(path):',
        `    model = ${imp.load}(${model.expr}${deviceArg(rng)})`,
        `    result = model.transcribe(path${kwargs})`,
        ...indent(resultUse(rng, 'result'), '    '),
      ];
      // `from whisper import load_model` alone does not bind the module the low-level calls need.
      if (!imp.imports.some((l) => l === 'import whisper' || l === 'import whisper as wh')) header.push('import whisper');
  }
  return [...header, ...(consts.length ? ['', ...consts] : []), ...body, ''].join('\n');
}

/** A module that talks to a local Ollama server, through the client library or its REST API. */
export function ollamaModule(rng: Prng, index: number): string {
  const model = rng.pick(OLLAMA_MODELS);
  const header = `"""Language-model calls for feature ${index}."""`;
  switch (rng.int(0, 4)) {
    case 0:
      return [header, 'import ollama', '', '',
        'def answer(question, context=""):',
        '    response = ollama.chat(',
        `        model="${model}",`,
        '        messages=[',
        '            {"role": "system", "content": "Answer from the context only."},',
        '            {"role": "user", "content": f"{context}\\n\\n{question}"},',
        '        ],',
        '    )',
        '    return response["message"]["content"]', ''].join('\n');
    case 1:
      return [header, 'from ollama import Client', '',
        'client = Client(host="http://localhost:11434")', '', '',
        'def summarize(text):',
        `    result = client.generate(model="${model}", prompt="Summarize:\\n" + text, options={"temperature": 0.2})`,
        '    return result["response"]', ''].join('\n');
    case 2:
      return [header, 'import requests', '',
        'OLLAMA_URL = "http://localhost:11434/api/generate"', '', '',
        'def complete(prompt):',
        `    payload = {"model": "${model}", "prompt": prompt, "stream": False}`,
        '    reply = requests.post(OLLAMA_URL, json=payload, timeout=120)',
        '    reply.raise_for_status()',
        '    return reply.json()["response"]', ''].join('\n');
    case 3:
      return [header, 'from langchain_community.llms import Ollama', 'from langchain_community.embeddings import OllamaEmbeddings', '',
        `llm = Ollama(model="${model}", temperature=0.1)`,
        'embeddings = OllamaEmbeddings(model="nomic-embed-text")', '', '',
        'def ask(question):',
        '    return llm.invoke(question)', ''].join('\n');
    default:
      return [header, 'import ollama', '', '',
        'def stream_reply(messages):',
        `    for chunk in ollama.chat(model="${model}", messages=messages, stream=True):`,
        '        yield chunk["message"]["content"]', '', '',
        'def embed_texts(texts):',
        '    return [ollama.embeddings(model="nomic-embed-text", prompt=t)["embedding"] for t in texts]', ''].join('\n');
  }
}
