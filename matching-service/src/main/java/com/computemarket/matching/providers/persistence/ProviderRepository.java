package com.computemarket.matching.providers.persistence;

import com.computemarket.matching.providers.model.ProviderProfile;
import jakarta.persistence.QueryHint;
import java.util.Collection;
import java.util.List;
import org.hibernate.jpa.HibernateHints;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.jpa.repository.QueryHints;

public interface ProviderRepository extends JpaRepository<ProviderProfile, String> {

    /**
     * Creates the provider's row with defaults unless it exists. A node registration and a StakeBonded may meet a
     * provider for the first time at once; neither fails on the other's insert.
     */
    @Modifying
    @Query(value = "insert into provider (address) values (:address) on conflict do nothing", nativeQuery = true)
    void ensureExists(String address);

    /**
     * Every provider with its nodes in one query (a quote judges them all; one select per provider would crawl).
     * Read-only: an expiring auction batch loads them all into its write transaction, where dirty-checking every
     * provider and node at commit would cost the closer for nothing.
     */
    @QueryHints(@QueryHint(name = HibernateHints.HINT_READ_ONLY, value = "true"))
    @Query("select distinct p from ProviderProfile p left join fetch p.nodes")
    List<ProviderProfile> findAllWithNodes();

    /** These providers with their nodes in one query (an auction batch judges all its bidders at once). */
    @Query("select distinct p from ProviderProfile p left join fetch p.nodes where p.address in :addresses")
    List<ProviderProfile> findWithNodesByAddressIn(Collection<String> addresses);
}
