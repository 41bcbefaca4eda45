/**
 * Import names that differ from their distribution's name: the maintained table used when no
 * virtualenv says it (a venv's top_level.txt and RECORD always take precedence). Most other
 * names follow conventions that `candidateDistributions` tries (`a.b` -> `a-b`, `python-a`, ...).
 */
import { normalizeName } from '../manifests/requirement.js';

const IMPORT_TO_DISTRIBUTIONS: Record<string, string[]> = {
  cv2: ['opencv-python', 'opencv-python-headless', 'opencv-contrib-python', 'opencv-contrib-python-headless'],
  sklearn: ['scikit-learn'],
  skimage: ['scikit-image'],
  PIL: ['pillow', 'pillow-simd'],
  yaml: ['pyyaml'],
  ruamel: ['ruamel-yaml'],
  bs4: ['beautifulsoup4'],
  whisper: ['openai-whisper'],
  dotenv: ['python-dotenv'],
  jwt: ['pyjwt'],
  jose: ['python-jose'],
  dateutil: ['python-dateutil'],
  magic: ['python-magic'],
  docx: ['python-docx'],
  pptx: ['python-pptx'],
  fitz: ['pymupdf'],
  Crypto: ['pycryptodome', 'pycrypto'],
  Cryptodome: ['pycryptodomex'],
  OpenSSL: ['pyopenssl'],
  'google.protobuf': ['protobuf'],
  attr: ['attrs'],
  serial: ['pyserial'],
  usb: ['pyusb'],
  gi: ['pygobject'],
  MySQLdb: ['mysqlclient'],
  'mysql.connector': ['mysql-connector-python'],
  psycopg2: ['psycopg2', 'psycopg2-binary'],
  psycopg: ['psycopg', 'psycopg-binary'],
  zmq: ['pyzmq'],
  git: ['gitpython'],
  github: ['pygithub'],
  multipart: ['python-multipart'],
  socketio: ['python-socketio'],
  engineio: ['python-engineio'],
  telegram: ['python-telegram-bot'],
  discord: ['discord-py'],
  faiss: ['faiss-cpu', 'faiss-gpu', 'faiss-gpu-cu12', 'faiss-gpu-cu11'],
  llama_cpp: ['llama-cpp-python'],
  Levenshtein: ['levenshtein', 'python-levenshtein'],
  pkg_resources: ['setuptools'],
  dns: ['dnspython'],
  nacl: ['pynacl'],
  ldap: ['python-ldap'],
  win32api: ['pywin32'],
  win32con: ['pywin32'],
  umap: ['umap-learn'],
  Bio: ['biopython'],
  websocket: ['websocket-client'],
  slugify: ['python-slugify'],
  pythonjsonlogger: ['python-json-logger'],
  kafka: ['kafka-python'],
  grpc: ['grpcio'],
  grpc_tools: ['grpcio-tools'],
  speech_recognition: ['speechrecognition'],
  ffmpeg: ['ffmpeg-python'],
  newspaper: ['newspaper3k', 'newspaper4k'],
  readability: ['readability-lxml'],
  pdfminer: ['pdfminer-six'],
  tabula: ['tabula-py'],
  camelot: ['camelot-py'],
  mmcv: ['mmcv', 'mmcv-full'],
  flash_attn: ['flash-attn'],
  rest_framework: ['djangorestframework'],
  corsheaders: ['django-cors-headers'],
  debug_toolbar: ['django-debug-toolbar'],
  environ: ['django-environ'],
  storages: ['django-storages'],
  bson: ['pymongo'],
  gridfs: ['pymongo'],
  IPython: ['ipython'],
  mpl_toolkits: ['matplotlib'],
  OpenGL: ['pyopengl'],
  wx: ['wxpython'],
  Xlib: ['python-xlib'],
  docker: ['docker'],
  argon2: ['argon2-cffi'],
  markdown_it: ['markdown-it-py'],
  _pytest: ['pytest'],
  tensorflow: ['tensorflow', 'tensorflow-cpu', 'tensorflow-gpu', 'tensorflow-macos', 'tensorflow-intel'],
  onnxruntime: ['onnxruntime', 'onnxruntime-gpu', 'onnxruntime-directml', 'onnxruntime-silicon'],
  jax: ['jax'],
  haystack: ['haystack-ai', 'farm-haystack'],
  pinecone: ['pinecone', 'pinecone-client'],
  weaviate: ['weaviate-client'],
  llama_index: ['llama-index', 'llama-index-core'],
  googleapiclient: ['google-api-python-client'],
  odf: ['odfpy'],
  python_calamine: ['python-calamine'],
  sentencepiece: ['sentencepiece'],
  tree_sitter: ['tree-sitter'],
  lxml: ['lxml'],
  html5lib: ['html5lib'],
  editdistance: ['editdistance'],
  Cython: ['cython'],
  typing_extensions: ['typing-extensions'],
  importlib_metadata: ['importlib-metadata'],
  ctranslate2: ['ctranslate2'],
  'google.auth': ['google-auth'],
  'google.oauth2': ['google-auth'],
  'google.genai': ['google-genai'],
  'google.generativeai': ['google-generativeai'],
  'google_auth_oauthlib': ['google-auth-oauthlib'],
  sentence_transformers: ['sentence-transformers'],
  rest_framework_simplejwt: ['djangorestframework-simplejwt'],
  rest_framework_jwt: ['djangorestframework-jwt'],
  django_filters: ['django-filter'],
  drf_yasg: ['drf-yasg'],
  drf_spectacular: ['drf-spectacular'],
  crispy_forms: ['django-crispy-forms'],
  allauth: ['django-allauth'],
  decouple: ['python-decouple'],
  social_django: ['social-auth-app-django'],
  import_export: ['django-import-export'],
  taggit: ['django-taggit'],
  phonenumber_field: ['django-phonenumber-field'],
  oauth2_provider: ['django-oauth-toolkit'],
  knox: ['django-rest-knox'],
  telebot: ['pytelegrambotapi'],
  df: ['deepfilternet'],
  'snowflake.snowpark': ['snowflake-snowpark-python'],
  'snowflake.connector': ['snowflake-connector-python'],
  duckduckgo_search: ['duckduckgo-search'],
  youtube_transcript_api: ['youtube-transcript-api'],
  pytesseract: ['pytesseract'],
  sklearn_crfsuite: ['sklearn-crfsuite'],
  azure_devops: ['azure-devops'],
  pydantic_settings: ['pydantic-settings'],
};

/** Distribution name affixes that do not appear in the import name. */
const PREFIXES = ['python-', 'py-', 'django-', 'flask-'];
const SUFFIXES = ['-python', '-py', '-binary', '-headless', '-cpu', '-gpu', '-client', '-sdk', '-api'];

/**
 * Distributions that could provide a module, most specific first: the table, then naming
 * conventions (`google.cloud.storage` -> google-cloud-storage, `jwt` -> pyjwt, `cv2` ...).
 */
export function candidateDistributions(module: string, conventions = true): string[] {
  const parts = module.split('.');
  const out: string[] = [];
  // Namespace packages name distributions after up to four levels (llama_index.storage.docstore.mongodb).
  for (let depth = Math.min(parts.length, NAMESPACE_DEPTH[parts[0]] ? 4 : 3); depth >= 1; depth--) {
    const prefix = parts.slice(0, depth).join('.');
    for (const d of IMPORT_TO_DISTRIBUTIONS[prefix] ?? []) out.push(d);
    const base = normalizeName(parts.slice(0, depth).join('-'));
    out.push(base);
    if (depth === 1 && conventions) {
      for (const p of PREFIXES) out.push(normalizeName(`${p}${base}`));
      for (const s of SUFFIXES) out.push(normalizeName(`${base}${s}`));
    }
  }
  return [...new Set(out)];
}

/** Whether the table names this distribution for some import (its import name differs). */
export function tableImportsOf(dist: string): string[] {
  return Object.entries(IMPORT_TO_DISTRIBUTIONS).filter(([, dists]) => dists.includes(dist)).map(([module]) => module);
}

/** Namespace packages whose distributions are named after more than the top-level module. */
const NAMESPACE_DEPTH: Record<string, (parts: string[]) => number> = {
  google: (p) => (p[1] === 'cloud' ? 3 : 2),
  azure: (p) => (/^(storage|mgmt|ai|keyvault|monitor|search|communication|eventhub|servicebus)$/.test(p[1] ?? '') ? 3 : 2),
  opentelemetry: (p) => (/^(instrumentation|exporter|propagators)$/.test(p[1] ?? '') ? 3 : 2),
  llama_index: (p) => (p[1] === 'storage' ? 4 : /^(llms|embeddings|vector_stores|readers|postprocessor|retrievers|tools|agent|callbacks|graph_stores|multi_modal_llms|question_gen|program|indices|node_parser|extractors|selectors|response_synthesizers|output_parsers)$/.test(p[1] ?? '') ? 3 : 2),
  jaraco: () => 2,
  sphinxcontrib: () => 2,
  backports: () => 2,
};

/**
 * The one distribution to declare for an import: the table, else the top-level module's name
 * (`matplotlib.pyplot` -> matplotlib, never a made-up `matplotlib-pyplot`), except for namespace
 * packages (`google.cloud.storage` -> google-cloud-storage).
 */
export function expectedDistributionName(module: string): string {
  const parts = module.split('.');
  for (let depth = Math.min(parts.length, 3); depth >= 1; depth--) {
    const listed = IMPORT_TO_DISTRIBUTIONS[parts.slice(0, depth).join('.')];
    if (listed) return listed[0];
  }
  const namespace = NAMESPACE_DEPTH[parts[0]];
  if (namespace && parts.length > 1) return normalizeName(parts.slice(0, Math.min(parts.length, namespace(parts))).join('-'));
  return normalizeName(parts[0]);
}
