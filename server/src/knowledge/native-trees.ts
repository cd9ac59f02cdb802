// Directories that hold a language's installed dependencies, native addons included:
// built against one C library, they fail to load on the other. Copying them between stages
// of different C libraries is MC2004's; single programs are MC2001's.

/** An ecosystem's dependency tree, as a path pattern and the way to rebuild it. */
export interface NativeTree {
  ecosystem: 'node' | 'python' | 'ruby' | 'rust';
  /** What the path holds, for messages. */
  what: string;
  /** The native parts such a tree often has, for messages. */
  natives: string;
  pattern: RegExp;
  /** How to get a tree built for the stage's own C library. */
  advice: string;
  /** A command the source stage must run for the path to mean this tree (`target/` is also Maven's). */
  builtBy?: string;
}

/** The trees muslcheck recognises in `COPY --from` sources. */
export const NATIVE_TREES: readonly NativeTree[] = [
  {
    ecosystem: 'node',
    what: 'Node.js modules',
    natives: 'native addons (bcrypt, sharp...)',
    pattern: /(?:^|\/)node_modules(?:\/|$)/,
    advice: 'run `npm ci` (or `yarn`/`pnpm install`) in a stage on the same C library as the final one',
  },
  {
    ecosystem: 'python',
    what: 'Python packages',
    natives: 'compiled extensions (numpy, psycopg2...)',
    pattern: /(?:^|\/)(?:site|dist)-packages(?:\/|$)|(?:^|\/)\.?venv(?:\/|$)|^\/usr\/(?:local\/)?lib\/python\d[\d.]*(?:\/|$)/,
    advice: 'run `pip install` in a stage on the same C library as the final one (musllinux wheels exist for Alpine)',
  },
  {
    ecosystem: 'ruby',
    what: 'Ruby gems',
    natives: 'native extensions (nokogiri, pg...)',
    pattern: /^\/usr\/local\/bundle(?:\/|$)|(?:^|\/)vendor\/bundle(?:\/|$)|^\/usr\/local\/lib\/ruby\/gems(?:\/|$)/,
    advice: 'run `bundle install` in a stage on the same C library as the final one',
  },
  {
    ecosystem: 'rust',
    what: 'a Cargo target directory',
    natives: 'compiled programs and libraries',
    pattern: /(?:^|\/)target\/?$/,
    builtBy: 'cargo',
    advice: "build for the final stage's C library (`--target x86_64-unknown-linux-musl` for Alpine) and copy the program, not the tree",
  },
];

/** npm's global folder in the official node images holds npm and corepack: plain JavaScript. */
const NODE_GLOBAL_MODULES = /^\/usr\/local\/lib\/node_modules\/?$/;

/** The tree a copied path belongs to, if any. */
export function nativeTreeOf(path: string): NativeTree | undefined {
  if (NODE_GLOBAL_MODULES.test(path)) return undefined;
  return NATIVE_TREES.find((tree) => tree.pattern.test(path));
}
