// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";

/// @title Settlement anchor of the compute market
/// @notice Stores, once per batch, the Merkle root of a batch of off-chain settlements, so anyone can check that a
/// settlement belongs to an anchored batch. Leaves are OpenZeppelin StandardMerkleTree leaves (double keccak256).
contract SettlementAnchor is AccessControl {
    bytes32 public constant ANCHORER_ROLE = keccak256("ANCHORER_ROLE");

    struct Batch {
        bytes32 root;
        uint32 itemCount;
    }

    mapping(uint256 batchId => Batch) private _batches;

    event BatchAnchored(uint256 indexed batchId, bytes32 root, uint32 itemCount);

    error BatchAlreadyAnchored(uint256 batchId);
    error EmptyBatch(uint256 batchId);

    constructor(address admin, address anchorer) {
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(ANCHORER_ROLE, anchorer);
    }

    /// @notice Records the root of batch `batchId`; a batch is written once and never changed.
    function anchor(uint256 batchId, bytes32 root, uint32 itemCount) external onlyRole(ANCHORER_ROLE) {
        if (itemCount == 0 || root == bytes32(0)) revert EmptyBatch(batchId);
        if (_batches[batchId].root != bytes32(0)) revert BatchAlreadyAnchored(batchId);
        _batches[batchId] = Batch(root, itemCount);
        emit BatchAnchored(batchId, root, itemCount);
    }

    function rootOf(uint256 batchId) external view returns (bytes32) {
        return _batches[batchId].root;
    }

    function itemCountOf(uint256 batchId) external view returns (uint32) {
        return _batches[batchId].itemCount;
    }

    /// @notice Whether `leaf` is in anchored batch `batchId` according to `proof`; false for a batch never anchored.
    function verify(uint256 batchId, bytes32[] calldata proof, bytes32 leaf) external view returns (bool) {
        bytes32 root = _batches[batchId].root;
        return root != bytes32(0) && MerkleProof.verifyCalldata(proof, root, leaf);
    }
}
