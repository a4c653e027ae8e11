// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @notice Builds a Merkle tree the way OpenZeppelin's StandardMerkleTree lays it out (leaves sorted ascending, a
/// complete binary tree in an array of 2n-1 nodes with leaf i at 2n-2-i, sorted-pair keccak256), independently of
/// MerkleProof, so the fuzz tests can anchor roots of random leaf sets and ask the contract to verify their proofs.
library SortedPairMerkleTree {
    function build(bytes32[] memory leaves) internal pure returns (bytes32[] memory nodes) {
        require(leaves.length > 0, "no leaves");
        bytes32[] memory sorted = _sorted(leaves);
        uint256 n = sorted.length;
        nodes = new bytes32[](2 * n - 1);
        for (uint256 i = 0; i < n; i++) {
            nodes[nodes.length - 1 - i] = sorted[i];
        }
        for (uint256 k = nodes.length - n; k > 0; k--) {
            nodes[k - 1] = _hashPair(nodes[2 * k - 1], nodes[2 * k]);
        }
    }

    function root(bytes32[] memory nodes) internal pure returns (bytes32) {
        return nodes[0];
    }

    /// @notice Sibling hashes from the node at `index` up to the root.
    function proof(bytes32[] memory nodes, uint256 index) internal pure returns (bytes32[] memory siblings) {
        uint256 depth = 0;
        for (uint256 i = index; i > 0; i = (i - 1) / 2) depth++;
        siblings = new bytes32[](depth);
        for (uint256 d = 0; index > 0; d++) {
            siblings[d] = nodes[index % 2 == 1 ? index + 1 : index - 1];
            index = (index - 1) / 2;
        }
    }

    /// @notice Array index of `leaf` in `nodes`; reverts when absent.
    function indexOf(bytes32[] memory nodes, bytes32 leaf) internal pure returns (uint256) {
        uint256 leafCount = (nodes.length + 1) / 2;
        for (uint256 k = nodes.length - leafCount; k < nodes.length; k++) {
            if (nodes[k] == leaf) return k;
        }
        revert("leaf not in tree");
    }

    function _hashPair(bytes32 a, bytes32 b) private pure returns (bytes32) {
        return a < b ? keccak256(abi.encode(a, b)) : keccak256(abi.encode(b, a));
    }

    function _sorted(bytes32[] memory values) private pure returns (bytes32[] memory sorted) {
        sorted = new bytes32[](values.length);
        for (uint256 i = 0; i < values.length; i++) {
            bytes32 value = values[i];
            uint256 j = i;
            for (; j > 0 && sorted[j - 1] > value; j--) {
                sorted[j] = sorted[j - 1];
            }
            sorted[j] = value;
        }
    }
}
