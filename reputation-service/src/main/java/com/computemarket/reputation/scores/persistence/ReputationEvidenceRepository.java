package com.computemarket.reputation.scores.persistence;

import com.computemarket.reputation.scores.model.ReputationEvidence;
import java.util.List;
import org.springframework.data.domain.Limit;
import org.springframework.data.repository.Repository;

public interface ReputationEvidenceRepository extends Repository<ReputationEvidence, Long> {

    ReputationEvidence save(ReputationEvidence evidence);

    /** Latest recorded first. */
    List<ReputationEvidence> findByProviderOrderBySeqDesc(String provider, Limit limit);
}
