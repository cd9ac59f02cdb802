// The stage model: every FROM becomes a stage with its resolved image, parent stage and C
// library, and every RUN its simple commands with ARG/ENV values expanded where known.
import type { ParsedDockerfile, ParsedInstruction, ParsedProperty } from '../parse/dockerfile';
import type { Span } from '../parse/text';
import { readRunCommands } from '../parse/run-commands';
import { contextCopies } from './context-copies';
import { stageCopies } from './copies';
import { formatImageReference, parseImageReference } from './image-reference';
import { classifyImage } from './libc';
import type { DockerfileModel, ModelOptions, Stage } from './types';
import { ScopeChain, substitute, type VariableScope } from './variables';
import { expansionLimitHit, ExpansionLimits, type ExpansionLimit } from '../parse/limits';

export type { DockerfileModel, ModelOptions, Stage, StageCopy } from './types';

/** Builds the model of a parsed Dockerfile. */
export function buildModel(parsed: ParsedDockerfile, options: ModelOptions = {}): DockerfileModel {
  const buildArgs = options.buildArgs ?? {};
  const escape = parsed.escapeChar;
  const preamble: ParsedInstruction[] = [];
  let global = ScopeChain.empty();
  const stages: Stage[] = [];
  let current: Stage | null = null;
  let scope = ScopeChain.empty();
  const limits = new ExpansionLimits();

  for (const instruction of parsed.instructions) {
    if (instruction.keyword === 'FROM' && !instruction.onbuild) {
      current = createStage(stages, instruction, global, options, limits);
      stages.push(current);
      scope = ScopeChain.empty();
      continue;
    }
    if (!current) {
      preamble.push(instruction);
      if (instruction.keyword === 'ARG') global = declareArgs(instruction, global, global, buildArgs, escape, true, limits);
      continue;
    }
    current.instructions.push(instruction);
    if (instruction.keyword === 'ARG') scope = declareArgs(instruction, scope, global, buildArgs, escape, false, limits);
    else if (instruction.keyword === 'ENV') scope = declareEnv(instruction, scope, escape, limits);
    current.scopes.set(instruction, scope);
    current.scope = scope;
    if (instruction.keyword === 'RUN') {
      const runScope = scope;
      const run = readRunCommands(parsed, instruction, (name) => runScope.get(name), options.cache, limits);
      current.runs.push(run);
      if (!current.usesApk) current.usesApk = run.commands.some((c) => c.name?.value.split('/').pop() === 'apk');
    }
  }
  for (const stage of stages) if (stage.parent?.usesApk) stage.usesApk = true;
  const model: DockerfileModel = {
    parsed,
    stages,
    globalScope: global,
    preamble,
    copies: [],
    context: options.contextFacts ?? null,
    expansion: limits,
  };
  model.copies = stageCopies(model, options);
  for (const copy of model.copies) copy.into.copies.push(copy);
  for (const copy of contextCopies(model)) copy.stage.contextCopies.push(copy);
  return model;
}

function createStage(
  stages: Stage[],
  from: ParsedInstruction,
  global: VariableScope,
  options: ModelOptions,
  limits: ExpansionLimits,
): Stage {
  const imageText = from.from?.image ?? null;
  const resolved = imageText === null ? null : substitute(imageText, global, undefined, limits);
  if (resolved?.overLimit)
    limits.note(expansionLimitHit(from.from?.imageSpan ?? from.keywordSpan, 'The image name', limits, resolved.overLimit));
  const stage: Stage = {
    index: stages.length,
    name: from.from?.stageName?.toLowerCase() ?? null,
    from,
    imageText,
    resolvedImage: resolved?.value ?? null,
    reference: null,
    parent: null,
    libc: 'unknown',
    glibcOnMusl: false,
    reason: '',
    evidence: null,
    runtime: null,
    byName: false,
    instructions: [],
    runs: [],
    usesApk: false,
    scope: ScopeChain.empty(),
    scopes: new Map(),
    copies: [],
    contextCopies: [],
  };
  if (!resolved) {
    stage.reason = 'FROM names no image';
    return stage;
  }
  const parent = stages.find((s) => s.name !== null && s.name === resolved.value.toLowerCase());
  if (parent) {
    stage.parent = parent;
    stage.libc = parent.libc;
    stage.glibcOnMusl = parent.glibcOnMusl;
    stage.usesApk = parent.usesApk;
    stage.reason = `via stage \`${parent.name}\` (${parent.reason})`;
    return stage;
  }
  if (resolved.unresolved.length) {
    stage.reason = `${resolved.value}: depends on ${resolved.unresolved.map((n) => `$${n}`).join(', ')}, which has no value here`;
    return stage;
  }
  stage.reference = parseImageReference(resolved.value);
  if (!stage.reference) {
    stage.reason = `${resolved.value}: not a valid image reference`;
    return stage;
  }
  const judged = classifyImage(stage.reference, options.imageFacts);
  stage.libc = judged.libc;
  stage.glibcOnMusl = judged.glibcOnMusl;
  stage.reason = judged.reason;
  stage.evidence = judged.evidence ?? null;
  stage.runtime = judged.runtime ?? null;
  stage.byName = judged.byName ?? false;
  stage.resolvedImage = formatImageReference(stage.reference);
  return stage;
}

function declareArgs(
  instruction: ParsedInstruction,
  scope: ScopeChain,
  global: VariableScope,
  buildArgs: Readonly<Record<string, string>>,
  escape: string,
  isGlobal: boolean,
  limits: ExpansionLimits,
): ScopeChain {
  const changes = new Map<string, string | undefined>();
  // Later properties of one instruction see the earlier ones.
  const current: VariableScope = { get: (name) => (changes.has(name) ? changes.get(name) : scope.get(name)) };
  for (const property of instruction.properties) {
    const name = property.name;
    if (Object.prototype.hasOwnProperty.call(buildArgs, name)) changes.set(name, buildArgs[name]);
    else if (property.value !== null) {
      const value = substitute(property.value, current, escape, limits);
      if (value.overLimit) noteProperty(limits, property, value.overLimit);
      changes.set(name, value.unresolved.length ? undefined : value.value);
    } else if (!isGlobal && global.get(name) !== undefined) changes.set(name, global.get(name));
    // Without a default the value comes from --build-arg at build time: unknown here.
    else changes.set(name, undefined);
  }
  return scope.with(changes);
}

function declareEnv(instruction: ParsedInstruction, scope: ScopeChain, escape: string, limits: ExpansionLimits): ScopeChain {
  const changes = new Map<string, string | undefined>();
  const current: VariableScope = { get: (name) => (changes.has(name) ? changes.get(name) : scope.get(name)) };
  for (const property of instruction.properties) {
    if (property.value === null) continue;
    const value = substitute(property.value, current, escape, limits);
    if (value.overLimit) noteProperty(limits, property, value.overLimit);
    changes.set(property.name, value.unresolved.length ? undefined : value.value);
  }
  return scope.with(changes);
}

/** Notes that an ARG or ENV value was not expanded, on the whole `NAME=value`. */
function noteProperty(limits: ExpansionLimits, property: ParsedProperty, kind: ExpansionLimit): void {
  const span = { start: property.nameSpan.start, end: property.valueSpan?.end ?? property.nameSpan.end };
  limits.note(expansionLimitHit(span, `The value of \`${property.name}\``, limits, kind));
}

/** True when rules that assume Alpine apply: musl, or unknown but calling apk. */
export function isAlpineLike(stage: Stage): boolean {
  return stage.libc === 'musl' || (stage.libc === 'unknown' && stage.usesApk);
}

/** A span helper for rules: the whole FROM image argument, or the FROM keyword. */
export function fromImageSpan(stage: Stage): Span {
  return stage.from.from?.imageSpan ?? stage.from.keywordSpan;
}

/** The first stage of a `FROM <stage>` chain: the one that names an image. */
export function rootStage(stage: Stage): Stage {
  let current = stage;
  while (current.parent) current = current.parent;
  return current;
}

/** A stage's name in backticks, or its index, for messages. */
export function stageLabel(stage: Stage): string {
  return stage.name ? `\`${stage.name}\`` : `${stage.index}`;
}
