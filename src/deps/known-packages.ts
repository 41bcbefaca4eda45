/**
 * What repolish knows about packages without looking at a virtualenv: typical installed sizes of
 * the heavy ones (estimates, always labelled so), the dependency edges that decide whether a
 * heavy package is still needed, command-line tools, and advice. Measured facts from a venv
 * always take precedence over this file.
 */

const MB = 1024 * 1024;
const GB = 1024 * MB;

/**
 * Typical installed size on Linux x86_64, CPython 3.11/3.12, recent releases (rounded; derived
 * from wheel sizes and the usual expansion of their shared libraries). Never reported as measured.
 */
export const TYPICAL_INSTALLED_BYTES: Record<string, number> = {
  torch: 1.7 * GB,
  triton: 0.45 * GB,
  'nvidia-cudnn-cu12': 1.0 * GB,
  'nvidia-cublas-cu12': 0.8 * GB,
  'nvidia-nccl-cu12': 0.35 * GB,
  'nvidia-cusparse-cu12': 0.35 * GB,
  'nvidia-cusparselt-cu12': 0.3 * GB,
  'nvidia-cusolver-cu12': 0.35 * GB,
  'nvidia-cufft-cu12': 0.3 * GB,
  'nvidia-curand-cu12': 0.1 * GB,
  'nvidia-cuda-nvrtc-cu12': 0.1 * GB,
  'nvidia-nvjitlink-cu12': 0.1 * GB,
  'nvidia-cuda-cupti-cu12': 0.03 * GB,
  'nvidia-cufile-cu12': 0.04 * GB,
  'nvidia-cuda-runtime-cu12': 3 * MB,
  'nvidia-nvtx-cu12': 1 * MB,
  torchaudio: 15 * MB,
  torchvision: 30 * MB,
  tensorflow: 1.6 * GB,
  'tensorflow-cpu': 1.1 * GB,
  jaxlib: 250 * MB,
  'jax-cuda12-plugin': 300 * MB,
  'faiss-cpu': 80 * MB,
  'faiss-gpu': 500 * MB,
  'faiss-gpu-cu12': 500 * MB,
  onnxruntime: 50 * MB,
  'onnxruntime-gpu': 400 * MB,
  'opencv-python': 160 * MB,
  'opencv-contrib-python': 200 * MB,
  'opencv-python-headless': 110 * MB,
  playwright: 130 * MB,
  transformers: 90 * MB,
  'sentence-transformers': 2 * MB,
  datasets: 3 * MB,
  'openai-whisper': 3 * MB,
  'faster-whisper': 2 * MB,
  ctranslate2: 90 * MB,
  'llama-cpp-python': 40 * MB,
  xformers: 250 * MB,
  bitsandbytes: 100 * MB,
  vllm: 400 * MB,
  paddlepaddle: 500 * MB,
  'paddlepaddle-gpu': 1.5 * GB,
  scipy: 110 * MB,
  pyarrow: 130 * MB,
  llvmlite: 130 * MB,
  numba: 15 * MB,
  numpy: 40 * MB,
  pandas: 70 * MB,
  'scikit-learn': 45 * MB,
  sympy: 70 * MB,
  spacy: 40 * MB,
  botocore: 80 * MB,
  'google-api-python-client': 90 * MB,
  gradio: 100 * MB,
  streamlit: 40 * MB,
  av: 100 * MB,
  matplotlib: 35 * MB,
  crawl4ai: 5 * MB,
  litellm: 40 * MB,
  chromadb: 20 * MB,
  'langchain-community': 25 * MB,
};

/** Requirements of packages whose weight matters, for when no virtualenv shows the real graph. */
const CUDA12 = [
  'nvidia-cublas-cu12', 'nvidia-cuda-cupti-cu12', 'nvidia-cuda-nvrtc-cu12', 'nvidia-cuda-runtime-cu12', 'nvidia-cudnn-cu12',
  'nvidia-cufft-cu12', 'nvidia-cufile-cu12', 'nvidia-curand-cu12', 'nvidia-cusolver-cu12', 'nvidia-cusparse-cu12',
  'nvidia-cusparselt-cu12', 'nvidia-nccl-cu12', 'nvidia-nvjitlink-cu12', 'nvidia-nvtx-cu12',
];
export const TYPICAL_REQUIREMENTS: Record<string, string[]> = {
  torch: [...CUDA12, 'triton', 'sympy', 'networkx', 'jinja2', 'fsspec', 'filelock', 'typing-extensions'],
  torchaudio: ['torch'],
  torchvision: ['torch', 'numpy', 'pillow'],
  'sentence-transformers': ['torch', 'transformers', 'huggingface-hub', 'scikit-learn', 'scipy', 'pillow', 'tqdm', 'typing-extensions'],
  transformers: ['huggingface-hub', 'numpy', 'tokenizers', 'safetensors', 'regex', 'requests', 'pyyaml', 'packaging', 'filelock', 'tqdm'],
  'openai-whisper': ['torch', 'numba', 'numpy', 'tiktoken', 'tqdm', 'more-itertools', 'triton'],
  'faster-whisper': ['ctranslate2', 'huggingface-hub', 'tokenizers', 'onnxruntime', 'av', 'tqdm'],
  ctranslate2: ['numpy', 'pyyaml', 'setuptools'],
  accelerate: ['torch', 'numpy', 'packaging', 'psutil', 'pyyaml', 'huggingface-hub', 'safetensors'],
  peft: ['torch', 'transformers', 'accelerate', 'numpy', 'safetensors', 'huggingface-hub', 'tqdm'],
  timm: ['torch', 'torchvision', 'huggingface-hub', 'safetensors', 'pyyaml'],
  ultralytics: ['torch', 'torchvision', 'opencv-python', 'numpy', 'matplotlib', 'pillow', 'pyyaml', 'requests', 'scipy', 'tqdm', 'psutil', 'pandas'],
  easyocr: ['torch', 'torchvision', 'opencv-python-headless', 'scipy', 'numpy', 'pillow', 'scikit-image'],
  xformers: ['torch', 'numpy'],
  bitsandbytes: ['torch', 'numpy'],
  vllm: ['torch', 'transformers', 'xformers', 'numpy', 'triton'],
  'langchain-huggingface': ['sentence-transformers', 'transformers', 'huggingface-hub', 'tokenizers'],
  datasets: ['numpy', 'pyarrow', 'pandas', 'requests', 'tqdm', 'xxhash', 'multiprocess', 'fsspec', 'aiohttp', 'huggingface-hub', 'dill', 'filelock', 'pyyaml', 'packaging'],
  chromadb: ['onnxruntime', 'tokenizers', 'numpy', 'grpcio', 'kubernetes', 'httpx'],
  'langchain-community': ['langchain-core', 'langchain', 'sqlalchemy', 'requests', 'pyyaml', 'aiohttp', 'tenacity', 'numpy'],
  langchain: ['langchain-core', 'langchain-text-splitters', 'langsmith', 'pydantic', 'sqlalchemy', 'requests', 'pyyaml'],
  crawl4ai: ['playwright', 'lxml', 'litellm', 'nltk', 'numpy', 'pillow', 'beautifulsoup4', 'aiohttp'],
  playwright: ['greenlet', 'pyee'],
  tensorflow: ['numpy', 'keras', 'tensorboard', 'h5py', 'protobuf', 'grpcio', 'ml-dtypes'],
  jax: ['jaxlib', 'numpy', 'ml-dtypes', 'opt-einsum', 'scipy'],
  'scikit-learn': ['numpy', 'scipy', 'joblib', 'threadpoolctl'],
  'scikit-image': ['numpy', 'scipy', 'networkx', 'pillow', 'imageio', 'tifffile'],
  pandas: ['numpy', 'python-dateutil', 'pytz', 'tzdata'],
  matplotlib: ['numpy', 'pillow', 'contourpy', 'cycler', 'fonttools', 'kiwisolver', 'packaging', 'pyparsing', 'python-dateutil'],
  'opencv-python': ['numpy'],
  'opencv-python-headless': ['numpy'],
  onnxruntime: ['numpy', 'protobuf', 'flatbuffers', 'coloredlogs', 'sympy', 'packaging'],
  'llama-cpp-python': ['numpy', 'typing-extensions', 'diskcache', 'jinja2'],
  gradio: ['numpy', 'pandas', 'pillow', 'fastapi', 'uvicorn', 'httpx', 'huggingface-hub'],
  chainlit: ['fastapi', 'uvicorn', 'httpx', 'starlette', 'pydantic', 'python-socketio'],
  streamlit: ['numpy', 'pandas', 'pyarrow', 'pillow', 'protobuf', 'altair'],
  fastapi: ['starlette', 'pydantic'],
  uvicorn: ['click', 'h11'],
  flask: ['werkzeug', 'jinja2', 'itsdangerous', 'click', 'blinker'],
  'beautifulsoup4': ['soupsieve'],
  'faiss-cpu': ['numpy', 'packaging'],
  numba: ['llvmlite', 'numpy'],
  sympy: ['mpmath'],
  trafilatura: ['lxml', 'htmldate', 'courlan', 'justext', 'charset-normalizer', 'certifi', 'urllib3'],
  nltk: ['click', 'joblib', 'regex', 'tqdm'],
  scipy: ['numpy'],
  // Well-known requirements of common small libraries: what a fresh install brings with them, so
  // an import of one (werkzeug under flask) is not "missing" and a declaration of one that a used
  // package requires is not "unused".
  requests: ['urllib3', 'idna', 'certifi', 'charset-normalizer'],
  httpx: ['httpcore', 'anyio', 'certifi', 'idna', 'sniffio'],
  httpcore: ['h11', 'certifi'],
  anyio: ['idna', 'sniffio'],
  starlette: ['anyio'],
  pydantic: ['pydantic-core', 'typing-extensions', 'annotated-types'],
  'pydantic-settings': ['pydantic', 'python-dotenv'],
  werkzeug: ['markupsafe'],
  jinja2: ['markupsafe'],
  django: ['asgiref', 'sqlparse'],
  celery: ['kombu', 'billiard', 'vine', 'click', 'python-dateutil'],
  boto3: ['botocore', 's3transfer', 'jmespath'],
  botocore: ['urllib3', 'python-dateutil', 'jmespath'],
  aiohttp: ['yarl', 'multidict', 'aiosignal', 'frozenlist', 'attrs', 'aiohappyeyeballs'],
  openai: ['httpx', 'pydantic', 'anyio', 'distro', 'jiter', 'tqdm', 'sniffio', 'typing-extensions'],
  anthropic: ['httpx', 'pydantic', 'anyio', 'distro', 'jiter', 'sniffio', 'typing-extensions'],
  groq: ['httpx', 'pydantic', 'anyio', 'distro', 'sniffio', 'typing-extensions'],
  ollama: ['httpx', 'pydantic'],
  tiktoken: ['regex', 'requests'],
  tokenizers: ['huggingface-hub'],
  'huggingface-hub': ['filelock', 'fsspec', 'packaging', 'pyyaml', 'requests', 'tqdm', 'typing-extensions'],
  'langchain-core': ['pydantic', 'pyyaml', 'jsonpatch', 'langsmith', 'tenacity', 'packaging', 'typing-extensions'],
  'langchain-openai': ['langchain-core', 'openai', 'tiktoken'],
  'langchain-ollama': ['langchain-core', 'ollama'],
  'langchain-groq': ['langchain-core', 'groq'],
  'langchain-anthropic': ['langchain-core', 'anthropic'],
  'langchain-chroma': ['langchain-core', 'chromadb', 'numpy'],
  'langchain-text-splitters': ['langchain-core'],
  langsmith: ['httpx', 'pydantic', 'requests', 'orjson'],
  'flask-sqlalchemy': ['flask', 'sqlalchemy'],
  'flask-cors': ['flask'],
  'flask-login': ['flask', 'werkzeug'],
  'flask-socketio': ['flask', 'python-socketio'],
  'python-socketio': ['python-engineio', 'bidict'],
  'python-telegram-bot': ['httpx'],
  'discord-py': ['aiohttp'],
  pymongo: ['dnspython'],
  seaborn: ['numpy', 'pandas', 'matplotlib'],
  librosa: ['numpy', 'scipy', 'scikit-learn', 'joblib', 'numba', 'soundfile', 'audioread', 'pooch', 'soxr', 'decorator', 'msgpack'],
  moviepy: ['numpy', 'imageio', 'imageio-ffmpeg', 'decorator', 'proglog', 'tqdm'],
  'google-generativeai': ['google-ai-generativelanguage', 'google-api-core', 'google-auth', 'protobuf', 'pydantic', 'tqdm'],
  click: [],
};

/** CUDA runtime wheels: their weight belongs to the package that pulls them in. */
export function isAcceleratorRuntime(name: string): boolean {
  return /^nvidia-.*-cu\d+$/.test(name) || /^nvidia-(cuda|cudnn|cublas|nccl|cusparse|cusolver|cufft|curand|nvjitlink|nvtx)/.test(name)
    || name === 'triton' || /^cuda-(python|bindings|toolkit)/.test(name) || /^jax-cuda\d+-(plugin|pjrt)$/.test(name)
    // conda's CUDA packages
    || /^(cudatoolkit|cudnn|nccl|pytorch-cuda|cuda-(cudart|nvrtc|nvtx|cupti|libraries|runtime|version|nvcc)|libcu(blas|fft|rand|solver|sparse|file)|libnvjitlink|libnpp|libnvjpeg)(-dev)?$/.test(name);
}

/** Command-line tools: used by running them, not by importing them. Kept unless shown unused. */
export const DEVELOPMENT_TOOLS = new Set([
  'pytest', 'black', 'ruff', 'isort', 'flake8', 'pylint', 'mypy', 'pyright', 'bandit', 'pre-commit', 'tox', 'nox', 'coverage',
  'twine', 'build', 'wheel', 'setuptools', 'setuptools-scm', 'pip', 'pip-tools', 'uv', 'poetry', 'hatch', 'hatchling',
  'flit', 'flit-core', 'poetry-core', 'pdm', 'pdm-backend', 'ipykernel', 'ipython', 'jupyter', 'jupyterlab', 'notebook',
  'sphinx', 'mkdocs', 'mkdocs-material', 'pydocstyle', 'autopep8', 'yapf', 'codespell', 'safety', 'pip-audit', 'vulture',
  'radon', 'pdoc', 'pyinstaller', 'nuitka', 'commitizen', 'bump2version', 'bumpversion', 'cython', 'maturin',
  'scikit-build', 'scikit-build-core', 'cmake', 'ninja', 'pybind11', 'debugpy', 'snakeviz', 'line-profiler', 'memory-profiler',
  'py-spy', 'locust', 'nbconvert', 'nbformat', 'jupytext', 'pip-licenses', 'deptry', 'interrogate', 'docformatter',
]);

/** Development-tool families: `pytest-*` plugins are used when pytest is. */
export function toolFamily(name: string): string | undefined {
  const m = /^(pytest|flake8|mkdocs|sphinx|sphinxcontrib|types|mypy|pylint|jupyterlab|nbsphinx)-/.exec(name);
  if (m) return m[1] === 'sphinxcontrib' ? 'sphinx' : m[1];
  // Markdown extensions that mkdocs.yml names (`pymdownx.*`): used when mkdocs is.
  if (name === 'pymdown-extensions') return 'mkdocs';
  if (name.endsWith('-stubs')) return 'types';
  return undefined;
}

/** Packages used through a command they install (servers, task runners). */
export const COMMAND_NAMES: Record<string, string[]> = {
  uvicorn: ['uvicorn'],
  gunicorn: ['gunicorn'],
  hypercorn: ['hypercorn'],
  daphne: ['daphne'],
  waitress: ['waitress-serve'],
  celery: ['celery'],
  supervisor: ['supervisord', 'supervisorctl'],
  honcho: ['honcho'],
  streamlit: ['streamlit'],
  chainlit: ['chainlit'],
  alembic: ['alembic'],
  'huggingface-hub': ['huggingface-cli', 'hf'],
  playwright: ['playwright'],
  crawl4ai: ['crawl4ai-setup', 'crawl4ai-doctor', 'crwl'],
  'openai-whisper': ['whisper'],
  'python-dotenv': ['dotenv'],
  dvc: ['dvc'],
  mlflow: ['mlflow'],
  tensorboard: ['tensorboard'],
  watchdog: ['watchmedo'],
  'pip-tools': ['pip-compile', 'pip-sync'],
  sphinx: ['sphinx-build', 'sphinx-autobuild'],
  jupyterlab: ['jupyter', 'jupyter-lab'],
  notebook: ['jupyter', 'jupyter-notebook'],
  jupyter: ['jupyter'],
  pytest: ['pytest', 'py.test'],
  'pre-commit': ['pre-commit'],
  coverage: ['coverage'],
};

export interface Advice {
  text: string;
  /** The codemod that applies it, if there is one. */
  codemod?: string;
}

/** Lighter alternatives, for heavy packages that are used (`consider X: why`). */
export const ALTERNATIVES: Record<string, Advice> = {
  'openai-whisper': {
    text: 'faster-whisper (CTranslate2): same model names, no torch, triton or numba',
    codemod: 'whisper-to-faster-whisper',
  },
  tensorflow: { text: 'tensorflow-cpu on machines without an NVIDIA GPU' },
  'opencv-python': { text: 'opencv-python-headless on servers: the same cv2 API without the GUI libraries' },
  'opencv-contrib-python': { text: 'opencv-contrib-python-headless on servers: the same cv2 API without the GUI libraries' },
  'faiss-gpu': { text: 'faiss-cpu on machines without an NVIDIA GPU' },
  'faiss-gpu-cu12': { text: 'faiss-cpu on machines without an NVIDIA GPU' },
  'onnxruntime-gpu': { text: 'onnxruntime (CPU) on machines without an NVIDIA GPU' },
  crawl4ai: { text: 'trafilatura, or httpx with BeautifulSoup, for static pages: crawl4ai brings Playwright and its browsers' },
  'langchain-community': { text: 'the partner packages for what is used (langchain-openai, langchain-huggingface, ...)' },
  'paddlepaddle-gpu': { text: 'paddlepaddle (CPU) on machines without an NVIDIA GPU' },
};

export const CPU_TORCH_INDEX = 'https://download.pytorch.org/whl/cpu';

/** Frameworks that pull CUDA wheels in: those wheels are attributed to them. */
export const GPU_FRAMEWORKS = new Set(['torch', 'tensorflow', 'jax', 'jaxlib', 'paddlepaddle-gpu', 'cupy-cuda12x', 'cupy-cuda11x', 'onnxruntime-gpu', 'faiss-gpu-cu12', 'vllm', 'tensorrt']);

/** How to get the CPU-only build of a framework that pulls CUDA wheels in. */
export const CPU_BUILDS: Record<string, string> = {
  torch: `install CPU-only torch wheels (\`--index-url ${CPU_TORCH_INDEX}\`)`,
  tensorflow: 'install tensorflow without the `and-cuda` extra (or tensorflow-cpu)',
  jax: 'install jax without the `cuda12` extra',
  'onnxruntime-gpu': 'install onnxruntime instead of onnxruntime-gpu',
  'faiss-gpu-cu12': 'install faiss-cpu instead',
  'paddlepaddle-gpu': 'install paddlepaddle instead',
};
