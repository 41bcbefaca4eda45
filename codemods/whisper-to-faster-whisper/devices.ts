/**
 * The device a WhisperModel is loaded on. openai-whisper took torch devices (`"cuda:1"`,
 * `torch.device(...)`); faster-whisper takes "cpu", "cuda" or "auto", and the GPU number apart.
 */
import { callArguments, type Argument, type ArgumentEditor } from '../../src/python/arguments.js';
import { pyString, stringValue } from '../../src/python/literals.js';
import type { PyNode } from '../../src/python/tree.js';
import type { MigrationState } from './migration-state.js';
import { constantString, constantValueNode } from './module-constants.js';
import type { WhisperOptions } from './options.js';
import { unwrapParens } from './parens.js';

/**
 * The device `given` names (`v` is its value, through module constants), when it is one
 * faster-whisper can take. Otherwise undefined: a value that is not a literal gets a note (unless
 * it chooses between "cpu" and "cuda"), an unsupported device blocks the migration.
 */
function supportedDevice(m: MigrationState, v: PyNode, given: PyNode): { literal: string; torchDevice: boolean; index?: string } | undefined {
  let literal = stringValue(v);
  const torchDevice = v.type === 'call' && /^(torch\.)?device$/.test(v.get('function')?.text ?? '');
  if (torchDevice) {
    const inner = callArguments(v);
    if (inner.length === 1) literal = stringValue(inner[0].value);
  }
  if (literal === undefined) {
    if (v.type === 'conditional_expression') {
      const branches = v.namedChildren.filter((_, i) => i !== 1).map((b) => stringValue(b));
      if (branches.every((b) => b === 'cpu' || b === 'cuda')) return undefined;
    }
    m.note(given, `check that \`${given.text}\` is "cpu", "cuda" or "auto": faster-whisper accepts no "cuda:N" (use device_index=N) and no "mps"`);
    return undefined;
  }
  const cuda = /^cuda(?::(\d+))?$/.exec(literal);
  if (literal !== 'cpu' && !cuda) {
    m.block(given, `device "${literal}" is not supported by faster-whisper (cpu, cuda or auto)`);
    return undefined;
  }
  return { literal, torchDevice, index: cuda?.[1] };
}

/** load_model's device argument `a` as WhisperModel's: the option's device, or the given one mapped. */
export function planDevice(m: MigrationState, args: ArgumentEditor, a: Argument, option: WhisperOptions['device']): void {
  if (option !== 'keep') {
    const old = constantString(m.mod.analysis, a.value);
    if (old !== option) m.note(a.value, `device ${old === undefined ? `\`${a.value.text}\`` : `"${old}"`} replaced by "${option}" (--option device=${option})`);
    args.setValue(a, pyString(option));
    return;
  }
  const v = constantValueNode(m.mod.analysis, unwrapParens(a.value));
  if (v.type === 'none') {
    if (v === unwrapParens(a.value)) args.remove(a);
    return;
  }
  const device = supportedDevice(m, v, a.value);
  if (!device) return;
  // faster-whisper takes the device as a plain string and the GPU number separately.
  if (device.torchDevice || device.index !== undefined) args.setValue(a, pyString(device.literal === 'cpu' ? 'cpu' : 'cuda'));
  if (device.index !== undefined) args.add(`device_index=${device.index}`);
}

/** Checks the device a model was moved to (now `device=` of WhisperModel), as planDevice does for a given one. */
export function planMovedDevice(m: MigrationState, device: PyNode): void {
  const v = constantValueNode(m.mod.analysis, unwrapParens(device));
  const moved = supportedDevice(m, v, device);
  if (moved && (moved.torchDevice || moved.index !== undefined)) m.block(device, `device \`${device.text}\` would need device="cuda" and device_index=N; write WhisperModel's device by hand`);
}
