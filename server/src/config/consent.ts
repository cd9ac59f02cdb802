// Network use (registry lookups) on the user's word only. A configuration file found in the
// checked repository may ask for `resolve-images: true`, but a cloned repository must not turn
// the network on by itself: only the user's own sources (a command-line flag, an environment
// variable, the user-level configuration, `--config`, an editor setting) can.
import type { ConfigLayer } from './types';

/** The layers to merge, and whether a repository asked for lookups nobody agreed to. */
export interface ConsentedLayers {
  layers: ConfigLayer[];
  /** True when the repository's file asks for lookups and no source of the user's says either way. */
  unansweredRequest: boolean;
}

/**
 * Orders one file's configuration layers, lowest first: `user` (the user-level file, or the
 * file named with --config), then `repository` (a file found in the checked repository, whose
 * `resolve-images: true` is dropped: a request, not consent; `false` stands), then `higher`
 * (environment, flags, editor settings). When there is no repository file, `user` counts in
 * full; beside one, only its `resolve-images` does, as the user-level file is otherwise not
 * read when a repository has its own.
 */
export function withNetworkConsent(
  repository: ConfigLayer | null,
  user: ConfigLayer | null,
  higher: readonly ConfigLayer[],
): ConsentedLayers {
  if (!repository) return { layers: [...(user ? [user] : []), ...higher], unansweredRequest: false };
  const layers: ConfigLayer[] = [];
  if (user?.['resolve-images'] !== undefined) layers.push({ 'resolve-images': user['resolve-images'] });
  const asked = repository['resolve-images'] === true;
  const own = { ...repository };
  if (asked) delete own['resolve-images'];
  layers.push(own, ...higher);
  const answered = layers.some((layer) => layer !== own && layer['resolve-images'] !== undefined);
  return { layers, unansweredRequest: asked && !answered };
}

/** What the user is told, once, when a repository asked for lookups and they did not agree. */
export function requestNotice(userConfigPath: string | null): string {
  const where = userConfigPath ? `, or \`resolve-images: true\` in ${userConfigPath}` : '';
  return `asks for registry lookups (resolve-images: true), which need your consent, so none were made; to allow them, pass --resolve-images or set MUSLCHECK_RESOLVE_IMAGES=1${where}`;
}
