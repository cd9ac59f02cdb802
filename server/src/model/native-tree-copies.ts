// Which `COPY --from` instructions move a dependency tree (node_modules, site-packages,
// gems, a Cargo target) between stages of different C libraries. MC2004 reports them and
// MC2001 leaves them to it, so one COPY gets one finding.
import { isDataPath } from '../knowledge/data-files';
import { nativeTreeOf, type NativeTree } from '../knowledge/native-trees';
import type { StageCopy } from './types';
import { isAlpineLike, rootStage, type Stage } from './model';

/** A tree copy across C libraries. */
export interface NativeTreeCopy {
  trees: NativeTree[];
  from: 'musl' | 'glibc';
  to: 'musl' | 'glibc';
}

/**
 * The trees a copy moves from one C library to the other, when every source is such a tree
 * or plain data; null otherwise (a program among the sources is MC2001's).
 */
export function nativeTreeCopy(copy: StageCopy): NativeTreeCopy | null {
  const from = copy.fromStage ? stageLibc(copy.fromStage) : copy.libc === 'glibc' || copy.libc === 'musl' ? copy.libc : null;
  const to = stageLibc(copy.into);
  if (!from || !to || from === to) return null;
  // glibc bolted onto musl builds trees of either kind: no telling which.
  if (copy.fromStage && rootStage(copy.fromStage).glibcOnMusl) return null;
  const trees: NativeTree[] = [];
  for (const source of copy.sources) {
    // Trees first: node_modules also counts as data for MC2001, which lets it through.
    const tree = nativeTreeOf(source.path);
    if (tree && tree.builtBy && !(copy.fromStage && runsCommand(copy.fromStage, tree.builtBy))) return null;
    if (tree) trees.push(tree);
    else if (!isDataPath(source.path)) return null;
  }
  if (!trees.length) return null;
  return { trees, from, to };
}

function stageLibc(stage: Stage): 'musl' | 'glibc' | null {
  if (isAlpineLike(stage)) return 'musl';
  return stage.libc === 'glibc' ? 'glibc' : null;
}

function runsCommand(stage: Stage, name: string): boolean {
  for (let current: Stage | null = stage; current; current = current.parent) {
    if (current.runs.some((run) => run.commands.some((c) => c.name?.value.split('/').pop() === name))) return true;
  }
  return false;
}
