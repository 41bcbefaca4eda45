/**
 * load_model calls become WhisperModel: each argument mapped, the device from the options, the
 * call's own argument or a `.to(DEVICE)` right after it, and compute_type from the options or
 * from what the model's transcribe calls say about fp16.
 */
import { ArgumentEditor, callArguments, keywordArgument, type Argument } from '../../src/python/arguments.js';
import { enclosingStatement, isAloneOnLines, removeStatement } from '../../src/python/edit.js';
import { pyString } from '../../src/python/literals.js';
import type { PyNode } from '../../src/python/tree.js';
import { MODEL_NAMES, unsupportedModelAttribute } from './api.js';
import { planDevice, planMovedDevice } from './devices.js';
import type { FasterWhisperImports } from './faster-imports.js';
import type { MigrationState } from './migration-state.js';
import type { Creation, ModelFlow } from './model-flow.js';
import { constantFlag, constantString } from './module-constants.js';
import { outerParens, unwrapParens } from './parens.js';
import type { TranscribeSite } from './types.js';

/** An expression that computes nothing (no call other than `torch.device(...)`): safe to evaluate earlier. */
function isPlainValue(node: PyNode): boolean {
  if (['identifier', 'string', 'integer', 'none', 'true', 'false'].includes(node.type)) return node.type !== 'string' || !node.text.startsWith('f');
  if (node.type === 'attribute') return isPlainValue(node.get('object')!);
  if (node.type === 'call') return /^(torch\.)?device$/.test(node.get('function')?.text ?? '') && callArguments(node).every((a) => isPlainValue(a.value));
  if (node.type === 'conditional_expression') return node.namedChildren.every((c, i) => i === 1 || isPlainValue(c));
  return false;
}

/** The statement just before `statement` in its block (comments skipped), if it is an expression statement. */
function creationStatementBefore(statement: PyNode | undefined): PyNode | undefined {
  const siblings = statement?.parent?.namedChildren.filter((c) => c.type !== 'comment') ?? [];
  const prev = siblings[siblings.indexOf(statement!) - 1];
  return prev?.type === 'expression_statement' ? prev : undefined;
}

export class ModelCreation {
  private readonly moveFor = new Map<number, { call: PyNode; device: PyNode }>();

  constructor(private readonly m: MigrationState, private readonly flow: ModelFlow, private readonly names: FasterWhisperImports) {}

  /** Every load_model call as WhisperModel (planned even when the file is blocked already, so every obstacle is reported at once). */
  planCreations(): void {
    const computeTypes = this.planComputeTypes();
    for (const c of this.flow.creations) this.planCreation(c, computeTypes.get(this.flow.uf.find(c.group)));
  }

  /** compute_type per model group: the option, or what the transcribe calls' fp16 says. */
  private planComputeTypes(): Map<string, string | undefined> {
    const out = new Map<string, string | undefined>();
    const option = this.m.options.computeType;
    const byGroup = new Map<string, Array<{ site: TranscribeSite; fp16?: Argument }>>();
    for (const s of this.flow.sites) {
      const g = this.flow.uf.find(s.group);
      if (!byGroup.has(g)) byGroup.set(g, []);
      byGroup.get(g)!.push({ site: s, fp16: keywordArgument(callArguments(s.call), 'fp16') });
    }
    for (const c of this.flow.creations) {
      const g = this.flow.uf.find(c.group);
      if (option) { out.set(g, option); continue; }
      const uses = byGroup.get(g) ?? [];
      // A module constant (`USE_FP16 = False`) counts as its value.
      const values = uses.map((u) => (u.fp16 ? constantFlag(this.m.mod.analysis, unwrapParens(u.fp16.value)) : true));
      const other = uses.find((u, i) => u.fp16 && values[i] !== true && values[i] !== false);
      if (other) {
        this.m.block(other.fp16!.node, 'fp16 is not a literal True or False, so the compute_type for WhisperModel cannot be chosen; pass --option compute_type=...');
        continue;
      }
      if (values.length > 0 && values.every((v) => v === false)) out.set(g, 'float32');
      else if (values.some((v) => v === false)) {
        const f = uses.find((u, i) => values[i] === false)!;
        this.m.block(f.fp16!.node, 'transcribe calls on this model disagree on fp16, which faster-whisper sets once per model (compute_type); pass --option compute_type=... to choose');
      }
    }
    return out;
  }

  /**
   * `load_model(...).to(DEVICE)`, or `model = model.to(DEVICE)` / `model.to(DEVICE)` as the
   * statement right after `model = load_model(...)`: the model ends up on DEVICE, which is what
   * `WhisperModel(..., device=DEVICE)` does. Anywhere else `.to()` moves a loaded model at run
   * time, which a CTranslate2 model cannot do.
   */
  planMoves(): void {
    const why = unsupportedModelAttribute('to');
    for (const move of this.flow.moves) {
      const fn = move.call.get('function')!;
      const args = callArguments(move.call);
      const device = args.length === 1 && (args[0].kind === 'positional' || args[0].name === 'device') ? args[0].value : undefined;
      const root = this.flow.uf.find(move.group);
      const creations = this.flow.creations.filter((c) => this.flow.uf.find(c.group) === root);
      if (!device || creations.length !== 1 || this.moveFor.has(creations[0].call.id) || !isPlainValue(unwrapParens(device))) {
        this.m.block(fn, `${why} (here it moves the model in a way that cannot become WhisperModel(device=...))`);
        continue;
      }
      const creation = creations[0].call;
      const object = unwrapParens(fn.get('object')!);
      if (object === creation) {
        // `load_model(...).to(DEVICE)`: drop `.to(DEVICE)`.
        this.m.edits.add({ start: outerParens(creation).end, end: move.call.end, text: '' });
        this.moveFor.set(creation.id, { call: move.call, device });
        continue;
      }
      const statement = enclosingStatement(move.call);
      const expression = statement?.type === 'expression_statement' && statement.namedChildren.length === 1 ? statement.namedChildren[0] : undefined;
      const created = creationStatementBefore(statement);
      const createdName = created?.namedChildren[0]?.type === 'assignment' ? created.namedChildren[0].get('left') : undefined;
      const movesInPlace = expression === outerParens(move.call);
      const reassigns = expression?.type === 'assignment' && unwrapParens(expression.get('right')!) === move.call
        && expression.get('left')?.type === 'identifier' && expression.get('left')!.text === object.text;
      const createdHere = createdName?.type === 'identifier' && createdName.text === object.text && object.type === 'identifier'
        && unwrapParens(created!.namedChildren[0].get('right')!) === creation;
      if (!statement || !(movesInPlace || reassigns) || !createdHere || !isAloneOnLines(this.m.text, statement)) {
        this.m.block(fn, `${why} (here it moves the model after other code ran; load it on that device instead)`);
        continue;
      }
      this.m.edits.add(removeStatement(this.m.text, statement));
      this.moveFor.set(creation.id, { call: move.call, device });
    }
  }

  private planCreation(c: Creation, computeType: string | undefined): void {
    const args = new ArgumentEditor(this.m.text, c.call);
    const deviceOption = this.m.options.device;
    let hasDevice = false;
    for (const a of args.arguments) {
      const role = a.kind === 'keyword' ? a.name : a.kind === 'positional' ? ['name', 'device', 'download_root', 'in_memory'][a.index!] : undefined;
      if (a.kind === 'splat' || a.kind === 'double-splat') { this.m.block(a.node, 'load_model options passed through * or ** cannot be mapped'); continue; }
      switch (role) {
        case 'name': {
          const value = constantString(this.m.mod.analysis, a.value);
          if (value === undefined) {
            this.m.note(a.value, `check that \`${a.value.text}\` names a model size (tiny ... large-v3, turbo) or a CTranslate2 model folder: openai-whisper .pt checkpoints must be converted first (ct2-transformers-converter)`);
          } else if (!MODEL_NAMES.has(value)) {
            this.m.block(a.value, `"${value}" is an openai-whisper checkpoint, which faster-whisper cannot load; convert it to CTranslate2 first (ct2-transformers-converter --model ... --output_dir ...) and load that folder`);
          }
          if (a.kind === 'keyword') args.replaceArgument(a, this.m.edits.render(a.value));
          break;
        }
        case 'device':
          hasDevice = true;
          planDevice(this.m, args, a, deviceOption);
          break;
        case 'download_root':
          if (a.kind === 'positional') args.replaceArgument(a, `download_root=${this.m.edits.render(a.value)}`);
          break;
        case 'in_memory':
          args.remove(a);
          this.m.note(a.node, 'in_memory has no faster-whisper equivalent (removed): CTranslate2 loads the model into memory itself');
          break;
        default:
          this.m.block(a.node, `load_model argument \`${a.node.text.split('=')[0]}\` has no faster-whisper equivalent`);
      }
    }
    const move = this.moveFor.get(c.call.id);
    if (move) {
      if (hasDevice) this.m.block(move.call, 'the model is loaded with a device and then moved with .to(); give WhisperModel the final device by hand');
      else if (deviceOption !== 'keep') {
        this.m.note(move.call, `\`.to(${move.device.text})\` removed: --option device=${deviceOption} chooses the device`);
      } else {
        args.add(`device=${this.m.edits.render(move.device)}`);
        hasDevice = true;
        planMovedDevice(this.m, move.device);
      }
    }
    if (!hasDevice && deviceOption !== 'keep' && deviceOption !== 'auto') args.add(`device=${pyString(deviceOption)}`);
    if (computeType) args.add(`compute_type=${pyString(computeType)}`);
    this.m.edits.replace(c.fn, this.names.local('WhisperModel', c.imp));
    this.m.edits.add(...args.edits());
  }
}
