package com.computemarket.matching.providers.persistence;

import com.computemarket.matching.providers.model.ProviderProfile;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

public interface ProviderRepository extends JpaRepository<ProviderProfile, String> {

    /**
     * Creates the provider's row with defaults unless it exists. A node registration and a StakeBonded may meet a
     * provider for the first time at once; neither fails on the other's insert.
     */
    @Modifying
    @Query(value = "insert into provider (address) values (:address) on conflict do nothing", nativeQuery = true)
    void ensureExists(String address);
}
