#!/usr/bin/env node
// A `solc` for Forge that runs solcjs (the npm `solc` package), so `forge build/test` compiles offline instead of
// downloading a native solc. Forge calls it in two ways only:
//   solc --version                        -> prints the version line Forge parses ("Version: x.y.z+commit...")
//   solc [options] --standard-json < in   -> standard JSON in, standard JSON out
// Forge puts the sources it resolved into the input, but under other names than the compiler derives from relative
// imports inside remapped libraries ("../node_modules/@openzeppelin/..." vs the absolute path), so the compiler asks
// for those through the import callback; it reads them from disk the way native solc's file reader does: relative
// to --base-path, then to each --include-path, and only inside --allow-paths, --base-path and --include-path.
// The npm package is looked up in $CHAIN_TOOLS_DIR, else in the project root's node_modules.
import { createRequire } from 'node:module';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const toolsDir = process.env.CHAIN_TOOLS_DIR
  ?? resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'node_modules');
const solc = createRequire(join(toolsDir, 'noop.js'))('solc');
const args = process.argv.slice(2);

function optionValues(name) {
  const values = [];
  for (let i = 0; i < args.length - 1; i++) {
    if (args[i] === name) values.push(...args[i + 1].split(','));
  }
  return values.filter((value) => value.length > 0).map((value) => resolve(value));
}

const basePath = optionValues('--base-path')[0] ?? process.cwd();
const searchPaths = [basePath, ...optionValues('--include-path')];
// Compared as real paths: Forge passes canonical --allow-paths, while a symlinked node_modules (a git worktree
// sharing the main checkout's) makes the compiler ask for the same files under the link's path.
const realPath = (path) => (existsSync(path) ? realpathSync(path) : path);
const allowedPaths = [...searchPaths, ...optionValues('--allow-paths')].map(realPath);

function readImport(path) {
  const candidates = isAbsolute(path) ? [path] : searchPaths.map((dir) => resolve(dir, path));
  for (const candidate of candidates) {
    const real = realPath(candidate);
    const allowed = allowedPaths.some((dir) => real === dir || real.startsWith(dir + sep));
    if (allowed && existsSync(candidate)) {
      return { contents: readFileSync(candidate, 'utf8') };
    }
  }
  return { error: `${path} not found under ${searchPaths.join(', ')} (or outside --allow-paths)` };
}

if (args.includes('--version')) {
  console.log('solc, the solidity compiler commandline interface');
  console.log(`Version: ${solc.version()}`);
} else if (args.includes('--standard-json')) {
  const input = readFileSync(0, 'utf8');
  process.stdout.write(solc.compile(input, { import: readImport }));
} else {
  console.error(`solc-for-forge: unsupported arguments ${JSON.stringify(args)} (only --version and --standard-json)`);
  process.exit(2);
}
