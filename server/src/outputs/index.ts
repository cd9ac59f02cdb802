// The output formats, by name.
import { formatter as checkstyle } from './checkstyle';
import { formatter as codeclimate, gitlabFormatter as gitlab } from './codeclimate';
import { formatter as github } from './github';
import { formatter as gnu } from './gnu';
import { formatter as json } from './json';
import { formatter as junit } from './junit';
import { formatter as sarif } from './sarif';
import { formatter as text } from './text';
import type { Formatter } from './types';

/** Every format the CLI offers. */
export const FORMATTERS: readonly Formatter[] = [text, json, sarif, checkstyle, gnu, github, junit, codeclimate, gitlab];

/** Looks a format up by name. */
export function formatterNamed(name: string): Formatter | undefined {
  return FORMATTERS.find((f) => f.name === name);
}
