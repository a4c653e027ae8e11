package com.computemarket.matching.leases.persistence;

import com.computemarket.matching.leases.model.Lease;
import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface LeaseRepository extends JpaRepository<Lease, UUID> {

    List<Lease> findByJobIdOrderByAwardedAt(UUID jobId);
}
