// Independent reference for MerkleTree/SettlementLeaf: builds OpenZeppelin StandardMerkleTrees.
// Usage: node oz-merkle-tree.cjs <node_modules dir>  (stdin: {"trees": [[[bytes32, address, address, uint, uint, uint], ...], ...]})
// stdout: [{"root": "0x..", "entries": [{"leaf": "0x..", "proof": ["0x..", ...]}, ...]}, ...] in input order.
const path = require('node:path');
const { StandardMerkleTree } = require(path.join(process.argv[2], '@openzeppelin/merkle-tree'));

const types = ['bytes32', 'address', 'address', 'uint256', 'uint256', 'uint256'];
const input = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
const output = input.trees.map((values) => {
  const tree = StandardMerkleTree.of(values, types);
  return {
    root: tree.root,
    entries: values.map((value) => ({ leaf: tree.leafHash(value), proof: tree.getProof(value) })),
  };
});
process.stdout.write(JSON.stringify(output));
