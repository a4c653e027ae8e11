// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {EscrowVault} from "../../main/solidity/EscrowVault.sol";
import {TestToken} from "../../main/solidity/TestToken.sol";
import {ContractTest} from "./support/ContractTest.sol";

/// @notice What the invariant fuzzer may do to the vault: deposits by a few accounts, withdrawals they signed
/// submitted by the operator, and tokens sent to the vault without a deposit. It counts what went in and out through the vault's own functions.
contract EscrowVaultHandler is ContractTest {
    uint256 internal constant MAX_AMOUNT = 1e30;

    TestToken internal immutable token;
    EscrowVault internal immutable vault;
    address internal immutable operator;
    uint256[3] internal depositorKeys = [uint256(0xD1), 0xD2, 0xD3];
    uint256 internal nextNonce;

    uint256 public totalDeposited;
    uint256 public totalWithdrawn;
    uint256 public totalSentWithoutDeposit;

    constructor(TestToken token_, EscrowVault vault_, address operator_) {
        token = token_;
        vault = vault_;
        operator = operator_;
    }

    function deposit(uint256 depositorSeed, uint256 amount) external {
        address depositor = vm.addr(depositorKeys[depositorSeed % depositorKeys.length]);
        amount = bound(amount, 1, MAX_AMOUNT);
        token.mint(depositor, amount);
        vm.startPrank(depositor);
        token.approve(address(vault), amount);
        vault.deposit(amount);
        vm.stopPrank();
        totalDeposited += amount;
    }

    function withdraw(uint256 ownerSeed, address to, uint256 amount) external {
        uint256 available = token.balanceOf(address(vault));
        if (available == 0 || to == address(0) || to == address(vault)) return;
        amount = bound(amount, 1, available);
        uint256 ownerKey = depositorKeys[ownerSeed % depositorKeys.length];
        address owner = vm.addr(ownerKey);
        uint256 nonce = nextNonce++;
        uint256 deadline = block.timestamp;
        bytes32 structHash = keccak256(abi.encode(vault.WITHDRAWAL_TYPEHASH(), owner, to, amount, nonce, deadline));
        (uint8 v, bytes32 r, bytes32 s) =
            vm.sign(ownerKey, keccak256(abi.encodePacked("\x19\x01", vault.domainSeparator(), structHash)));
        vm.prank(operator);
        vault.withdrawWithSignature(owner, to, amount, nonce, deadline, abi.encodePacked(r, s, v));
        totalWithdrawn += amount;
    }

    function sendWithoutDeposit(uint256 amount) external {
        amount = bound(amount, 1, MAX_AMOUNT);
        token.mint(address(vault), amount);
        totalSentWithoutDeposit += amount;
    }
}

contract EscrowVaultInvariantTest is ContractTest {
    TestToken internal token;
    EscrowVault internal vault;
    EscrowVaultHandler internal handler;

    function setUp() public {
        address operator = address(0x0BE7);
        token = new TestToken(address(this));
        vault = new EscrowVault(token, address(0xAD), operator);
        handler = new EscrowVaultHandler(token, vault, operator);
        // the handler mints for its depositors
        token.transferOwnership(address(handler));
    }

    /// @dev Read by Forge: only the handler's functions are called during invariant runs.
    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(handler);
    }

    function invariant_vaultHoldsAtLeastDepositsMinusWithdrawals() public view {
        vm.assertGe(token.balanceOf(address(vault)) + handler.totalWithdrawn(), handler.totalDeposited(),
            "vault balance >= deposits - withdrawals");
    }

    function invariant_vaultBalanceIsExactlyWhatCameInMinusWhatWentOut() public view {
        vm.assertEq(token.balanceOf(address(vault)),
            handler.totalDeposited() + handler.totalSentWithoutDeposit() - handler.totalWithdrawn(),
            "no token appears or disappears");
    }
}
