package com.computemarket.reputation.scores.application;

import com.computemarket.events.ReputationUpdated;
import com.computemarket.messaging.EventOutbox;
import com.computemarket.reputation.ReputationProperties;
import com.computemarket.reputation.scores.model.ProviderReputation;
import com.computemarket.reputation.scores.model.ReputationEvidence;
import com.computemarket.reputation.scores.model.ScoreChange;
import com.computemarket.reputation.scores.model.ScoringPolicy;
import com.computemarket.reputation.scores.model.Verdict;
import com.computemarket.reputation.scores.persistence.ProviderReputationRepository;
import com.computemarket.reputation.scores.persistence.ReputationEvidenceRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.web3j.crypto.Keys;

/** Applies verdicts to providers' scores, keeps the evidence, announces each change; answers score queries. */
@Service
public class Reputations {

    private final ProviderReputationRepository scores;
    private final ReputationEvidenceRepository evidence;
    private final EventOutbox outbox;
    private final ScoringPolicy policy;
    private final Clock clock;
    private final int evidenceLimit;

    Reputations(ProviderReputationRepository scores, ReputationEvidenceRepository evidence, EventOutbox outbox,
            ScoringPolicy policy, Clock clock, ReputationProperties properties) {
        this.scores = scores;
        this.evidence = evidence;
        this.outbox = outbox;
        this.policy = policy;
        this.clock = clock;
        this.evidenceLimit = properties.evidenceLimit();
    }

    @Transactional
    public void recordVerdict(Verdict verdict) {
        Instant now = clock.instant();
        String provider = verdict.provider().toLowerCase(Locale.ROOT);
        scores.createIfAbsent(provider, policy.initialScore(), now);
        ProviderReputation reputation = scores.lock(provider);
        ScoreChange change = reputation.record(verdict.outcome(), policy, now);
        evidence.save(new ReputationEvidence(verdict, change, now));
        outbox.append(new ReputationUpdated(Keys.toChecksumAddress(provider), change.score(), change.previousScore(),
                verdict.eventType(), verdict.eventId()));
    }

    @Transactional(readOnly = true)
    public ReputationView find(String providerAddress) {
        String provider = providerAddress.toLowerCase(Locale.ROOT);
        int score = scores.findById(provider).map(ProviderReputation::score).orElse(policy.initialScore());
        return new ReputationView(Keys.toChecksumAddress(provider), score,
                evidence.findByProviderOrderBySeqDesc(provider, Limit.of(evidenceLimit)).stream()
                        .map(ReputationView.Evidence::of)
                        .toList());
    }
}
