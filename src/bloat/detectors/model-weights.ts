import { extensionOf, formatBytes, type BloatDetector } from '../detector.js';

const WEIGHT_EXTENSIONS = new Set(['gguf', 'ggml', 'safetensors', 'pt', 'pth', 'bin', 'onnx', 'ckpt', 'h5', 'keras', 'tflite', 'mlmodel', 'pb', 'msgpack', 'npz', 'joblib', 'pkl']);
/** Files without an extension are read only from this size on (a weights file is never tiny text). */
const BARE_NAME_MIN_BYTES = 4096;

/**
 * The weights format a file's first bytes declare: GGUF's magic and version, or a safetensors header (an
 * 8-byte little-endian header length, then a JSON object that fits in the file).
 */
export function weightsFormat(head: Buffer, size: number): string | undefined {
  // GGUF: the magic, then the format version (a small little-endian number), so text that
  // merely starts with the word is not taken.
  if (head.length >= 8 && head.subarray(0, 4).toString('latin1') === 'GGUF') {
    const version = head.readUInt32LE(4);
    if (version >= 1 && version <= 64) return 'GGUF';
  }
  if (head.length >= 9 && head[8] === 0x7b) {
    const headerLength = head.readBigUInt64LE(0);
    if (headerLength >= 2n && headerLength <= BigInt(size - 8)) return 'safetensors';
  }
  return undefined;
}

/**
 * Model weights. A file whose content says it is weights (GGUF, safetensors) is weights at any
 * size; a weight-file extension alone (`.bin`, `.pt`, `.pkl` also name other things) counts only
 * above the size threshold.
 */
/** Weight formats whose extension alone says what a file is. */
const SAFE_WEIGHT_EXTENSIONS = new Set(['gguf', 'ggml', 'safetensors', 'ckpt', 'onnx', 'tflite']);

export const modelWeights: BloatDetector = {
  rule: 'bloat/model-weights',
  clean: 'data',
  summary: 'model weights: GGUF or safetensors content at any size; other weight extensions (pt, bin, onnx, ckpt, h5, pkl, ...) above the size threshold',
  severity: 'warning',
  title: 'Model weights',
  docs: {
    what: 'Model weight files (gguf, safetensors, pt, bin, onnx, ckpt, h5, ...) at or above the model-weights threshold (settings.modelWeightsBytes).',
    why: 'Weights are gigabytes of binary data: every clone and every image pays for them, and git cannot diff them.',
    fix: 'Ignore them (`fix`); download them at run time or keep them in a model registry, Git LFS or a volume.',
    example: '`models/mistral-7b.Q4_K_M.gguf`: GGUF model weights, 4.1 GB',
  },
  heading: 'Model weights',
  color: '#4b3a7a',
  gitignore: {
    group: 'Model weights',
    // Only extensions that are weights whatever the file: `*.bin` or `*.pt` could catch other data.
    filePattern: ({ ext, anchored }) => (SAFE_WEIGHT_EXTENSIONS.has(ext) ? `*.${ext}` : anchored),
  },
  dockerignore: { group: 'Local data' },
  matchFile(file, path, _dir, { facts, settings }) {
    if (file.kind !== 'file') return undefined;
    const extension = extensionOf(file.name);
    const byExtension = WEIGHT_EXTENSIONS.has(extension);
    if (!byExtension && !(extension === '' && file.size >= BARE_NAME_MIN_BYTES)) return undefined;
    const format = file.size >= 9 ? weightsFormat(facts.readHead(path, 9), file.size) : undefined;
    if (format) return { description: `${format} model weights, ${formatBytes(file.size)}: download at run time or keep in a model registry` };
    if (!byExtension || file.size < settings.modelWeightsBytes) return undefined;
    return { description: `${extension} model weights, ${formatBytes(file.size)}: download at run time or keep in a model registry` };
  },
};
