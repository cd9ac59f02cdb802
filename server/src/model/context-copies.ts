// COPY and ADD from the build context: which sources each one names, after variable
// substitution, and what the caller found in the context for them. The sources are read by
// an adapter (node/context-files.ts); the model only carries the facts it was given.
import type { ParsedInstruction } from '../parse/dockerfile';
import { cleanPath } from '../parse/context-patterns';
import type { Span } from '../parse/text';
import type { ContextCopy, ContextSource, DockerfileModel } from './types';
import { substitute, type VariableScope } from './variables';

export type { ContextCopy, ContextFacts, ContextFile, ContextMatch, ContextSource } from './types';

/** Every COPY/ADD of the Dockerfile that reads the build context, in order (the model keeps them per stage). */
export function contextCopies(model: DockerfileModel): ContextCopy[] {
  const copies: ContextCopy[] = [];
  for (const stage of model.stages) {
    for (const instruction of stage.instructions) {
      if ((instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD') || instruction.onbuild) continue;
      if (instruction.flags.some((f) => f.name.toLowerCase() === 'from')) continue;
      const scope = stage.scopes.get(instruction) ?? stage.scope;
      const merged: VariableScope = { get: (name) => scope.get(name) ?? model.globalScope.get(name) };
      const sources: ContextSource[] = [];
      for (const argument of sourceArguments(model, instruction)) {
        const resolved = substitute(argument.value, merged, model.parsed.escapeChar);
        // A source that depends on an unknown variable names no file we can find.
        if (resolved.unresolved.length) continue;
        const pattern = contextPath(resolved.value);
        if (pattern === null) continue;
        sources.push({ pattern, span: argument.span });
      }
      const excludes = instruction.flags
        .filter((f) => f.name.toLowerCase() === 'exclude' && f.value)
        .map((f) => {
          const resolved = substitute(f.value!, merged, model.parsed.escapeChar);
          // An exclusion that depends on an unknown variable may leave out any file: read as all.
          return resolved.unresolved.length ? '**' : resolved.value;
        });
      if (sources.length) copies.push({ instruction, stage, sources, excludes });
    }
  }
  return copies;
}

/** Every source pattern of the Dockerfile's context copies, once each: what an adapter should read. */
export function contextPatterns(model: DockerfileModel): string[] {
  return [...new Set(model.stages.flatMap((stage) => stage.contextCopies.flatMap((c) => c.sources.map((s) => s.pattern))))];
}

/** The source arguments (all but the destination), from the shell or the JSON form. */
function sourceArguments(model: DockerfileModel, instruction: ParsedInstruction): { value: string; span: Span }[] {
  if (instruction.heredocs.length) return [];
  const args = instruction.arguments;
  if (args.length && args[0].value.startsWith('[') && instruction.argumentsSpan) {
    const span = instruction.argumentsSpan;
    let list: unknown;
    try {
      list = JSON.parse(model.parsed.text.slice(span.start, span.end));
    } catch {
      return [];
    }
    if (!Array.isArray(list) || !list.every((item) => typeof item === 'string')) return [];
    return (list as string[]).slice(0, -1).map((value) => ({ value, span }));
  }
  return args.slice(0, -1).map((a) => ({ value: a.value, span: a.span }));
}

/**
 * A source as a path inside the context, or null for what is not a context file (a URL, a
 * git address). BuildKit keeps `..` and a leading `/` inside the context, as done here.
 */
function contextPath(source: string): string | null {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(source) || /^git@/.test(source)) return null;
  return cleanPath(source).join('/') || '.';
}
