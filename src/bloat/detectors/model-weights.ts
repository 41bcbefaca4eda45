import { extensionOf, formatBytes, type BloatDetector } from '../detector.js';

const WEIGHT_EXTENSIONS = new Set(['gguf', 'ggml', 'safetensors', 'pt', 'pth', 'bin', 'onnx', 'ckpt', 'h5', 'keras', 'tflite', 'mlmodel', 'pb', 'msgpack', 'npz', 'joblib', 'pkl']);

/** Model weights: weight-file extensions above the size threshold (small .bin files are not models). */
export const modelWeights: BloatDetector = {
  rule: 'bloat/model-weights',
  clean: 'data',
  summary: 'model weights (gguf, safetensors, pt, bin, onnx, ckpt, h5, ...) above the size threshold',
  matchFile(file, path, _dir, { facts, settings }) {
    if (file.kind !== 'file' || file.size < settings.modelWeightsBytes || !WEIGHT_EXTENSIONS.has(extensionOf(file.name))) return undefined;
    const head = facts.readHead(path, 8);
    const format = head.subarray(0, 4).toString('latin1') === 'GGUF' ? 'GGUF' : extensionOf(file.name);
    return { description: `${format} model weights, ${formatBytes(file.size)}: download at run time or keep in a model registry` };
  },
};
