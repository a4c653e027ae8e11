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

    TestToken internal token;
    EscrowVault internal vault;

    function setUp() public {
        token = new TestToken(address(this));
        vault = new EscrowVault(token, ADMIN, OPERATOR);
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

    function test_operatorWithdrawsToARecipientAndEmitsWithdrawal() public {
        _deposit(DEPOSITOR, 10 ether);

        vm.expectEmit(true, false, false, true, address(vault));
        emit EscrowVault.Withdrawal(RECIPIENT, 4 ether);
        vm.prank(OPERATOR);
        vault.withdraw(RECIPIENT, 4 ether);

        vm.assertEq(token.balanceOf(RECIPIENT), 4 ether, "recipient paid");
        vm.assertEq(token.balanceOf(address(vault)), 6 ether, "vault keeps the rest");
    }

    function test_onlyTheOperatorWithdraws() public {
        _deposit(DEPOSITOR, 10 ether);
        address[3] memory outsiders = [DEPOSITOR, ADMIN, address(this)];
        for (uint256 i = 0; i < outsiders.length; i++) {
            vm.expectRevert(abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector,
                outsiders[i], vault.OPERATOR_ROLE()));
            vm.prank(outsiders[i]);
            vault.withdraw(outsiders[i], 1 ether);
        }
        vm.assertEq(token.balanceOf(address(vault)), 10 ether, "nothing left the vault");
    }

    function test_pauseBlocksDepositsAndWithdrawalsUntilUnpaused() public {
        _deposit(DEPOSITOR, 5 ether);
        _fund(DEPOSITOR, 5 ether);
        vm.prank(ADMIN);
        vault.pause();

        vm.expectRevert(Pausable.EnforcedPause.selector);
        vm.prank(DEPOSITOR);
        vault.deposit(1 ether);
        vm.expectRevert(Pausable.EnforcedPause.selector);
        vm.prank(OPERATOR);
        vault.withdraw(RECIPIENT, 1 ether);

        vm.prank(ADMIN);
        vault.unpause();
        vm.prank(DEPOSITOR);
        vault.deposit(1 ether);
        vm.assertEq(token.balanceOf(address(vault)), 6 ether, "deposits flow again after unpause");
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
