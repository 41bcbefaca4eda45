/** Small but real-shaped repositories for the dependency rules. */
import { makeRepo } from '../helpers/repo.js';
import { MB, writeVenv, type TestDist } from './venv.js';

const LINUX_X86 = 'platform_system == "Linux" and platform_machine == "x86_64"';

export const CHATBOT_DISTS: TestDist[] = [
  { name: 'Flask', requires: ['Werkzeug>=3.0', 'Jinja2>=3.1', 'click>=8.1', 'itsdangerous', 'blinker', 'asgiref; extra == "async"'], scripts: { flask: 'flask.cli:main' } },
  { name: 'Werkzeug', requires: ['MarkupSafe>=2.1'] },
  { name: 'Jinja2', top: ['jinja2'], requires: ['MarkupSafe>=2.0'] },
  { name: 'MarkupSafe', top: ['markupsafe'] },
  { name: 'click' },
  { name: 'itsdangerous' },
  { name: 'blinker' },
  { name: 'sentence-transformers', requires: ['transformers<5,>=4.41', 'torch>=1.11', 'scikit-learn', 'scipy', 'huggingface-hub>=0.20', 'tqdm', 'Pillow'] },
  { name: 'transformers', requires: ['huggingface-hub', 'numpy>=1.17', 'tokenizers', 'safetensors', 'regex', 'requests', 'tqdm', 'filelock', 'packaging', 'pyyaml', 'torch; extra == "torch"', 'accelerate; extra == "torch"'], payload: { 'transformers/models/big.bin': 90 * MB }, scripts: { 'transformers-cli': 'transformers.commands:main' } },
  {
    name: 'torch', version: '2.7.1', payload: { 'torch/lib/libtorch_cpu.so': 900 * MB, 'torch/lib/libtorch_cuda.so': 700 * MB },
    requires: [
      'filelock', 'typing-extensions>=4.10', 'sympy>=1.13', 'networkx', 'jinja2', 'fsspec',
      `nvidia-cublas-cu12==12.6.4.1; ${LINUX_X86}`, `nvidia-cudnn-cu12==9.5.1.17; ${LINUX_X86}`, `triton==3.3.1; ${LINUX_X86}`,
      'opt-einsum>=3.3; extra == "opt-einsum"', 'pywin32; sys_platform == "win32"',
    ],
    scripts: { torchrun: 'torch.distributed.run:main' },
  },
  { name: 'nvidia-cublas-cu12', top: ['nvidia/cublas'], topLevel: undefined, payload: { 'nvidia/cublas/lib/libcublasLt.so.12': 600 * MB } } as TestDist,
  { name: 'nvidia-cudnn-cu12', top: ['nvidia/cudnn'], requires: ['nvidia-cublas-cu12'], payload: { 'nvidia/cudnn/lib/libcudnn.so.9': 850 * MB } },
  { name: 'triton', requires: ['setuptools>=40.8.0'], payload: { 'triton/backends/nvidia/lib/libtriton.so': 420 * MB } },
  { name: 'setuptools', top: ['setuptools', 'pkg_resources', '_distutils_hack'] },
  { name: 'sympy', requires: ['mpmath<1.4,>=1.1.0'], payload: { 'sympy/big.py': 60 * MB } },
  { name: 'mpmath' },
  { name: 'networkx' },
  { name: 'fsspec' },
  { name: 'filelock' },
  { name: 'typing_extensions', top: ['typing_extensions'] },
  { name: 'scikit-learn', top: ['sklearn'], requires: ['numpy>=1.19.5', 'scipy>=1.6.0', 'joblib>=1.2.0', 'threadpoolctl>=3.1.0'], payload: { 'sklearn/_lib.so': 40 * MB } },
  { name: 'scipy', requires: ['numpy<2.5,>=1.23.5'], payload: { 'scipy/_lib.so': 110 * MB } },
  { name: 'numpy', payload: { 'numpy/core/_multiarray.so': 35 * MB } },
  { name: 'joblib' },
  { name: 'threadpoolctl' },
  { name: 'huggingface-hub', top: ['huggingface_hub'], requires: ['filelock', 'fsspec', 'packaging', 'pyyaml', 'requests', 'tqdm', 'typing-extensions'], scripts: { 'huggingface-cli': 'huggingface_hub.commands:main' } },
  { name: 'tokenizers' },
  { name: 'safetensors' },
  { name: 'regex' },
  { name: 'requests', requires: ['charset-normalizer<4,>=2', 'idna<4,>=2.5', 'urllib3<3,>=1.21.1', 'certifi>=2017.4.17'] },
  { name: 'charset-normalizer' },
  { name: 'idna' },
  { name: 'urllib3' },
  { name: 'certifi' },
  { name: 'tqdm' },
  { name: 'packaging' },
  { name: 'PyYAML', top: ['yaml', '_yaml'] },
  { name: 'pillow', top: ['PIL'] },
  { name: 'datasets', requires: ['numpy>=1.17', 'pyarrow>=15.0.0', 'dill<0.3.9', 'pandas', 'requests>=2.32.2', 'tqdm>=4.66.3', 'xxhash', 'multiprocess<0.70.17', 'fsspec', 'huggingface-hub>=0.24.0', 'packaging', 'pyyaml>=5.1'], scripts: { 'datasets-cli': 'datasets.commands:main' } },
  { name: 'pyarrow', payload: { 'pyarrow/libarrow.so': 130 * MB } },
  { name: 'pandas', requires: ['numpy>=1.26.0', 'python-dateutil>=2.8.2', 'pytz', 'tzdata'], payload: { 'pandas/_libs.so': 70 * MB } },
  { name: 'python-dateutil', top: ['dateutil'], requires: ['six>=1.5'] },
  { name: 'six', top: [] , payload: { 'six.py': 34000 } },
  { name: 'pytz' },
  { name: 'tzdata' },
  { name: 'dill' },
  { name: 'xxhash' },
  { name: 'multiprocess', requires: ['dill>=0.3.8'], top: ['multiprocess', '_multiprocess'] },
  { name: 'openai', requires: ['httpx<1,>=0.23.0', 'pydantic<3,>=1.9.0'] },
  { name: 'httpx' },
  { name: 'pydantic' },
  { name: 'beautifulsoup4', top: ['bs4'], requires: ['soupsieve>1.2'] },
  { name: 'soupsieve' },
  { name: 'lxml', payload: { 'lxml/etree.so': 8 * MB } },
  { name: 'gunicorn', requires: ['packaging'], scripts: { gunicorn: 'gunicorn.app.wsgiapp:run' } },
  { name: 'pytest', requires: ['iniconfig', 'pluggy'], top: ['pytest', '_pytest', 'py'], scripts: { pytest: 'pytest:console_main' } },
  { name: 'iniconfig' },
  { name: 'pluggy' },
  { name: 'pytest-cov', top: ['pytest_cov'], requires: ['pytest>=4.6', 'coverage[toml]>=7.5'], entryPoints: { pytest11: { pytest_cov: 'pytest_cov.plugin' } } },
  { name: 'coverage', scripts: { coverage: 'coverage.cmdline:main' } },
];

export const CHATBOT_REQUIREMENTS = [
  'flask==3.1.1',                 // 1
  'sentence-transformers==5.0.0', // 2
  'torch==2.7.1',                 // 3
  'transformers==4.53.2',         // 4
  'datasets==4.0.0',              // 5
  'scikit-learn==1.7.0',          // 6
  'pandas==2.3.1',                // 7
  'pyarrow==20.0.0',              // 8
  'openai==1.97.0',               // 9
  'beautifulsoup4==4.13.4',       // 10
  'lxml==6.0.0',                  // 11
  'gunicorn==23.0.0',             // 12
  'python-dotenv==1.1.1',         // 13
  '',
].join('\n');

export function chatbotRepo(options: { venv?: boolean; extraFiles?: Record<string, string> } = {}): string {
  const root = makeRepo({
    'requirements.txt': CHATBOT_REQUIREMENTS,
    'requirements-dev.txt': '-r requirements.txt\npytest==8.4.1\npytest-cov==6.2.1\n',
    'app.py': [
      'import os',
      'from flask import Flask, jsonify',
      'from dotenv import load_dotenv',
      'from services.embeddings import embed',
      '',
      'app = Flask(__name__)',
      '',
      '@app.route("/health")',
      'def health():',
      '    return jsonify(ok=True)',
      '',
    ].join('\n'),
    'services/__init__.py': '',
    'services/embeddings.py': 'from sentence_transformers import SentenceTransformer\n\n_model = None\n\ndef embed(texts):\n    global _model\n    if _model is None:\n        _model = SentenceTransformer("all-MiniLM-L6-v2")\n    return _model.encode(texts)\n',
    'services/llm.py': 'def client():\n    import openai\n    return openai.OpenAI()\n',
    'services/scrape.py': 'import requests\nfrom bs4 import BeautifulSoup\n\ndef text(url):\n    html = requests.get(url, timeout=10).text\n    return BeautifulSoup(html, "lxml").get_text()\n',
    'services/optional.py': 'try:\n    import redis\nexcept ImportError:\n    redis = None\n\nfrom typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import mypy_extensions\n',
    'tests/test_app.py': 'import pytest\nfrom app import app\n\ndef test_health():\n    assert app\n',
    'Procfile': 'web: gunicorn app:app --workers 2\n',
    'archive/old_bot/ollama_bot.py': 'import ollama\nimport langchain_community\n',
    '.gitignore': 'venv/\n',
    ...options.extraFiles,
  }, ['requirements.txt', 'app.py']);
  if (options.venv !== false) writeVenv(root, 'venv', '3.11.9', CHATBOT_DISTS);
  return root;
}
