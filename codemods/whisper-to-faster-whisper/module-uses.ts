/**
 * What a file does with the whisper module: load_model calls start models to follow, transcribe
 * and load_audio calls and a few constants are rewritten, anything else blocks the migration.
 */
import { ArgumentEditor } from '../../src/python/arguments.js';
import { importOf, type ImportedName } from '../../src/python/imports.js';
import type { PyNode } from '../../src/python/tree.js';
import { unsupportedModuleAttribute } from './api.js';
import type { FasterWhisperImports } from './faster-imports.js';
import type { MigrationState } from './migration-state.js';
import type { ModelFlow } from './model-flow.js';

function inAnnotation(node: PyNode): boolean {
  for (let n = node.parent; n; n = n.parent) {
    if (n.type === 'type') return true;
    if (n.type === 'block' || n.type === 'module' || n.type.endsWith('_statement')) return false;
  }
  return false;
}

export class ModuleUses {
  constructor(private readonly m: MigrationState, private readonly flow: ModelFlow, private readonly names: FasterWhisperImports) {}

  /** Every use of a name bound to whisper (or a submodule), by what it reads. */
  classify(whisperImports: readonly ImportedName[]): void {
    const seen = new Set<string>();
    for (const imp of whisperImports) {
      const scope = this.m.mod.analysis.lookup(imp.scope, imp.bound);
      if (!scope) continue;
      const key = `${scope.node.id}:${imp.bound}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const bindings = scope.bindingsOf(imp.bound);
      const foreign = bindings.find((b) => b.kind !== 'import' || importOf(b, this.m.mod.imports)?.target !== imp.target);
      if (foreign) {
        this.m.block(foreign.node, `\`${imp.bound}\` is bound to whisper (line ${imp.statement.line}) and to something else here, so its uses cannot be told apart`);
        continue;
      }
      for (const use of scope.usesOf(imp.bound)) this.classifyUse(use.node, imp);
    }
  }

  private classifyUse(identifier: PyNode, imp: ImportedName): void {
    let expr = identifier;
    const path: string[] = [];
    while (expr.parent?.type === 'attribute' && expr.field === 'object') {
      path.push(expr.parent.get('attribute')!.text);
      expr = expr.parent;
    }
    const qualified = [imp.target, ...path].join('.');
    const call = expr.parent?.type === 'call' && expr.field === 'function' ? expr.parent : undefined;
    const rest = qualified.slice('whisper.'.length);
    const isStore = expr.parent?.type === 'assignment' && expr.field === 'left';
    switch (qualified) {
      case 'whisper.load_model':
        if (!call) return this.m.block(expr, 'whisper.load_model is used as a value; only calls can be rewritten');
        this.names.local('WhisperModel', imp);
        this.flow.creations.push({ call, fn: expr, imp, group: `c${call.id}` });
        this.flow.flowInto(call, `c${call.id}`);
        return;
      case 'whisper.transcribe':
        if (!call) return this.m.block(expr, 'whisper.transcribe is used as a value; only calls can be rewritten');
        this.flow.functionTranscribes.push({ call, fn: expr, imp });
        return;
      case 'whisper.load_audio':
      case 'whisper.audio.load_audio':
        if (!call) return this.m.block(expr, 'whisper.load_audio is used as a value; only calls can be rewritten');
        return this.planLoadAudio(call, expr, imp);
      case 'whisper.available_models':
        if (!call) return this.m.block(expr, 'whisper.available_models is used as a value; only calls can be rewritten');
        this.m.edits.replace(expr, this.names.local('available_models', imp));
        this.m.note(expr, 'faster_whisper.available_models() lists more names than openai-whisper (distil-* models); all openai-whisper names are accepted');
        return;
      case 'whisper.SAMPLE_RATE':
      case 'whisper.audio.SAMPLE_RATE':
        if (isStore) return this.m.block(expr, 'whisper.SAMPLE_RATE is assigned here');
        this.m.edits.replace(expr, '16000');
        return;
      case 'whisper.Whisper':
      case 'whisper.model.Whisper':
        if (inAnnotation(expr)) { this.m.edits.replace(expr, this.names.local('WhisperModel', imp)); return; }
        return this.m.block(expr, unsupportedModuleAttribute('Whisper'));
      default:
        if (qualified === 'whisper') return this.m.block(expr, 'the whisper module itself is used as a value here; the codemod cannot follow it');
        return this.m.block(expr, unsupportedModuleAttribute(rest.split('.')[0] === 'audio' && rest.includes('.') ? 'audio' : rest.split('.')[0]));
    }
  }

  private planLoadAudio(call: PyNode, fn: PyNode, imp: ImportedName): void {
    const args = new ArgumentEditor(this.m.text, call);
    for (const a of args.arguments) {
      if (a.kind === 'keyword' && a.name === 'file') args.rename(a, 'input_file');
      else if (a.kind === 'keyword' && a.name === 'sr') args.rename(a, 'sampling_rate');
      else if (a.kind !== 'positional') return this.m.block(a.node, `whisper.load_audio argument \`${a.node.text}\` cannot be mapped`);
    }
    this.m.edits.replace(fn, this.names.local('decode_audio', imp));
    this.m.edits.add(...args.edits());
  }
}
