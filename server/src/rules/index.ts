// The rule registry: one explicit, sorted list. Adding a rule means adding one line here.
import { rule as mc0001 } from './mc0001-invalid-pragma';
import { rule as mc0002 } from './mc0002-unused-pragma';
import { rule as mc1001 } from './mc1001-alpine-glibc-base-image';
import { rule as mc1002 } from './mc1002-glibc-apk-install';
import { rule as mc1003 } from './mc1003-glibc-signing-key';
import { rule as mc1004 } from './mc1004-glibc-apk-download';
import { rule as mc1005 } from './mc1005-glibc-compat-prefix';
import { rule as mc1006 } from './mc1006-apk-allow-untrusted';
import { rule as mc2001 } from './mc2001-glibc-binary-into-musl';
import { rule as mc2002 } from './mc2002-glibc-prebuilt-download';
import { rule as mc2003 } from './mc2003-foreign-libc-binary-in-context';
import { rule as mc2004 } from './mc2004-foreign-libc-binary-in-image';
import type { Rule } from './types';

/** Every rule, by code. */
export const RULES: readonly Rule[] = [mc0001, mc0002, mc1001, mc1002, mc1003, mc1004, mc1005, mc1006, mc2001, mc2002, mc2003, mc2004];

/** Rules keyed by code. */
export const RULES_BY_CODE: ReadonlyMap<string, Rule> = new Map(RULES.map((r) => [r.meta.code, r]));

/** Codes that were retired; they are never reused. */
export const RETIRED_CODES: readonly string[] = [];
