package com.computemarket.reputation.scores.persistence;

import com.computemarket.reputation.scores.model.ProviderReputation;
import java.time.Instant;
import java.util.Optional;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

public interface ProviderReputationRepository extends Repository<ProviderReputation, String> {

    /** Creates the provider's row at the initial score unless it exists; concurrent creators wait for each other. */
    @Modifying
    @Query(value = """
            insert into provider_reputation (provider, score, updated_at) values (:provider, :initialScore, :now)
            on conflict (provider) do nothing
            """, nativeQuery = true)
    void createIfAbsent(String provider, int initialScore, Instant now);

    /**
     * Loads the provider's score holding its row lock until the transaction ends, so verdicts of different jobs
     * (different partitions, different consumer threads) on one provider are applied one after the other.
     */
    @Query(value = "select * from provider_reputation where provider = :provider for update", nativeQuery = true)
    ProviderReputation lock(String provider);

    Optional<ProviderReputation> findById(String provider);
}
