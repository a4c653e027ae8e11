// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

interface IDepositVault {
    function deposit(uint256 amount) external;
}

/// @title Benchmark helper (test sources only, never deployed by the service)
/// @notice Makes `count` real vault deposits in one transaction, each emitting the vault's own Deposit log, so that a
/// benchmark chain with tens of thousands of Deposit events is built with hundreds of transactions instead of tens of
/// thousands. The deposits come from this contract, which holds the tokens.
contract DepositBurst {
    function depositMany(IERC20 token, IDepositVault vault, uint256 amount, uint256 count) external {
        token.approve(address(vault), amount * count);
        for (uint256 i = 0; i < count; ++i) {
            vault.deposit(amount);
        }
    }
}
