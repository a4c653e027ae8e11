// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {SettlementAnchor} from "../../main/solidity/SettlementAnchor.sol";
import {ContractTest} from "./support/ContractTest.sol";
import {SortedPairMerkleTree} from "./support/SortedPairMerkleTree.sol";

contract SettlementAnchorTest is ContractTest {
    using SortedPairMerkleTree for bytes32[];

    address internal constant ADMIN = address(0xAD);
    address internal constant ANCHORER = address(0xA7C);

    // A tree made by the npm library itself: StandardMerkleTree.of(values,
    // ["bytes32","address","address","uint256","uint256","uint256"]) from @openzeppelin/merkle-tree 1.0.8, over three
    // settlements whose ids are 0xa1, 0xb2, 0xc3. Settlement 0xa1 is its entry 0.
    bytes32 internal constant OZ_ROOT = 0x7bffca06fe68e4c1f6699359fe17ee4bdff87a8497f9b770e0d53b3cd3d2e325;
    bytes32 internal constant OZ_LEAF_A1 = 0x300323ec54b44806996f32a4f3a5422fefe051c51ec5f9520d85da7ff63342e1;
    bytes32 internal constant OZ_LEAF_B2 = 0x55baea08e04bcc0d9580f9f61f93ee39a8491e0ee4772bb5055cc76529e24803;
    bytes32 internal constant OZ_PROOF_A1_0 = 0x0e6c3c7800cc0397343899377219ea10c171de751548ec1051df932cc917d712;

    SettlementAnchor internal anchor;

    function setUp() public {
        anchor = new SettlementAnchor(ADMIN, ANCHORER);
    }

    function test_anchorStoresRootAndCountAndEmitsBatchAnchored() public {
        vm.expectEmit(true, false, false, true, address(anchor));
        emit SettlementAnchor.BatchAnchored(7, OZ_ROOT, 3);
        vm.prank(ANCHORER);
        anchor.anchor(7, OZ_ROOT, 3);

        vm.assertEq(anchor.rootOf(7), OZ_ROOT, "root stored");
        vm.assertEq(anchor.itemCountOf(7), 3, "item count stored");
        vm.assertEq(anchor.rootOf(8), bytes32(0), "other batches untouched");
    }

    function test_aBatchIsWrittenOnlyOnce() public {
        vm.prank(ANCHORER);
        anchor.anchor(1, OZ_ROOT, 3);

        vm.expectRevert(abi.encodeWithSelector(SettlementAnchor.BatchAlreadyAnchored.selector, 1));
        vm.prank(ANCHORER);
        anchor.anchor(1, keccak256("another root"), 5);

        vm.assertEq(anchor.rootOf(1), OZ_ROOT, "first root kept");
        vm.assertEq(anchor.itemCountOf(1), 3, "first count kept");
    }

    function test_onlyTheAnchorerAnchorsNotEvenTheAdmin() public {
        address[2] memory outsiders = [ADMIN, address(this)];
        for (uint256 i = 0; i < outsiders.length; i++) {
            vm.expectRevert(abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector,
                outsiders[i], anchor.ANCHORER_ROLE()));
            vm.prank(outsiders[i]);
            anchor.anchor(1, OZ_ROOT, 3);
        }
        vm.assertEq(anchor.rootOf(1), bytes32(0), "nothing anchored");
    }

    function test_emptyBatchesAreRefused() public {
        vm.startPrank(ANCHORER);
        vm.expectRevert(abi.encodeWithSelector(SettlementAnchor.EmptyBatch.selector, 1));
        anchor.anchor(1, bytes32(0), 3);
        vm.expectRevert(abi.encodeWithSelector(SettlementAnchor.EmptyBatch.selector, 1));
        anchor.anchor(1, OZ_ROOT, 0);
        vm.stopPrank();
    }

    function test_leafEncodingMatchesOpenZeppelinStandardMerkleTree() public pure {
        bytes32 leaf = keccak256(bytes.concat(keccak256(abi.encode(
            bytes32(uint256(0xa1)), address(0x70997970C51812dc3A010C7d01b50e0d17dc79C8),
            address(0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC), uint256(975 ether), uint256(25 ether), uint256(0)))));
        vm.assertEq(leaf, OZ_LEAF_A1, "leaf hash as @openzeppelin/merkle-tree computes it");
    }

    function test_verifyAcceptsAnOpenZeppelinProofOfTheAnchoredBatch() public {
        vm.prank(ANCHORER);
        anchor.anchor(1, OZ_ROOT, 3);

        vm.assertTrue(anchor.verify(1, _ozProofOfA1(), OZ_LEAF_A1), "proof from the npm library verifies");
        bytes32[] memory proofOfB2 = new bytes32[](1);
        proofOfB2[0] = 0x03a7fa1e3722f5d284182d4920fccaa4bf3520a5ad428a1d845c002e1c2783af;
        vm.assertTrue(anchor.verify(1, proofOfB2, OZ_LEAF_B2), "a proof one level shorter verifies too");
    }

    function test_verifyRejectsWrongLeafWrongProofAndUnanchoredBatch() public {
        vm.prank(ANCHORER);
        anchor.anchor(1, OZ_ROOT, 3);
        bytes32[] memory proof = _ozProofOfA1();

        vm.assertFalse(anchor.verify(1, proof, OZ_LEAF_B2), "leaf the proof is not for");
        vm.assertFalse(anchor.verify(1, proof, keccak256("not a settlement")), "leaf outside the batch");
        proof[0] = keccak256("tampered sibling");
        vm.assertFalse(anchor.verify(1, proof, OZ_LEAF_A1), "tampered proof");
        vm.assertFalse(anchor.verify(2, _ozProofOfA1(), OZ_LEAF_A1), "batch never anchored");
    }

    function testFuzz_everyLeafOfAnAnchoredRandomTreeVerifiesAndOutsidersDoNot(
        bytes32[] memory leaves,
        uint256 batchId,
        uint256 pick,
        bytes32 outsider
    ) public {
        vm.assume(leaves.length > 0 && leaves.length <= 64);
        bytes32[] memory nodes = leaves.build();
        vm.prank(ANCHORER);
        anchor.anchor(batchId, nodes.root(), uint32(leaves.length));

        bytes32 leaf = leaves[pick % leaves.length];
        bytes32[] memory proof = nodes.proof(nodes.indexOf(leaf));
        vm.assertTrue(anchor.verify(batchId, proof, leaf), "member verifies");

        for (uint256 i = 0; i < leaves.length; i++) {
            vm.assume(leaves[i] != outsider);
        }
        vm.assertFalse(anchor.verify(batchId, proof, outsider), "non-member with a member's proof fails");
        if (proof.length > 0) {
            proof[pick % proof.length] ^= bytes32(uint256(1));
            vm.assertFalse(anchor.verify(batchId, proof, leaf), "member with a tampered proof fails");
        }
    }

    function testFuzz_anchorIsWriteOnceForAnyBatch(uint256 batchId, bytes32 first, bytes32 second) public {
        vm.assume(first != bytes32(0) && second != bytes32(0));
        vm.startPrank(ANCHORER);
        anchor.anchor(batchId, first, 1);
        vm.expectRevert(abi.encodeWithSelector(SettlementAnchor.BatchAlreadyAnchored.selector, batchId));
        anchor.anchor(batchId, second, 1);
        vm.stopPrank();
        vm.assertEq(anchor.rootOf(batchId), first, "first root kept");
    }

    function _ozProofOfA1() internal pure returns (bytes32[] memory proof) {
        proof = new bytes32[](2);
        proof[0] = OZ_PROOF_A1_0;
        proof[1] = OZ_LEAF_B2;
    }
}
