-- Single-use Sign-In with Ethereum nonces. A row exists from issue until it is consumed by a login or purged
-- after expiry.
CREATE TABLE login_nonce (
    nonce      VARCHAR(64) PRIMARY KEY,
    issued_at  TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL
);

CREATE INDEX login_nonce_expires_at_idx ON login_nonce (expires_at);
