/**
 * Packages a program needs at run time without ever importing them: a library loads them by name
 * when a feature is used (FastAPI parses form bodies with python-multipart, transformers places
 * weights with accelerate when `device_map=` is given, LangChain's `Chroma` imports chromadb
 * inside the call), or they are optional dependencies (extras) of a library the code uses.
 * Such a package is "possibly used": never removed automatically, and the finding names the use.
 *
 * The table is maintained by hand (test/deps/runtime-couplings.test.ts checks every entry fires
 * on a small program and stays quiet without its trigger); a virtualenv's
 * `Requires-Dist: ...; extra == "..."` metadata adds the extras of what is installed.
 */
import type { InstalledEnvironment } from './installed.js';

export type CouplingTrigger =
  /** A name (class, function) used in a file that imports one of `within`; `name` is a regex. */
  | { kind: 'name'; name: string; within: string[] }
  /** A method or function called (`.name(` or `name(`) in a file that imports one of `within`. */
  | { kind: 'call'; name: string; within: string[] }
  /** A keyword argument (`name=`, with a literal value matching `value` when given). */
  | { kind: 'keyword'; name: string; value?: string; within: string[] }
  /** Importing a module at all (`within` holds the module prefixes). */
  | { kind: 'import'; within: string[] };

export interface RuntimeCoupling {
  /** The distribution that is needed (normalized). */
  package: string;
  trigger: CouplingTrigger;
  /** Why, in a few words: the use that needs it. */
  why: string;
}

const FASTAPI = ['fastapi', 'starlette'];
const LANGCHAIN = ['langchain', 'langchain_community', 'langchain_core', 'langchain_classic'];
const HF = ['transformers', 'diffusers', 'peft', 'trl', 'optimum'];
/** transformers' PyTorch model and pipeline classes (the TF and Flax ones carry a prefix). */
const TORCH_MODEL = '(?!TF|Flax)[A-Z][A-Za-z0-9]*(Model|ForCausalLM|ForSeq2SeqLM|ForSequenceClassification|ForTokenClassification|ForQuestionAnswering|ForMaskedLM|ForImageClassification|ForSpeechSeq2Seq|ForCTC|ForConditionalGeneration|ForObjectDetection|ForAudioClassification|Pipeline)';
const SENTENCEPIECE_TOKENIZERS = '(AutoTokenizer|T5Tokenizer|LlamaTokenizer|MarianTokenizer|AlbertTokenizer|XLNetTokenizer|CamembertTokenizer|MBartTokenizer|MBart50Tokenizer|PegasusTokenizer|XLMRobertaTokenizer|BigBirdTokenizer|M2M100Tokenizer|NllbTokenizer|GemmaTokenizer|SeamlessM4TTokenizer|BarthezTokenizer|DebertaV2Tokenizer)';

export const RUNTIME_COUPLINGS: readonly RuntimeCoupling[] = [
  // FastAPI / Starlette
  { package: 'python-multipart', trigger: { kind: 'name', name: '(Form|File|UploadFile|OAuth2PasswordRequestForm)', within: FASTAPI }, why: 'FastAPI parses form and file fields with python-multipart' },
  { package: 'python-multipart', trigger: { kind: 'call', name: 'form', within: FASTAPI }, why: 'Starlette parses request.form() with python-multipart' },
  { package: 'httpx', trigger: { kind: 'name', name: 'TestClient', within: FASTAPI }, why: 'the Starlette/FastAPI TestClient is built on httpx' },
  { package: 'jinja2', trigger: { kind: 'name', name: 'Jinja2Templates', within: FASTAPI }, why: 'Jinja2Templates renders with jinja2' },
  { package: 'itsdangerous', trigger: { kind: 'name', name: 'SessionMiddleware', within: FASTAPI }, why: 'SessionMiddleware signs cookies with itsdangerous' },
  { package: 'aiofiles', trigger: { kind: 'name', name: '(StaticFiles|FileResponse)', within: FASTAPI }, why: 'older Starlette serves files through aiofiles' },
  { package: 'orjson', trigger: { kind: 'name', name: 'ORJSONResponse', within: FASTAPI }, why: 'ORJSONResponse encodes with orjson' },
  { package: 'ujson', trigger: { kind: 'name', name: 'UJSONResponse', within: FASTAPI }, why: 'UJSONResponse encodes with ujson' },
  { package: 'websockets', trigger: { kind: 'name', name: '(WebSocket|websocket)', within: FASTAPI }, why: 'uvicorn serves WebSocket routes only with websockets (or wsproto) installed' },
  { package: 'email-validator', trigger: { kind: 'name', name: '(EmailStr|NameEmail)', within: ['pydantic', 'fastapi', 'sqlmodel'] }, why: 'pydantic validates EmailStr with email-validator' },
  { package: 'python-dotenv', trigger: { kind: 'keyword', name: '(env_file|_env_file)', within: ['pydantic', 'pydantic_settings'] }, why: 'pydantic settings read env_file= through python-dotenv' },
  // An app object needs a server that nothing imports; the deployment names it (often outside the repository).
  { package: 'uvicorn', trigger: { kind: 'call', name: '(FastAPI|Starlette)', within: FASTAPI }, why: 'a FastAPI/Starlette app is served by an ASGI server such as uvicorn' },
  { package: 'hypercorn', trigger: { kind: 'call', name: '(FastAPI|Starlette|Quart)', within: [...FASTAPI, 'quart'] }, why: 'an ASGI app is served by a server such as hypercorn' },
  { package: 'gunicorn', trigger: { kind: 'call', name: 'Flask', within: ['flask'] }, why: 'a Flask app is served in production by a WSGI server such as gunicorn' },
  { package: 'waitress', trigger: { kind: 'call', name: 'Flask', within: ['flask'] }, why: 'a Flask app is served in production by a WSGI server such as waitress' },
  { package: 'gunicorn', trigger: { kind: 'name', name: '(get_wsgi_application|get_asgi_application)', within: ['django'] }, why: 'a Django project is served by a server such as gunicorn' },
  { package: 'uvicorn', trigger: { kind: 'name', name: 'get_asgi_application', within: ['django'] }, why: 'a Django ASGI project is served by a server such as uvicorn' },
  { package: 'daphne', trigger: { kind: 'name', name: 'get_asgi_application', within: ['django', 'channels'] }, why: 'a Django ASGI project is served by a server such as daphne' },
  { package: 'gunicorn', trigger: { kind: 'call', name: '(FastAPI|Starlette)', within: FASTAPI }, why: 'gunicorn with uvicorn workers is a common way to serve FastAPI' },
  // transformers and friends
  { package: 'torch', trigger: { kind: 'keyword', name: 'return_tensors', value: 'pt', within: HF }, why: 'return_tensors="pt" makes PyTorch tensors' },
  { package: 'torch', trigger: { kind: 'name', name: TORCH_MODEL, within: HF }, why: 'transformers PyTorch model classes need torch' },
  { package: 'torch', trigger: { kind: 'call', name: 'pipeline', within: HF }, why: 'a transformers pipeline runs on torch by default' },
  { package: 'accelerate', trigger: { kind: 'keyword', name: '(device_map|low_cpu_mem_usage)', within: HF }, why: 'transformers loads accelerate to place weights for device_map=' },
  { package: 'accelerate', trigger: { kind: 'name', name: '(Trainer|Seq2SeqTrainer|SFTTrainer|TrainingArguments|Seq2SeqTrainingArguments)', within: HF }, why: 'the transformers Trainer requires accelerate' },
  { package: 'datasets', trigger: { kind: 'name', name: '(SentenceTransformerTrainer|SentenceTransformerTrainingArguments)', within: ['sentence_transformers'] }, why: 'sentence-transformers trains on datasets' },
  { package: 'accelerate', trigger: { kind: 'name', name: '(SentenceTransformerTrainer|SentenceTransformerTrainingArguments)', within: ['sentence_transformers'] }, why: 'sentence-transformers trains through accelerate' },
  { package: 'bitsandbytes', trigger: { kind: 'keyword', name: '(load_in_8bit|load_in_4bit)', within: HF }, why: 'quantized loading imports bitsandbytes' },
  { package: 'bitsandbytes', trigger: { kind: 'name', name: 'BitsAndBytesConfig', within: HF }, why: 'BitsAndBytesConfig quantizes with bitsandbytes' },
  { package: 'sentencepiece', trigger: { kind: 'name', name: SENTENCEPIECE_TOKENIZERS, within: HF }, why: 'slow and SentencePiece tokenizers load sentencepiece by name' },
  { package: 'protobuf', trigger: { kind: 'name', name: SENTENCEPIECE_TOKENIZERS, within: HF }, why: 'converting a SentencePiece tokenizer reads its protobuf model' },
  { package: 'pillow', trigger: { kind: 'name', name: '(AutoImageProcessor|AutoFeatureExtractor|\\w+ImageProcessor|CLIPProcessor|BlipProcessor|AutoProcessor)', within: HF }, why: 'image processors open images with Pillow' },
  { package: 'torch', trigger: { kind: 'name', name: '(HuggingFacePipeline|HuggingFaceEmbeddings|SentenceTransformerEmbeddings|HuggingFaceBgeEmbeddings)', within: LANGCHAIN }, why: 'LangChain runs the local model on torch' },
  // LangChain integrations import their client inside the class
  { package: 'langchain-community', trigger: { kind: 'import', within: ['langchain.embeddings', 'langchain.vectorstores', 'langchain.document_loaders', 'langchain.llms', 'langchain.chat_models', 'langchain.retrievers', 'langchain.tools', 'langchain.utilities', 'langchain.document_transformers', 'langchain.cache', 'langchain.callbacks', 'langchain.agents.agent_toolkits'] }, why: 'langchain 0.2+ loads its integrations from langchain_community' },
  { package: 'openai', trigger: { kind: 'name', name: '(OpenAI|ChatOpenAI|OpenAIEmbeddings|AzureOpenAI|AzureChatOpenAI|AzureOpenAIEmbeddings|OpenAIChat)', within: LANGCHAIN }, why: 'LangChain OpenAI classes call the openai client' },
  { package: 'tiktoken', trigger: { kind: 'name', name: '(OpenAIEmbeddings|AzureOpenAIEmbeddings|TokenTextSplitter|from_tiktoken_encoder|get_openai_callback)', within: [...LANGCHAIN, 'langchain_openai', 'langchain_text_splitters'] }, why: 'LangChain counts OpenAI tokens with tiktoken' },
  { package: 'chromadb', trigger: { kind: 'name', name: 'Chroma', within: LANGCHAIN }, why: 'LangChain Chroma stores vectors in chromadb' },
  { package: 'faiss-cpu', trigger: { kind: 'name', name: 'FAISS', within: LANGCHAIN }, why: 'LangChain FAISS indexes with faiss' },
  { package: 'faiss-gpu', trigger: { kind: 'name', name: 'FAISS', within: LANGCHAIN }, why: 'LangChain FAISS indexes with faiss' },
  { package: 'pypdf', trigger: { kind: 'name', name: '(PyPDFLoader|PyPDFDirectoryLoader)', within: LANGCHAIN }, why: 'PyPDFLoader reads PDFs with pypdf' },
  { package: 'pymupdf', trigger: { kind: 'name', name: 'PyMuPDFLoader', within: LANGCHAIN }, why: 'PyMuPDFLoader reads PDFs with PyMuPDF' },
  { package: 'pdfplumber', trigger: { kind: 'name', name: 'PDFPlumberLoader', within: LANGCHAIN }, why: 'PDFPlumberLoader reads PDFs with pdfplumber' },
  { package: 'pypdfium2', trigger: { kind: 'name', name: 'PyPDFium2Loader', within: LANGCHAIN }, why: 'PyPDFium2Loader reads PDFs with pypdfium2' },
  { package: 'unstructured', trigger: { kind: 'name', name: '(Unstructured\\w*Loader|DirectoryLoader|SeleniumURLLoader)', within: LANGCHAIN }, why: 'unstructured loaders (and DirectoryLoader by default) parse with unstructured' },
  { package: 'docx2txt', trigger: { kind: 'name', name: 'Docx2txtLoader', within: LANGCHAIN }, why: 'Docx2txtLoader reads .docx with docx2txt' },
  { package: 'beautifulsoup4', trigger: { kind: 'name', name: '(WebBaseLoader|RecursiveUrlLoader|BSHTMLLoader|SitemapLoader|Html2TextTransformer|BeautifulSoupTransformer)', within: LANGCHAIN }, why: 'LangChain web loaders parse HTML with BeautifulSoup' },
  { package: 'html2text', trigger: { kind: 'name', name: 'Html2TextTransformer', within: LANGCHAIN }, why: 'Html2TextTransformer converts with html2text' },
  { package: 'youtube-transcript-api', trigger: { kind: 'name', name: 'YoutubeLoader', within: LANGCHAIN }, why: 'YoutubeLoader fetches transcripts with youtube-transcript-api' },
  { package: 'pytube', trigger: { kind: 'name', name: 'YoutubeLoader', within: LANGCHAIN }, why: 'YoutubeLoader(add_video_info=True) reads metadata with pytube' },
  { package: 'wikipedia', trigger: { kind: 'name', name: '(WikipediaLoader|WikipediaQueryRun|WikipediaAPIWrapper|WikipediaRetriever)', within: LANGCHAIN }, why: 'the Wikipedia tools call the wikipedia package' },
  { package: 'duckduckgo-search', trigger: { kind: 'name', name: '(DuckDuckGoSearchRun|DuckDuckGoSearchResults|DuckDuckGoSearchAPIWrapper)', within: LANGCHAIN }, why: 'the DuckDuckGo tools call duckduckgo-search' },
  { package: 'arxiv', trigger: { kind: 'name', name: '(ArxivLoader|ArxivQueryRun|ArxivAPIWrapper|ArxivRetriever)', within: LANGCHAIN }, why: 'the arXiv tools call the arxiv package' },
  { package: 'sentence-transformers', trigger: { kind: 'name', name: '(HuggingFaceEmbeddings|SentenceTransformerEmbeddings|HuggingFaceBgeEmbeddings|HuggingFaceInstructEmbeddings|HuggingFaceCrossEncoder)', within: [...LANGCHAIN, 'langchain_huggingface'] }, why: 'HuggingFace embeddings run sentence-transformers' },
  { package: 'instructorembedding', trigger: { kind: 'name', name: 'HuggingFaceInstructEmbeddings', within: LANGCHAIN }, why: 'HuggingFaceInstructEmbeddings loads InstructorEmbedding' },
  { package: 'transformers', trigger: { kind: 'name', name: 'HuggingFacePipeline', within: LANGCHAIN }, why: 'HuggingFacePipeline builds a transformers pipeline' },
  { package: 'huggingface-hub', trigger: { kind: 'name', name: '(HuggingFaceHub|HuggingFaceEndpoint|HuggingFaceHubEmbeddings|HuggingFaceInferenceAPIEmbeddings)', within: LANGCHAIN }, why: 'the Hub classes call huggingface_hub' },
  { package: 'llama-cpp-python', trigger: { kind: 'name', name: '(LlamaCpp|LlamaCppEmbeddings|ChatLlamaCpp)', within: LANGCHAIN }, why: 'LlamaCpp runs llama-cpp-python' },
  { package: 'gpt4all', trigger: { kind: 'name', name: '(GPT4All|GPT4AllEmbeddings)', within: LANGCHAIN }, why: 'GPT4All classes run the gpt4all package' },
  { package: 'ctransformers', trigger: { kind: 'name', name: 'CTransformers', within: LANGCHAIN }, why: 'CTransformers runs the ctransformers package' },
  { package: 'cohere', trigger: { kind: 'name', name: '(Cohere|ChatCohere|CohereEmbeddings|CohereRerank)', within: LANGCHAIN }, why: 'the Cohere classes call the cohere client' },
  { package: 'anthropic', trigger: { kind: 'name', name: '(ChatAnthropic|Anthropic)', within: LANGCHAIN }, why: 'the Anthropic classes call the anthropic client' },
  { package: 'google-generativeai', trigger: { kind: 'name', name: '(GooglePalm|GooglePalmEmbeddings|ChatGooglePalm)', within: LANGCHAIN }, why: 'the Google PaLM classes call google-generativeai' },
  { package: 'pinecone-client', trigger: { kind: 'name', name: 'Pinecone', within: LANGCHAIN }, why: 'LangChain Pinecone stores vectors with the pinecone client' },
  { package: 'pinecone', trigger: { kind: 'name', name: 'Pinecone', within: LANGCHAIN }, why: 'LangChain Pinecone stores vectors with the pinecone client' },
  { package: 'qdrant-client', trigger: { kind: 'name', name: '(Qdrant|QdrantVectorStore)', within: LANGCHAIN }, why: 'LangChain Qdrant stores vectors with qdrant-client' },
  { package: 'weaviate-client', trigger: { kind: 'name', name: 'Weaviate', within: LANGCHAIN }, why: 'LangChain Weaviate stores vectors with weaviate-client' },
  { package: 'redis', trigger: { kind: 'name', name: '(Redis|RedisChatMessageHistory|RedisCache)', within: LANGCHAIN }, why: 'the LangChain Redis classes call redis' },
  { package: 'pgvector', trigger: { kind: 'name', name: 'PGVector', within: LANGCHAIN }, why: 'PGVector stores vectors through pgvector' },
  { package: 'rank-bm25', trigger: { kind: 'name', name: 'BM25Retriever', within: LANGCHAIN }, why: 'BM25Retriever ranks with rank_bm25' },
  { package: 'spacy', trigger: { kind: 'name', name: 'SpacyTextSplitter', within: [...LANGCHAIN, 'langchain_text_splitters'] }, why: 'SpacyTextSplitter splits with spaCy' },
  { package: 'nltk', trigger: { kind: 'name', name: 'NLTKTextSplitter', within: [...LANGCHAIN, 'langchain_text_splitters'] }, why: 'NLTKTextSplitter splits with nltk' },
  { package: 'lark', trigger: { kind: 'name', name: 'SelfQueryRetriever', within: LANGCHAIN }, why: 'SelfQueryRetriever parses queries with lark' },
  // pandas loads readers and writers by name
  { package: 'openpyxl', trigger: { kind: 'call', name: '(read_excel|to_excel|ExcelWriter|ExcelFile)', within: ['pandas'] }, why: 'pandas reads and writes .xlsx with openpyxl' },
  { package: 'xlrd', trigger: { kind: 'call', name: '(read_excel|ExcelFile)', within: ['pandas'] }, why: 'pandas reads .xls with xlrd' },
  { package: 'xlsxwriter', trigger: { kind: 'call', name: '(to_excel|ExcelWriter)', within: ['pandas'] }, why: 'pandas writes .xlsx with xlsxwriter when installed' },
  { package: 'pyarrow', trigger: { kind: 'call', name: '(read_parquet|to_parquet|read_feather|to_feather|read_orc|to_orc)', within: ['pandas', 'dask', 'polars'] }, why: 'pandas reads and writes Parquet and Feather with pyarrow' },
  { package: 'fastparquet', trigger: { kind: 'call', name: '(read_parquet|to_parquet)', within: ['pandas', 'dask'] }, why: 'pandas falls back to fastparquet for Parquet' },
  { package: 'tabulate', trigger: { kind: 'call', name: 'to_markdown', within: ['pandas'] }, why: 'DataFrame.to_markdown formats with tabulate' },
  { package: 'sqlalchemy', trigger: { kind: 'call', name: '(read_sql|read_sql_query|read_sql_table|to_sql)', within: ['pandas'] }, why: 'pandas talks to databases through SQLAlchemy' },
  { package: 'lxml', trigger: { kind: 'call', name: '(read_html|read_xml|to_xml)', within: ['pandas'] }, why: 'pandas parses HTML and XML with lxml' },
  { package: 'html5lib', trigger: { kind: 'call', name: 'read_html', within: ['pandas'] }, why: 'pandas read_html falls back to html5lib' },
  { package: 'beautifulsoup4', trigger: { kind: 'call', name: 'read_html', within: ['pandas'] }, why: 'pandas read_html uses BeautifulSoup with html5lib' },
  { package: 'matplotlib', trigger: { kind: 'call', name: '(plot|hist|boxplot|scatter_matrix)', within: ['pandas'] }, why: 'pandas plots through matplotlib' },
  { package: 'jinja2', trigger: { kind: 'name', name: '(style\\.(format|background_gradient|highlight_\\w+|apply|map|applymap|set_\\w+|bar|to_html)|to_latex)', within: ['pandas'] }, why: 'DataFrame.style renders with jinja2' },
  // Streamlit charts and file watching
  { package: 'plotly', trigger: { kind: 'call', name: 'plotly_chart', within: ['streamlit'] }, why: 'st.plotly_chart draws plotly figures' },
  { package: 'matplotlib', trigger: { kind: 'call', name: 'pyplot', within: ['streamlit'] }, why: 'st.pyplot draws matplotlib figures' },
  { package: 'graphviz', trigger: { kind: 'call', name: 'graphviz_chart', within: ['streamlit'] }, why: 'st.graphviz_chart renders with graphviz' },
  { package: 'bokeh', trigger: { kind: 'call', name: 'bokeh_chart', within: ['streamlit'] }, why: 'st.bokeh_chart draws bokeh figures' },
  { package: 'watchdog', trigger: { kind: 'import', within: ['streamlit'] }, why: 'streamlit watches source files with watchdog when it is installed' },
  // Databases, servers, other libraries that load a package by name
  { package: 'greenlet', trigger: { kind: 'call', name: '(create_async_engine|async_sessionmaker|AsyncSession)', within: ['sqlalchemy', 'sqlmodel'] }, why: 'SQLAlchemy asyncio runs on greenlet' },
  { package: 'pillow', trigger: { kind: 'name', name: 'ImageField', within: ['django', 'rest_framework'] }, why: 'Django ImageField validates images with Pillow' },
  { package: 'bcrypt', trigger: { kind: 'keyword', name: 'schemes', value: '.*bcrypt.*', within: ['passlib'] }, why: 'passlib hashes "bcrypt" with the bcrypt package' },
  { package: 'argon2-cffi', trigger: { kind: 'keyword', name: 'schemes', value: '.*argon2.*', within: ['passlib'] }, why: 'passlib hashes "argon2" with argon2-cffi' },
  { package: 'h2', trigger: { kind: 'keyword', name: 'http2', value: 'True', within: ['httpx'] }, why: 'httpx speaks HTTP/2 only with h2' },
  { package: 'soundfile', trigger: { kind: 'call', name: '(load|save|info)', within: ['torchaudio', 'librosa'] }, why: 'torchaudio and librosa read audio through soundfile' },
  { package: 'soundfile', trigger: { kind: 'call', name: '(load_audio|save_audio)', within: ['df'] }, why: 'DeepFilterNet reads and writes audio through torchaudio, which needs a backend such as soundfile' },
  { package: 'scikit-learn', trigger: { kind: 'call', name: 'load', within: ['evaluate'] }, why: 'evaluate metrics (accuracy, f1, ...) compute with scikit-learn' },
  { package: 'gevent', trigger: { kind: 'keyword', name: 'worker_class', value: 'gevent', within: [] }, why: 'gunicorn runs gevent workers' },
  { package: 'eventlet', trigger: { kind: 'keyword', name: '(worker_class|async_mode)', value: 'eventlet', within: [] }, why: 'the eventlet worker or async mode loads eventlet' },
  { package: 'gevent', trigger: { kind: 'keyword', name: 'async_mode', value: 'gevent', within: [] }, why: 'Socket.IO async_mode="gevent" loads gevent' },
];

/**
 * Optional dependencies (extras) of common libraries, for when no virtualenv shows them: a
 * declared package named here is possibly used whenever its host is. Only extras that change
 * what an ordinary program loads are listed (pandas' readers are couplings of the calls that
 * load them, not extras of pandas).
 */
export const KNOWN_EXTRAS: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  fastapi: { standard: ['fastapi-cli', 'httpx', 'jinja2', 'python-multipart', 'email-validator', 'uvicorn'] },
  starlette: { full: ['itsdangerous', 'jinja2', 'python-multipart', 'pyyaml', 'httpx'] },
  uvicorn: { standard: ['uvloop', 'httptools', 'websockets', 'watchfiles', 'python-dotenv', 'pyyaml', 'colorama', 'wsproto'] },
  flask: { async: ['asgiref'], dotenv: ['python-dotenv'] },
  pydantic: { email: ['email-validator'], timezone: ['tzdata'], dotenv: ['python-dotenv'] },
  'pydantic-settings': { yaml: ['pyyaml'], toml: ['tomli'] },
  gunicorn: { gevent: ['gevent'], eventlet: ['eventlet'], tornado: ['tornado'], setproctitle: ['setproctitle'] },
  transformers: {
    torch: ['torch', 'accelerate'], sentencepiece: ['sentencepiece', 'protobuf'], tokenizers: ['tokenizers'], vision: ['pillow'],
    audio: ['librosa', 'pyctcdecode', 'phonemizer', 'kenlm'], speech: ['torchaudio', 'librosa'], 'torch-vision': ['torchvision', 'pillow'],
    tf: ['tensorflow', 'onnxconverter-common', 'tf2onnx', 'tensorflow-text', 'keras-nlp'], flax: ['jax', 'jaxlib', 'flax', 'optax'],
    onnx: ['onnxruntime', 'onnxconverter-common', 'tf2onnx'], timm: ['timm'], accelerate: ['accelerate'],
    ja: ['fugashi', 'ipadic', 'unidic-lite', 'unidic', 'sudachipy', 'sudachidict-core', 'rhoknp'],
  },
  'sentence-transformers': { onnx: ['optimum', 'onnxruntime'], openvino: ['optimum-intel'] },
  diffusers: { torch: ['torch', 'accelerate'], flax: ['jax', 'jaxlib', 'flax'] },
  'huggingface-hub': { hf_transfer: ['hf-transfer'], inference: ['aiohttp'], hf_xet: ['hf-xet'] },
  datasets: { audio: ['soundfile', 'librosa', 'soxr'], vision: ['pillow'], torch: ['torch'] },
  sqlalchemy: {
    asyncio: ['greenlet'], postgresql: ['psycopg2'], 'postgresql-psycopg2binary': ['psycopg2-binary'], 'postgresql-asyncpg': ['asyncpg', 'greenlet'],
    'postgresql-psycopg': ['psycopg'], 'postgresql-psycopgbinary': ['psycopg-binary'], 'postgresql-pg8000': ['pg8000'], mysql: ['mysqlclient'],
    'mysql-connector': ['mysql-connector-python'], pymysql: ['pymysql'], aiomysql: ['aiomysql', 'greenlet'], asyncmy: ['asyncmy', 'greenlet'],
    aiosqlite: ['aiosqlite', 'greenlet'], mssql: ['pyodbc'], 'mssql-pymssql': ['pymssql'], oracle: ['cx-oracle'], 'oracle-oracledb': ['oracledb'],
  },
  requests: { socks: ['pysocks'], 'use-chardet-on-py3': ['chardet'] },
  httpx: { http2: ['h2'], socks: ['socksio'], brotli: ['brotli', 'brotlicffi'], zstd: ['zstandard'], cli: ['click', 'pygments', 'rich'] },
  aiohttp: { speedups: ['aiodns', 'brotli', 'brotlicffi'] },
  'python-jose': { cryptography: ['cryptography'], pycryptodome: ['pycryptodome'], pycrypto: ['pycrypto'] },
  pyjwt: { crypto: ['cryptography'] },
  passlib: { bcrypt: ['bcrypt'], argon2: ['argon2-cffi'], totp: ['cryptography'] },
  django: { argon2: ['argon2-cffi'], bcrypt: ['bcrypt'] },
  'django-storages': { s3: ['boto3'], boto3: ['boto3'], google: ['google-cloud-storage'], azure: ['azure-storage-blob'], sftp: ['paramiko'] },
  celery: { redis: ['redis'], sqs: ['boto3', 'pycurl'], msgpack: ['msgpack'], yaml: ['pyyaml'], librabbitmq: ['librabbitmq'], eventlet: ['eventlet'], gevent: ['gevent'] },
  'python-socketio': { client: ['requests', 'websocket-client'], asyncio_client: ['aiohttp'] },
  'flask-socketio': { eventlet: ['eventlet'], gevent: ['gevent', 'gevent-websocket'] },
  openai: { realtime: ['websockets'] },
  langchain: { openai: ['openai', 'tiktoken'], anthropic: ['anthropic'], cohere: ['cohere'], huggingface: ['langchain-huggingface'] },
  'discord-py': { voice: ['pynacl'], speed: ['orjson', 'aiodns', 'brotli', 'cchardet', 'zstandard'] },
  'python-telegram-bot': { 'job-queue': ['apscheduler'], webhooks: ['tornado'], socks: ['httpx'], http2: ['h2'], rate_limiter: ['aiolimiter'] },
  speechrecognition: { audio: ['pyaudio'], 'whisper-local': ['openai-whisper', 'soundfile'], 'faster-whisper': ['faster-whisper'], openai: ['openai', 'httpx'], groq: ['groq', 'httpx'] },
  pypdf: { crypto: ['cryptography'], image: ['pillow'] },
  redis: { hiredis: ['hiredis'] },
  psycopg: { binary: ['psycopg-binary'], c: ['psycopg-c'], pool: ['psycopg-pool'] },
  pymongo: { srv: ['dnspython'], aws: ['pymongo-auth-aws'] },
  elasticsearch: { async: ['aiohttp'] },
  qrcode: { pil: ['pillow'] },
  unstructured: {
    pdf: ['pdf2image', 'pdfminer-six', 'pikepdf', 'pi-heif', 'unstructured-inference', 'pypdf', 'google-cloud-vision', 'effdet', 'onnx', 'pytesseract', 'unstructured-pytesseract'],
    docx: ['python-docx'], pptx: ['python-pptx'], xlsx: ['openpyxl', 'pandas', 'xlrd', 'networkx'], md: ['markdown'], csv: ['pandas'],
  },
  spacy: { lookups: ['spacy-lookups-data'], transformers: ['spacy-transformers'] },
  'qdrant-client': { fastembed: ['fastembed'] },
  channels: { daphne: ['daphne'] },
};

/**
 * Extras that are not run-time features of an ordinary program: aggregates, development and
 * documentation, and features that only explicit code reaches (training, data helpers, command
 * line tools, serving). What such code needs is in RUNTIME_COUPLINGS, triggered by that code.
 */
const NOT_A_RUNTIME_EXTRA = /^(all|full-dev|complete|everything|dev|devel|develop|development|test|tests|testing|doc|docs|documentation|docs-specific|lint|linting|quality|style|typing|types|mypy|check|format|formatting|ci|release|publish|build|bench|benchmark|benchmarks|examples?|notebooks?|train|training|datalib|voice_helpers|cli|tools|serving|server|integrations|retrieval|sklearn|ray|optuna|sigopt|deepspeed|deepspeed-testing|fairscale|codecarbon|modelcreation|agents|torchhub|sagemaker|experimental|profiling)$|(^|[-_])(dev|test|tests|testing|docs?)($|[-_])/i;

/** Every optional dependency of `host` and the extra that brings it: the venv's metadata, then the table. */
export function optionalDependencies(host: string, env: InstalledEnvironment | undefined): Map<string, string> {
  const out = new Map<string, string>();
  const dist = env?.dists.get(host);
  for (const req of dist?.requires ?? []) {
    const extra = /\bextra\s*==\s*["']([^"']+)["']/.exec(req.marker ?? '')?.[1];
    if (!extra || NOT_A_RUNTIME_EXTRA.test(extra) || out.has(req.name)) continue;
    out.set(req.name, extra);
  }
  for (const [extra, names] of Object.entries(KNOWN_EXTRAS[host] ?? {})) {
    for (const name of names) if (!out.has(name)) out.set(name, extra);
  }
  return out;
}
