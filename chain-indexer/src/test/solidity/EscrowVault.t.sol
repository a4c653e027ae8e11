// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {EscrowVault} from "../../main/solidity/EscrowVault.sol";
import {TestToken} from "../../main/solidity/TestToken.sol";
import {ContractTest} from "./support/ContractTest.sol";

contract EscrowVaultTest is ContractTest {
    address internal constant ADMIN = address(0xAD);
    address internal constant OPERATOR = address(0x0BE7);
    address internal constant DEPOSITOR = address(0xD1);
    address internal constant RECIPIENT = address(0xBEEF);
    uint256 internal constant SECP256K1_ORDER =
        0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;
    uint256 internal constant OWNER_KEY = 0xA11CE;
    uint256 internal constant STRANGER_KEY = 0xB0B;
    address internal OWNER;

    TestToken internal token;
    EscrowVault internal vault;

    function setUp() public {
        token = new TestToken(address(this));
        vault = new EscrowVault(token, ADMIN, OPERATOR);
        OWNER = vm.addr(OWNER_KEY);
    }

    function test_depositEmitsDepositAndMovesTokensIntoTheVault() public {
        _fund(DEPOSITOR, 100 ether);

        vm.expectEmit(true, false, false, true, address(vault));
        emit EscrowVault.Deposit(DEPOSITOR, 60 ether);
        vm.prank(DEPOSITOR);
        vault.deposit(60 ether);

        vm.assertEq(token.balanceOf(address(vault)), 60 ether, "vault balance");
        vm.assertEq(token.balanceOf(DEPOSITOR), 40 ether, "depositor keeps the rest");
    }

    function test_depositOfZeroIsRefused() public {
        _fund(DEPOSITOR, 1 ether);
        vm.expectRevert(EscrowVault.ZeroAmount.selector);
        vm.prank(DEPOSITOR);
        vault.deposit(0);
    }

    function test_depositWithoutAllowanceReverts() public {
        token.mint(DEPOSITOR, 1 ether);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector,
            address(vault), 0, 1 ether));
        vm.prank(DEPOSITOR);
        vault.deposit(1 ether);
        vm.assertEq(token.balanceOf(address(vault)), 0, "nothing moved");
    }

    function test_operatorWithdrawsOnTheOwnersSignatureAndEmitsWithdrawal() public {
        _deposit(OWNER, 10 ether);
        uint256 deadline = block.timestamp + 1 hours;
        bytes memory signature = _sign(OWNER_KEY, OWNER, RECIPIENT, 4 ether, 7, deadline);

        vm.expectEmit(true, true, true, true, address(vault));
        emit EscrowVault.Withdrawal(OWNER, RECIPIENT, 7, 4 ether);
        vm.prank(OPERATOR);
        vault.withdrawWithSignature(OWNER, RECIPIENT, 4 ether, 7, deadline, signature);

        vm.assertEq(token.balanceOf(RECIPIENT), 4 ether, "recipient paid");
        vm.assertEq(token.balanceOf(address(vault)), 6 ether, "vault keeps the rest");
        vm.assertTrue(vault.nonceUsed(OWNER, 7), "nonce 7 used");
        vm.assertFalse(vault.nonceUsed(OWNER, 6), "nonce 6 still free");
    }

    function test_theDomainAndTypeAreExactlyTheDocumentedOnes() public view {
        bytes32 expected = keccak256(abi.encode(
            keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
            keccak256("ComputeMarket EscrowVault"), keccak256("1"), block.chainid, address(vault)));
        vm.assertEq(vault.domainSeparator(), expected, "domain separator");
        vm.assertEq(vault.WITHDRAWAL_TYPEHASH(),
            keccak256("Withdrawal(address owner,address to,uint256 amount,uint256 nonce,uint256 deadline)"), "type");
    }

    function test_aSignatureOfAnotherSignerIsRefused() public {
        _deposit(OWNER, 10 ether);
        uint256 deadline = block.timestamp + 1 hours;
        bytes memory signature = _sign(STRANGER_KEY, OWNER, RECIPIENT, 4 ether, 1, deadline);

        vm.expectRevert(EscrowVault.InvalidSignature.selector);
        vm.prank(OPERATOR);
        vault.withdrawWithSignature(OWNER, RECIPIENT, 4 ether, 1, deadline, signature);
        vm.assertEq(token.balanceOf(address(vault)), 10 ether, "nothing left the vault");
        vm.assertFalse(vault.nonceUsed(OWNER, 1), "a refused withdrawal uses no nonce");
    }

    function test_aSignatureForOtherTermsIsRefused() public {
        _deposit(OWNER, 10 ether);
        uint256 deadline = block.timestamp + 1 hours;
        bytes memory signature = _sign(OWNER_KEY, OWNER, RECIPIENT, 1 ether, 1, deadline);

        vm.expectRevert(EscrowVault.InvalidSignature.selector);
        vm.prank(OPERATOR);
        vault.withdrawWithSignature(OWNER, RECIPIENT, 9 ether, 1, deadline, signature);
        vm.expectRevert(EscrowVault.InvalidSignature.selector);
        vm.prank(OPERATOR);
        vault.withdrawWithSignature(OWNER, OPERATOR, 1 ether, 1, deadline, signature);
        vm.assertEq(token.balanceOf(address(vault)), 10 ether, "nothing left the vault");
    }

    function test_aWithdrawalAfterItsDeadlineIsRefusedAndAtItsDeadlineAccepted() public {
        _deposit(OWNER, 10 ether);
        uint256 deadline = block.timestamp + 1 hours;
        bytes memory late = _sign(OWNER_KEY, OWNER, RECIPIENT, 1 ether, 1, deadline);
        bytes memory onTime = _sign(OWNER_KEY, OWNER, RECIPIENT, 1 ether, 2, deadline + 1);

        vm.warp(deadline + 1);
        vm.expectRevert(abi.encodeWithSelector(EscrowVault.WithdrawalExpired.selector, deadline));
        vm.prank(OPERATOR);
        vault.withdrawWithSignature(OWNER, RECIPIENT, 1 ether, 1, deadline, late);

        vm.prank(OPERATOR);
        vault.withdrawWithSignature(OWNER, RECIPIENT, 1 ether, 2, deadline + 1, onTime);
        vm.assertEq(token.balanceOf(RECIPIENT), 1 ether, "only the one on time paid");
    }

    function test_aNonceIsUsedOnceButInAnyOrder() public {
        _deposit(OWNER, 10 ether);
        uint256 deadline = block.timestamp + 1 hours;
        bytes memory nine = _sign(OWNER_KEY, OWNER, RECIPIENT, 1 ether, 9, deadline);
        bytes memory three = _sign(OWNER_KEY, OWNER, RECIPIENT, 1 ether, 3, deadline);

        vm.prank(OPERATOR);
        vault.withdrawWithSignature(OWNER, RECIPIENT, 1 ether, 9, deadline, nine);
        vm.prank(OPERATOR);
        vault.withdrawWithSignature(OWNER, RECIPIENT, 1 ether, 3, deadline, three);

        vm.expectRevert(abi.encodeWithSelector(EscrowVault.NonceAlreadyUsed.selector, OWNER, 9));
        vm.prank(OPERATOR);
        vault.withdrawWithSignature(OWNER, RECIPIENT, 1 ether, 9, deadline, nine);
        vm.assertEq(token.balanceOf(RECIPIENT), 2 ether, "each signed withdrawal paid once");
    }

    function test_onlyTheOperatorSubmitsEvenWithAValidSignature() public {
        _deposit(OWNER, 10 ether);
        uint256 deadline = block.timestamp + 1 hours;
        bytes memory signature = _sign(OWNER_KEY, OWNER, OWNER, 1 ether, 1, deadline);
        address[3] memory outsiders = [OWNER, ADMIN, address(this)];
        for (uint256 i = 0; i < outsiders.length; i++) {
            vm.expectRevert(abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector,
                outsiders[i], vault.OPERATOR_ROLE()));
            vm.prank(outsiders[i]);
            vault.withdrawWithSignature(OWNER, OWNER, 1 ether, 1, deadline, signature);
        }
        vm.assertEq(token.balanceOf(address(vault)), 10 ether, "nothing left the vault");
    }

    function test_aZeroWithdrawalIsRefused() public {
        uint256 deadline = block.timestamp + 1 hours;
        bytes memory signature = _sign(OWNER_KEY, OWNER, RECIPIENT, 0, 1, deadline);
        vm.expectRevert(EscrowVault.ZeroAmount.selector);
        vm.prank(OPERATOR);
        vault.withdrawWithSignature(OWNER, RECIPIENT, 0, 1, deadline, signature);
    }

    function test_pauseBlocksDepositsAndWithdrawalsUntilUnpaused() public {
        _deposit(DEPOSITOR, 5 ether);
        _deposit(OWNER, 5 ether);
        _fund(DEPOSITOR, 5 ether);
        uint256 deadline = block.timestamp + 1 hours;
        bytes memory signature = _sign(OWNER_KEY, OWNER, RECIPIENT, 1 ether, 1, deadline);
        vm.prank(ADMIN);
        vault.pause();

        vm.expectRevert(Pausable.EnforcedPause.selector);
        vm.prank(DEPOSITOR);
        vault.deposit(1 ether);
        vm.expectRevert(Pausable.EnforcedPause.selector);
        vm.prank(OPERATOR);
        vault.withdrawWithSignature(OWNER, RECIPIENT, 1 ether, 1, deadline, signature);

        vm.prank(ADMIN);
        vault.unpause();
        vm.prank(DEPOSITOR);
        vault.deposit(1 ether);
        vm.prank(OPERATOR);
        vault.withdrawWithSignature(OWNER, RECIPIENT, 1 ether, 1, deadline, signature);
        vm.assertEq(token.balanceOf(address(vault)), 10 ether, "both flow again after unpause");
    }

    function test_onlyTheAdminPauses() public {
        vm.expectRevert(abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector,
            OPERATOR, vault.DEFAULT_ADMIN_ROLE()));
        vm.prank(OPERATOR);
        vault.pause();
        vm.assertFalse(vault.paused(), "the hot key cannot pause");
    }

    function testFuzz_depositMovesExactlyTheAmount(address depositor, uint256 amount) public {
        vm.assume(depositor != address(0) && depositor != address(vault));
        amount = bound(amount, 1, type(uint128).max);
        _fund(depositor, amount);

        vm.expectEmit(true, false, false, true, address(vault));
        emit EscrowVault.Deposit(depositor, amount);
        vm.prank(depositor);
        vault.deposit(amount);

        vm.assertEq(token.balanceOf(address(vault)), amount, "vault received the amount");
        vm.assertEq(token.balanceOf(depositor), 0, "depositor paid the amount");
    }

    function testFuzz_aSignedWithdrawalPaysExactlyOnceWhatTheOwnerSigned(uint256 ownerKey, address to,
        uint256 amount, uint256 nonce, uint256 validFor) public {
        ownerKey = bound(ownerKey, 1, SECP256K1_ORDER - 1);
        address owner = vm.addr(ownerKey);
        vm.assume(to != address(0) && to != address(vault) && to != owner);
        amount = bound(amount, 1, type(uint128).max);
        uint256 deadline = block.timestamp + bound(validFor, 0, 365 days);
        _deposit(owner, amount);
        bytes memory signature = _sign(ownerKey, owner, to, amount, nonce, deadline);
        uint256 before = token.balanceOf(to);

        vm.prank(OPERATOR);
        vault.withdrawWithSignature(owner, to, amount, nonce, deadline, signature);
        vm.assertEq(token.balanceOf(to) - before, amount, "paid what was signed");
        vm.assertEq(token.balanceOf(address(vault)), 0, "vault paid it out");

        vm.expectRevert(abi.encodeWithSelector(EscrowVault.NonceAlreadyUsed.selector, owner, nonce));
        vm.prank(OPERATOR);
        vault.withdrawWithSignature(owner, to, amount, nonce, deadline, signature);
    }

    function testFuzz_aSignatureByAnyOtherKeyIsRefused(uint256 signerKey, uint256 amount) public {
        signerKey = bound(signerKey, 1, SECP256K1_ORDER - 1);
        vm.assume(signerKey != OWNER_KEY);
        amount = bound(amount, 1, 100 ether);
        _deposit(OWNER, 100 ether);
        uint256 deadline = block.timestamp + 1 hours;
        bytes memory signature = _sign(signerKey, OWNER, RECIPIENT, amount, 1, deadline);

        vm.expectRevert(EscrowVault.InvalidSignature.selector);
        vm.prank(OPERATOR);
        vault.withdrawWithSignature(OWNER, RECIPIENT, amount, 1, deadline, signature);
    }

    /// @dev The owner's EIP-712 signature (r, s, v packed) of a Withdrawal on this vault.
    function _sign(uint256 key, address owner, address to, uint256 amount, uint256 nonce, uint256 deadline)
        internal view returns (bytes memory) {
        bytes32 structHash = keccak256(abi.encode(vault.WITHDRAWAL_TYPEHASH(), owner, to, amount, nonce, deadline));
        bytes32 digest = keccak256(abi.encodePacked("\x19\x01", vault.domainSeparator(), structHash));
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, digest);
        return abi.encodePacked(r, s, v);
    }

    /// @dev Mints `amount` to `account` and approves the vault for it.
    function _fund(address account, uint256 amount) internal {
        token.mint(account, amount);
        vm.prank(account);
        token.approve(address(vault), amount);
    }

    function _deposit(address account, uint256 amount) internal {
        _fund(account, amount);
        vm.prank(account);
        vault.deposit(amount);
    }
}
