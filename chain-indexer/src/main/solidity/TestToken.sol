// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/// @title Compute Market Test Token
/// @notice The ERC-20 the marketplace settles in on development and test chains. Only the owner can mint.
contract TestToken is ERC20, Ownable {
    constructor(address initialOwner) ERC20("Compute Market Test Token", "CMT") Ownable(initialOwner) {}

    /// @notice Creates `amount` base units (18 decimals) for `to`.
    function mint(address to, uint256 amount) external onlyOwner {
        _mint(to, amount);
    }
}
