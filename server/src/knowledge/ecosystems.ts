// Which language ecosystem a builder image belongs to, and how that ecosystem builds for
// musl: the advice MC2001 gives when a glibc build is copied into a musl stage.
import type { Ecosystem } from './glibc-downloads';

/** Builder images (knowledge-base names, as in ImageReference.name) by ecosystem. */
const BUILDER_IMAGES: Readonly<Record<Exclude<Ecosystem, 'other'>, readonly string[]>> = {
  go: ['golang'],
  rust: ['rust'],
  python: ['python', 'pypy'],
  node: ['node'],
  java: ['eclipse-temurin', 'openjdk', 'amazoncorretto', 'maven', 'gradle', 'ibm-semeru-runtimes', 'sapmachine'],
  dotnet: ['mcr.microsoft.com/dotnet/sdk', 'mcr.microsoft.com/dotnet/runtime', 'mcr.microsoft.com/dotnet/aspnet'],
};

/** The ecosystem of a builder image name, or null when it is not a language image. */
export function imageEcosystem(name: string): Exclude<Ecosystem, 'other'> | null {
  for (const [ecosystem, names] of Object.entries(BUILDER_IMAGES) as [Exclude<Ecosystem, 'other'>, readonly string[]][]) {
    if (names.includes(name)) return ecosystem;
  }
  return null;
}

/**
 * How to build for musl in an ecosystem, as a clause that starts with a verb. `alpineBuilder`
 * is the builder's Alpine variant when one is known (`golang:1.23-alpine`).
 */
export function muslBuildAdvice(ecosystem: Ecosystem | null, alpineBuilder: string | null): string {
  const variant = (fallback: string): string => (alpineBuilder ? `\`${alpineBuilder}\`` : fallback);
  switch (ecosystem) {
    case 'go':
      return `Build with CGO_ENABLED=0 (a static Go binary) or in ${variant("golang's -alpine variant")}`;
    case 'rust':
      return `Build for the musl target (\`rustup target add x86_64-unknown-linux-musl\`, \`cargo build --target x86_64-unknown-linux-musl\`) or in ${variant("rust's -alpine variant")}`;
    case 'python':
      return `Install the Python packages in the musl stage itself, where pip picks musllinux wheels or builds from source, or build in ${variant("python's -alpine variant")}`;
    case 'node':
      return `Run \`npm ci\` in the musl stage or in ${variant("node's -alpine variant")} so native addons are built for musl`;
    case 'java':
      return `Build the runtime with an Alpine JDK (${variant('`eclipse-temurin:<version>-jdk-alpine`')}) so jlink output matches musl`;
    case 'dotnet':
      return "Publish for the musl runtime identifier (`dotnet publish -r linux-musl-x64`) or build in the SDK's -alpine tag";
    default:
      return "Build statically or in the builder's -alpine variant";
  }
}
