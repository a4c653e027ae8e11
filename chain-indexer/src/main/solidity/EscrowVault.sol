// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";

/// @title Escrow vault of the compute market
/// @notice Holds the tokens that back off-chain escrow balances. Anyone deposits (after an ERC-20 approve); the
/// chain indexer turns each Deposit log into a credit. Tokens leave only on a withdrawal their owner signed
/// (EIP-712), submitted by the operator (hot key): a stolen hot key alone cannot move funds, and an owner's signature
/// alone cannot bypass escrow's ledger. The admin (cold key) grants roles and pauses the vault.
contract EscrowVault is AccessControl, Pausable, EIP712 {
    using SafeERC20 for IERC20;

    bytes32 public constant OPERATOR_ROLE = keccak256("OPERATOR_ROLE");
    bytes32 public constant WITHDRAWAL_TYPEHASH =
        keccak256("Withdrawal(address owner,address to,uint256 amount,uint256 nonce,uint256 deadline)");

    IERC20 public immutable token;

    /// @dev Unordered nonces: any number an owner has not used yet, so one failed withdrawal never blocks the next.
    mapping(address owner => mapping(uint256 nonce => bool used)) private _usedNonces;

    event Deposit(address indexed account, uint256 amount);
    /// @notice `owner`'s signed withdrawal number `nonce` paid `amount` to `to`.
    event Withdrawal(address indexed account, address indexed to, uint256 indexed nonce, uint256 amount);

    error ZeroAmount();
    error WithdrawalExpired(uint256 deadline);
    error NonceAlreadyUsed(address owner, uint256 nonce);
    error InvalidSignature();

    constructor(IERC20 token_, address admin, address operator) EIP712("ComputeMarket EscrowVault", "1") {
        token = token_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(OPERATOR_ROLE, operator);
    }

    /// @notice Pulls `amount` tokens from the caller into the vault.
    function deposit(uint256 amount) external whenNotPaused {
        if (amount == 0) revert ZeroAmount();
        token.safeTransferFrom(msg.sender, address(this), amount);
        emit Deposit(msg.sender, amount);
    }

    /// @notice Pays `amount` to `to` as `owner` signed it (EIP-712 `Withdrawal`, domain "ComputeMarket EscrowVault"
    /// version "1" on this chain and vault). Each (owner, nonce) pays once; the deadline is in Unix seconds and
    /// inclusive. Owners may be contracts (ERC-1271 signatures).
    function withdrawWithSignature(address owner, address to, uint256 amount, uint256 nonce, uint256 deadline,
        bytes calldata signature) external onlyRole(OPERATOR_ROLE) whenNotPaused {
        if (amount == 0) revert ZeroAmount();
        if (block.timestamp > deadline) revert WithdrawalExpired(deadline);
        if (_usedNonces[owner][nonce]) revert NonceAlreadyUsed(owner, nonce);
        bytes32 digest = _hashTypedDataV4(keccak256(abi.encode(WITHDRAWAL_TYPEHASH, owner, to, amount, nonce, deadline)));
        if (!SignatureChecker.isValidSignatureNow(owner, digest, signature)) revert InvalidSignature();
        _usedNonces[owner][nonce] = true;
        token.safeTransfer(to, amount);
        emit Withdrawal(owner, to, nonce, amount);
    }

    /// @notice Whether `owner` already withdrew with `nonce`.
    function nonceUsed(address owner, uint256 nonce) external view returns (bool) {
        return _usedNonces[owner][nonce];
    }

    /// @notice The EIP-712 domain separator signatures are made under (chain id and this vault's address included).
    function domainSeparator() external view returns (bytes32) {
        return _domainSeparatorV4();
    }

    function pause() external onlyRole(DEFAULT_ADMIN_ROLE) {
        _pause();
    }

    function unpause() external onlyRole(DEFAULT_ADMIN_ROLE) {
        _unpause();
    }
}
