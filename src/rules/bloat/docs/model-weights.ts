/** `bloat/model-weights`: title and documentation. */
import type { RuleDocumentation } from '../../docs.js';

const modelWeights: RuleDocumentation = {
  title: 'Model weights',
  docs: {
    what: 'Model weight files (gguf, safetensors, pt, bin, onnx, ckpt, h5, ...) at or above the model-weights threshold (settings.modelWeightsBytes).',
    why: 'Weights are gigabytes of binary data: every clone and every image pays for them, and git cannot diff them.',
    fix: 'Ignore them (`fix`); download them at run time or keep them in a model registry, Git LFS or a volume.',
    example: '`models/mistral-7b.Q4_K_M.gguf`: GGUF model weights, 4.1 GB',
  },
};

export default modelWeights;
