// Compiles the contracts in <solidity dir> offline with solcjs (standard JSON), resolving "@openzeppelin/..." imports
// from <node_modules dir>, and writes <Contract>.abi and <Contract>.bin (hex, no 0x) into <output dir>.
// Usage: node compile.mjs <solidity dir> <node_modules dir> <output dir>
import { createRequire } from 'node:module';
import { mkdirSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const [solidityDir, toolsDir, outputDir] = process.argv.slice(2).map((arg) => arg && resolve(arg));
if (!solidityDir || !toolsDir || !outputDir) {
  console.error('usage: node compile.mjs <solidity dir> <node_modules dir> <output dir>');
  process.exit(2);
}
const solc = createRequire(join(toolsDir, 'noop.js'))('solc');

const sources = {};
for (const file of readdirSync(solidityDir).filter((name) => name.endsWith('.sol')).sort()) {
  sources[file] = { content: readFileSync(join(solidityDir, file), 'utf8') };
}

const input = {
  language: 'Solidity',
  sources,
  settings: {
    optimizer: { enabled: true, runs: 200 },
    evmVersion: 'cancun',
    outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
  },
};

function findImports(path) {
  for (const base of [solidityDir, toolsDir]) {
    const candidate = join(base, path);
    if (existsSync(candidate)) {
      return { contents: readFileSync(candidate, 'utf8') };
    }
  }
  return { error: `not found: ${path}` };
}

const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports }));
const errors = (output.errors ?? []).filter((e) => e.severity === 'error');
for (const message of output.errors ?? []) {
  console.error(message.formattedMessage);
}
if (errors.length > 0) {
  process.exit(1);
}

mkdirSync(outputDir, { recursive: true });
for (const file of Object.keys(sources)) {
  for (const [name, contract] of Object.entries(output.contracts[file] ?? {})) {
    writeFileSync(join(outputDir, `${name}.abi`), JSON.stringify(contract.abi));
    writeFileSync(join(outputDir, `${name}.bin`), contract.evm.bytecode.object);
    console.log(`compiled ${name} (${contract.evm.bytecode.object.length / 2} bytes) with solc ${solc.version()}`);
  }
}
