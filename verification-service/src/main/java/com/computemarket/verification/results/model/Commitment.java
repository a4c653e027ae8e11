package com.computemarket.verification.results.model;

import java.nio.ByteBuffer;
import java.util.UUID;
import org.web3j.crypto.Hash;

/**
 * What a provider commits to before revealing: keccak256(jobId as 16 bytes big-endian ‖ resultDigest ‖ salt).
 * Binding the job id stops a provider from copying another job's commitment; the salt stops others from
 * guessing a digest from the commitment before the reveals open.
 */
public final class Commitment {

    public static Bytes32 of(UUID jobId, Bytes32 resultDigest, Bytes32 salt) {
        ByteBuffer preimage = ByteBuffer.allocate(16 + 32 + 32)
                .putLong(jobId.getMostSignificantBits())
                .putLong(jobId.getLeastSignificantBits())
                .put(resultDigest.bytes())
                .put(salt.bytes());
        return Bytes32.of(Hash.sha3(preimage.array()));
    }

    private Commitment() {
    }
}
