package com.computemarket.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.computemarket.testsupport.DevAccounts;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import org.web3j.utils.Numeric;
import tools.jackson.databind.JsonNode;

/**
 * One consumer and three providers take two jobs through the whole marketplace, only through the gateway's REST
 * API and their own wallets, on real PostgreSQL, Kafka and Anvil with all six services running as processes:
 * a job verified with mode NONE (one replica) and a job verified REDUNDANT 2-of-3 where one provider disagrees;
 * then a third job whose consumer cancels it while its lease runs, settled as of the cancel.
 */
class MarketplaceEndToEndIT {
    private static final BigInteger TOKEN = BigInteger.TEN.pow(18);
    private static final BigInteger CONSUMER_DEPOSIT = tokens(1000);
    private static final BigInteger PROVIDER_DEPOSIT = tokens(500);
    private static final BigInteger STAKE = tokens(100);
    private static final long FEE_BPS = 250;
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private static LocalStack stack;
    private static Web3j web3j;

    @BeforeAll
    static void startTheMarketplace() throws Exception {
        Path root = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
        Path work = Files.createTempDirectory("e2e-stack");
        Instant started = Instant.now();
        stack = LocalStack.start(root, LocalStack.Ports.anyFree(), null, work);
        System.out.printf("[e2e] stack ready in %d s%n", Duration.between(started, Instant.now()).toSeconds());
        web3j = Web3j.build(new HttpService(stack.anvil().rpcUrl()));
    }

    @AfterAll
    static void stopTheMarketplace() {
        if (web3j != null) {
            web3j.shutdown();
        }
        if (stack != null) {
            System.out.printf("[e2e] stack RSS %d MiB%n", residentMemoryMiB(stack.processIds()));
            stack.close();
        }
    }

    @Test
    void jobsTravelFromDepositToAnchoredSettlementThroughTheGateway() {
        String gateway = stack.gatewayUrl();
        MarketClient anonymous = new MarketClient(gateway, DevAccounts.CONSUMER.credentials());
        assertThat(anonymous.tryGet("/actuator/health").body()).contains("\"UP\"");
        for (String service : List.of("matching", "escrow", "verification", "reputation", "chain-indexer")) {
            assertThat(anonymous.tryGet("/services/" + service + "/health").body()).contains("\"UP\"");
        }

        MarketClient consumer = new MarketClient(gateway, DevAccounts.CONSUMER.credentials()).signIn();
        MarketClient providerA = new MarketClient(gateway, DevAccounts.PROVIDER_A.credentials()).signIn();
        MarketClient providerB = new MarketClient(gateway, DevAccounts.PROVIDER_B.credentials()).signIn();
        MarketClient providerC = new MarketClient(gateway, DevAccounts.PROVIDER_C.credentials()).signIn();
        List<MarketClient> providers = List.of(providerA, providerB, providerC);

        // 1. Deposits on chain, credited by escrow once chain-indexer has seen them confirmed.
        JsonNode contracts = consumer.get("/api/v1/chain/contracts");
        String token = contracts.get("token").asString();
        String vault = contracts.get("vault").asString();
        String anchor = contracts.get("anchor").asString();
        ChainWallet deployer = wallet(DevAccounts.DEPLOYER);
        depositOnChain(deployer, token, vault, DevAccounts.CONSUMER, CONSUMER_DEPOSIT);
        for (DevAccounts provider : List.of(DevAccounts.PROVIDER_A, DevAccounts.PROVIDER_B, DevAccounts.PROVIDER_C)) {
            depositOnChain(deployer, token, vault, provider, PROVIDER_DEPOSIT);
        }
        stack.anvil().mine(5);
        awaitAvailable(consumer, CONSUMER_DEPOSIT);
        for (MarketClient provider : providers) {
            awaitAvailable(provider, PROVIDER_DEPOSIT);
        }

        // 2. Providers bond stake and register capacity.
        for (MarketClient provider : providers) {
            provider.post("/api/v1/accounts/me/stake", MarketClient.object().put("amount", STAKE.toString()), 200);
            provider.post("/api/v1/providers/me/nodes", MarketClient.object()
                    .put("name", "node-1").put("cpuMillicores", 8000).put("memoryMb", 32768)
                    .put("gpuCount", 0).put("region", "eu-west"), 201);
        }
        for (MarketClient provider : providers) {
            await().atMost(PATIENCE).until(() -> new BigInteger(provider.get("/api/v1/providers/me")
                    .get("bondedStake").asString()).equals(STAKE));
        }

        // 3. The consumer posts two jobs; escrow holds max price × duration × replicas for each.
        String single = postJob(consumer, "NONE", 1, 3600, tokens(2), "single");
        String redundant = postJob(consumer, "REDUNDANT", 3, 1800, tokens(3), "redundant");
        awaitJobStatus(consumer, single, "OPEN");
        awaitJobStatus(consumer, redundant, "OPEN");

        // 4. Providers find the jobs in their feed and bid; the auctions close by themselves.
        Map<MarketClient, BigInteger> singleBids = Map.of(providerA, milli(1500), providerB, milli(1800));
        Map<MarketClient, BigInteger> redundantBids = Map.of(providerA, milli(2000), providerB, milli(2500),
                providerC, milli(2200));
        for (MarketClient provider : providers) {
            List<String> feed = feedJobIds(provider);
            assertThat(feed).contains(single, redundant);
        }
        singleBids.forEach((provider, price) -> bid(provider, single, price));
        redundantBids.forEach((provider, price) -> bid(provider, redundant, price));
        JsonNode singleAwarded = awaitLeasesFunded(consumer, single);
        JsonNode redundantAwarded = awaitLeasesFunded(consumer, redundant);
        Map<String, String> singleLeases = leasesByProvider(singleAwarded);
        Map<String, String> redundantLeases = leasesByProvider(redundantAwarded);
        assertThat(singleLeases).containsOnlyKeys(providerA.address());
        assertThat(redundantLeases).containsOnlyKeys(providerA.address(), providerB.address(), providerC.address());

        // 5. Providers heartbeat, commit, then reveal; C disagrees with A and B on the redundant job.
        String agreedDigest = Numeric.toHexString(Hash.sha3("the right answer".getBytes()));
        String wrongDigest = Numeric.toHexString(Hash.sha3("a wrong answer".getBytes()));
        Map<String, String> digests = new HashMap<>();
        List<String[]> work = new ArrayList<>();
        work.add(new String[] {single, singleLeases.get(providerA.address()), agreedDigest, "A"});
        work.add(new String[] {redundant, redundantLeases.get(providerA.address()), agreedDigest, "A"});
        work.add(new String[] {redundant, redundantLeases.get(providerB.address()), agreedDigest, "B"});
        work.add(new String[] {redundant, redundantLeases.get(providerC.address()), wrongDigest, "C"});
        Map<String, MarketClient> byName = Map.of("A", providerA, "B", providerB, "C", providerC);
        Map<String, String> salts = new HashMap<>();
        for (String[] item : work) {
            MarketClient provider = byName.get(item[3]);
            provider.post("/api/v1/leases/" + item[1] + "/heartbeats", MarketClient.object(), 200);
            String salt = Numeric.toHexString(Hash.sha3((item[1] + "salt").getBytes()));
            salts.put(item[1], salt);
            digests.put(item[1], item[2]);
            provider.post("/api/v1/results/" + item[1] + "/commitment",
                    MarketClient.object().put("commitment", commitment(item[0], item[2], salt)), 200);
        }
        for (String[] item : work) {
            byName.get(item[3]).post("/api/v1/results/" + item[1] + "/reveal", MarketClient.object()
                    .put("resultDigest", digests.get(item[1])).put("salt", salts.get(item[1])), 200);
        }

        // 6. Verification decides, escrow settles, matching completes the jobs.
        JsonNode singleDone = awaitJobStatus(consumer, single, "COMPLETED");
        JsonNode redundantDone = awaitJobStatus(consumer, redundant, "COMPLETED");
        assertThat(leaseStates(singleDone)).containsEntry(singleLeases.get(providerA.address()), "COMPLETED");
        assertThat(leaseStates(redundantDone))
                .containsEntry(redundantLeases.get(providerA.address()), "COMPLETED")
                .containsEntry(redundantLeases.get(providerB.address()), "COMPLETED")
                .containsEntry(redundantLeases.get(providerC.address()), "VERIFICATION_FAILED");

        // Final balances, to the unit. A lease accrues per second, so a verified lease pays its provider what it
        // earned from award to verdict (never more than its bid price for the whole duration), less the fee; the
        // rejected one pays nothing and the rejected provider's collateral is slashed, part to the consumer.
        Map<String, JsonNode> settled = new HashMap<>();
        for (String jobId : List.of(single, redundant)) {
            await().atMost(PATIENCE).until(() -> consumer.get("/api/v1/ledger/jobs/" + jobId).get("settlements")
                    .size() == (jobId.equals(single) ? 1 : 3));
            consumer.get("/api/v1/ledger/jobs/" + jobId).get("settlements")
                    .forEach(settlement -> settled.put(settlement.get("leaseId").asString(), settlement));
        }
        BigInteger paidA = assertPaidWithin(settled.get(singleLeases.get(providerA.address())), milli(1500), 3600)
                .add(assertPaidWithin(settled.get(redundantLeases.get(providerA.address())), milli(2000), 1800));
        BigInteger paidB = assertPaidWithin(settled.get(redundantLeases.get(providerB.address())), milli(2500), 1800);
        JsonNode rejected = settled.get(redundantLeases.get(providerC.address()));
        assertThat(rejected.get("outcome").asString()).isEqualTo("REFUNDED");
        assertThat(new BigInteger(rejected.get("providerPayout").asString())).isZero();
        BigInteger fees = settled.values().stream().map(settlement -> new BigInteger(settlement.get("protocolFee")
                .asString())).reduce(BigInteger.ZERO, BigInteger::add);

        JsonNode stakeOfC = providerC.get("/api/v1/accounts/me/stake");
        assertThat(stakeOfC.get("slashes")).hasSize(1);
        JsonNode slash = stakeOfC.get("slashes").get(0);
        BigInteger compensation = new BigInteger(slash.get("toConsumer").asString());
        assertThat(compensation).isPositive();
        assertThat(new BigInteger(stakeOfC.get("totalBonded").asString()))
                .isEqualTo(STAKE.subtract(new BigInteger(slash.get("amount").asString())));

        assertThat(available(consumer)).isEqualTo(CONSUMER_DEPOSIT.subtract(paidA).subtract(paidB).subtract(fees)
                .add(compensation));
        assertThat(available(providerA)).isEqualTo(PROVIDER_DEPOSIT.subtract(STAKE).add(paidA));
        assertThat(available(providerB)).isEqualTo(PROVIDER_DEPOSIT.subtract(STAKE).add(paidB));
        assertThat(available(providerC)).isEqualTo(PROVIDER_DEPOSIT.subtract(STAKE));
        assertThat(new BigInteger(consumer.get("/api/v1/ledger/protocol-fees").get("balance").asString()))
                .isEqualTo(fees);
        assertThat(new BigInteger(consumer.get("/api/v1/accounts/me").get("held").asString())).isZero();
        for (MarketClient provider : List.of(providerA, providerB)) {
            JsonNode stake = provider.get("/api/v1/accounts/me/stake");
            assertThat(new BigInteger(stake.get("lockedCollateral").asString())).as("released on settlement").isZero();
            assertThat(new BigInteger(stake.get("totalBonded").asString())).isEqualTo(STAKE);
        }

        // 7. Reputation moved the right way.
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(score(consumer, providerA)).isGreaterThan(score(consumer, providerB));
            assertThat(score(consumer, providerB)).isGreaterThan(500);
            assertThat(score(consumer, providerC)).isLessThan(500);
        });

        // 8. Every settlement is in an anchored Merkle batch whose proof verifies against the root on chain.
        List<String> settlementIds = new ArrayList<>();
        settlementIds.addAll(settlementIdsOf(consumer, single));
        settlementIds.addAll(settlementIdsOf(consumer, redundant));
        assertThat(settlementIds).hasSize(4);
        ChainWallet reader = wallet(DevAccounts.CONSUMER);
        for (String settlementId : settlementIds) {
            assertAnchoredOnChain(consumer, reader, anchor, settlementId);
        }

        // 9. A running lease's job cancelled by its consumer: the provider is paid what the lease earned until the
        // cancel, less the fee, the rest goes back to the consumer, the collateral is released, no verdict follows.
        BigInteger consumerBefore = available(consumer);
        BigInteger providerBBefore = available(providerB);
        BigInteger feesBefore = new BigInteger(consumer.get("/api/v1/ledger/protocol-fees").get("balance").asString());
        int scoreOfBBefore = score(consumer, providerB);
        BigInteger cancelledPrice = milli(1200);
        String cancelled = postJob(consumer, "NONE", 1, 3600, tokens(2), "cancelled");
        awaitJobStatus(consumer, cancelled, "OPEN");
        assertThat(feedJobIds(providerB)).contains(cancelled);
        bid(providerB, cancelled, cancelledPrice);
        String cancelledLease = leasesByProvider(awaitLeasesFunded(consumer, cancelled)).get(providerB.address());
        assertThat(cancelledLease).as("B, the only bidder, won").isNotNull();
        providerB.post("/api/v1/leases/" + cancelledLease + "/heartbeats", MarketClient.object(), 200);
        String cancelledSalt = Numeric.toHexString(Hash.sha3((cancelledLease + "salt").getBytes()));
        providerB.post("/api/v1/results/" + cancelledLease + "/commitment", MarketClient.object()
                .put("commitment", commitment(cancelled, agreedDigest, cancelledSalt)), 200);
        await().atMost(PATIENCE).until(() -> new BigInteger(providerB.get("/api/v1/accounts/me/stake")
                .get("lockedCollateral").asString()).signum() > 0);
        // The lease runs until escrow's metering has moved some of its escrow to what the provider earned.
        await().atMost(PATIENCE).until(() -> new BigInteger(escrowLease(consumer, cancelled, cancelledLease)
                .get("earned").asString()).signum() > 0);

        JsonNode cancelledJob = consumer.post("/api/v1/jobs/" + cancelled + "/cancel", null, 200);
        assertThat(cancelledJob.get("status").asString()).isEqualTo("CANCELLED");
        Instant cancelledAt = Instant.parse(cancelledJob.get("cancelledAt").asString());
        JsonNode cancelledAgain = consumer.post("/api/v1/jobs/" + cancelled + "/cancel", null, 200);
        assertThat(cancelledAgain.get("status").asString()).isEqualTo("CANCELLED");
        assertThat(Instant.parse(cancelledAgain.get("cancelledAt").asString())).as("a repeated cancel changes nothing")
                .isEqualTo(cancelledAt);
        assertThat(leaseStates(consumer.get("/api/v1/jobs/" + cancelled))).containsEntry(cancelledLease, "CANCELLED");
        JsonNode closedLease = consumer.get("/api/v1/leases/" + cancelledLease);
        assertThat(closedLease.get("status").asString()).isEqualTo("CANCELLED");
        assertThat(closedLease.get("closeReason").asString()).isEqualTo("CONSUMER_CANCELLED");
        Instant closedAt = Instant.parse(closedLease.get("closedAt").asString());
        assertThat(closedAt).isEqualTo(cancelledAt);
        assertThat(problemType(providerB.post("/api/v1/leases/" + cancelledLease + "/heartbeats",
                MarketClient.object(), 409))).endsWith("/lease-not-active");

        // Verification stops expecting a result: the committed provider can no longer reveal.
        await().atMost(PATIENCE).until(() -> providerB.get("/api/v1/results/" + cancelledLease).get("status")
                .asString(), "CANCELLED"::equals);
        assertThat(problemType(providerB.post("/api/v1/results/" + cancelledLease + "/reveal", MarketClient.object()
                .put("resultDigest", agreedDigest).put("salt", cancelledSalt), 409))).endsWith("/lease-cancelled");

        // Escrow settles the lease as of the cancel: earned = price × seconds from the lease's start to the close.
        JsonNode cancelSettlement = await().atMost(PATIENCE).until(() -> consumer.get("/api/v1/ledger/jobs/"
                + cancelled).get("settlements"), settlements -> settlements.size() == 1).get(0);
        assertThat(cancelSettlement.get("leaseId").asString()).isEqualTo(cancelledLease);
        assertThat(cancelSettlement.get("outcome").asString()).isEqualTo("CANCELLED");
        JsonNode settledLease = escrowLease(consumer, cancelled, cancelledLease);
        assertThat(settledLease.get("status").asString()).isEqualTo("CANCELLED");
        assertThat(new BigInteger(settledLease.get("pricePerHour").asString())).isEqualTo(cancelledPrice);
        long elapsed = Duration.between(Instant.parse(settledLease.get("startsAt").asString()),
                closedAt.truncatedTo(ChronoUnit.SECONDS)).toSeconds();
        assertThat(elapsed).as("the lease ran until the cancel").isPositive();
        assertThat(settledLease.get("billableSeconds").asLong()).as("billed up to the cancel, not after")
                .isEqualTo(elapsed);
        long downtime = settledLease.get("downtimeSeconds").asLong();
        BigInteger downtimeRefunded = BigInteger.ZERO;
        for (JsonNode stretch : consumer.get("/api/v1/ledger/jobs/" + cancelled).get("downtime")) {
            downtimeRefunded = downtimeRefunded.add(new BigInteger(stretch.get("refunded").asString()));
        }
        BigInteger earned = cost(cancelledPrice, elapsed - downtime);
        BigInteger cancelFee = fee(earned);
        BigInteger providerPaid = new BigInteger(cancelSettlement.get("providerPayout").asString());
        BigInteger consumerRefunded = new BigInteger(cancelSettlement.get("consumerRefund").asString());
        BigInteger leaseHeld = new BigInteger(settledLease.get("fundedAmount").asString())
                .add(new BigInteger(settledLease.get("toppedUp").asString())).subtract(downtimeRefunded);
        assertThat(earned).isPositive().isLessThan(leaseHeld);
        assertThat(new BigInteger(cancelSettlement.get("protocolFee").asString())).isEqualTo(cancelFee);
        assertThat(providerPaid).isEqualTo(earned.subtract(cancelFee));
        assertThat(consumerRefunded).isEqualTo(leaseHeld.subtract(earned));
        assertThat(providerPaid.add(cancelFee).add(consumerRefunded)).as("the settlement splits what the lease held")
                .isEqualTo(leaseHeld);
        assertThat(new BigInteger(settledLease.get("escrow").asString())).isZero();
        assertThat(new BigInteger(settledLease.get("earned").asString())).isZero();
        List<String> cancelTransfers = new ArrayList<>();
        consumer.get("/api/v1/ledger/jobs/" + cancelled).get("transfers").forEach(transfer -> {
            if (cancelledLease.equals(transfer.get("leaseId").asString())) {
                cancelTransfers.add(transfer.get("kind").asString());
            }
        });
        assertThat(cancelTransfers).containsOnlyOnce("SETTLEMENT_CANCEL");

        // Balances: the consumer spent exactly what the provider earned; nothing is left held or in escrow.
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(available(consumer)).isEqualTo(consumerBefore.subtract(earned));
            assertThat(available(providerB)).isEqualTo(providerBBefore.add(providerPaid));
        });
        JsonNode consumerAccount = consumer.get("/api/v1/accounts/me");
        assertThat(new BigInteger(consumerAccount.get("held").asString())).isZero();
        assertThat(new BigInteger(consumerAccount.get("leaseEscrow").asString())).isZero();
        assertThat(new BigInteger(consumer.get("/api/v1/ledger/protocol-fees").get("balance").asString()))
                .isEqualTo(feesBefore.add(cancelFee));
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode stakeOfB = providerB.get("/api/v1/accounts/me/stake");
            assertThat(new BigInteger(stakeOfB.get("lockedCollateral").asString())).as("released on cancel").isZero();
            assertThat(new BigInteger(stakeOfB.get("totalBonded").asString())).as("no slash").isEqualTo(STAKE);
            assertThat(stakeOfB.get("slashes")).isEmpty();
        });
        assertThat(score(consumer, providerB)).as("no verdict, no reputation change").isEqualTo(scoreOfBBefore);

        assertAnchoredOnChain(consumer, reader, anchor, cancelSettlement.get("settlementId").asString());

        // 10. Escrow reconciles its vault mirror with the vault's balance on the same chain, and they agree.
        await().atMost(PATIENCE).untilAsserted(() -> {
            String metrics = prometheusText(stack.serviceUrl("escrow-service"));
            assertThat(metric(metrics, "escrow_vault_reconciliation_checks_total", "outcome=\"matched\""))
                    .as("reconciliations that read the chain and matched").isPositive();
            assertThat(metric(metrics, "escrow_vault_reconciliation_checks_total", "outcome=\"mismatched\""))
                    .isZero();
            assertThat(metric(metrics, "escrow_vault_reconciliation_mismatch", "")).isZero();
        });
    }

    private static String prometheusText(String serviceUrl) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                            URI.create(serviceUrl + "/actuator/prometheus")).header("Accept", "text/plain").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return response.body();
        }
    }

    /** The value of the Prometheus sample {@code name} whose labels contain {@code labelFragment}. */
    private static double metric(String prometheusText, String name, String labelFragment) {
        return prometheusText.lines()
                .filter(line -> line.startsWith(name + "{") && line.contains(labelFragment))
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no sample " + name + " " + labelFragment + " among:\n"
                        + prometheusText.lines().filter(line -> line.startsWith(name)).toList()));
    }

    /** The settlement is in an anchored Merkle batch whose proof verifies against the root on chain. */
    private static void assertAnchoredOnChain(MarketClient client, ChainWallet reader, String anchor,
            String settlementId) {
        JsonNode proof = awaitAnchored(client, settlementId);
        BigInteger batchId = new BigInteger(proof.get("batchId").asString());
        byte[] leaf = ChainWallet.bytes32(proof.get("leaf").asString());
        List<byte[]> path = new ArrayList<>();
        proof.get("proof").forEach(node -> path.add(ChainWallet.bytes32(node.asString())));
        byte[] rootOnChain = reader.rootOf(anchor, batchId);
        assertThat(Numeric.toHexString(rootOnChain)).isEqualTo(proof.get("root").asString());
        assertThat(MerkleProofs.rootFrom(leaf, path)).isEqualTo(rootOnChain);
        assertThat(reader.verify(anchor, batchId, path, leaf)).isTrue();
    }

    /** Escrow's metered view of one lease of the job. */
    private static JsonNode escrowLease(MarketClient consumer, String jobId, String leaseId) {
        for (JsonNode lease : consumer.get("/api/v1/ledger/jobs/" + jobId).get("leases")) {
            if (leaseId.equals(lease.get("leaseId").asString())) {
                return lease;
            }
        }
        throw new AssertionError("escrow lists no lease " + leaseId + " for job " + jobId);
    }

    private static String problemType(JsonNode problem) {
        return problem.get("type").asString();
    }

    private static ChainWallet wallet(DevAccounts account) {
        return new ChainWallet(web3j, account.credentials(), stack.anvil().chainId());
    }

    private static void depositOnChain(ChainWallet deployer, String token, String vault, DevAccounts account,
            BigInteger amount) {
        deployer.mint(token, account.address(), amount);
        ChainWallet own = wallet(account);
        own.approve(token, vault, amount);
        own.deposit(vault, amount);
    }

    private static void awaitAvailable(MarketClient client, BigInteger amount) {
        await().atMost(PATIENCE).until(() -> available(client).equals(amount));
    }

    private static BigInteger available(MarketClient client) {
        return new BigInteger(client.get("/api/v1/accounts/me").get("available").asString());
    }

    private static String postJob(MarketClient consumer, String mode, int replicas, long seconds, BigInteger maxPrice,
            String idempotencyKey) {
        var body = MarketClient.object();
        body.putObject("resources").put("cpuMillicores", 2000).put("memoryMb", 4096).put("gpuCount", 0);
        body.putObject("workload").put("kind", "WASM").put("reference", "https://modules.example/render.wasm")
                .put("contentHash", "sha256:3b0c6d8e1f2a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9001122334");
        body.put("durationSeconds", seconds).put("maxPricePerHour", maxPrice.toString()).put("replicas", replicas)
                .put("verificationMode", mode)
                // The window runs on the real clock from the job's opening while three providers read the feed and
                // send five bids through the gateway; 6 s left a slow, loaded CI machine too little for them all.
                .put("biddingWindowSeconds", 20);
        return consumer.post("/api/v1/jobs", body, 202).get("jobId").asString();
    }

    private static JsonNode awaitJobStatus(MarketClient consumer, String jobId, String status) {
        return await().atMost(PATIENCE).until(() -> consumer.get("/api/v1/jobs/" + jobId),
                job -> status.equals(job.get("status").asString()));
    }

    /** Escrow funds each lease after the award; a provider commits its result only to a funded lease. */
    private static JsonNode awaitLeasesFunded(MarketClient consumer, String jobId) {
        return await().atMost(PATIENCE).until(() -> consumer.get("/api/v1/jobs/" + jobId), job -> {
            if (!"AWARDED".equals(job.get("status").asString()) || job.get("leases").isEmpty()) {
                return false;
            }
            for (JsonNode lease : job.get("leases")) {
                if (!lease.get("funded").asBoolean()) {
                    return false;
                }
            }
            return true;
        });
    }

    private static List<String> feedJobIds(MarketClient provider) {
        List<String> ids = new ArrayList<>();
        provider.get("/api/v1/feed?waitSeconds=5").get("items").forEach(item -> ids.add(item.get("jobId").asString()));
        return ids;
    }

    private static void bid(MarketClient provider, String jobId, BigInteger pricePerHour) {
        provider.post("/api/v1/jobs/" + jobId + "/bids", MarketClient.object().put("pricePerHour", pricePerHour.toString()),
                201);
    }

    private static Map<String, String> leasesByProvider(JsonNode job) {
        Map<String, String> leases = new HashMap<>();
        job.get("leases").forEach(lease -> leases.put(lease.get("provider").asString(), lease.get("leaseId").asString()));
        return leases;
    }

    private static Map<String, String> leaseStates(JsonNode job) {
        Map<String, String> states = new HashMap<>();
        job.get("leases").forEach(lease -> states.put(lease.get("leaseId").asString(), lease.get("status").asString()));
        return states;
    }

    private static int score(MarketClient reader, MarketClient provider) {
        return reader.get("/api/v1/reputation/" + provider.address()).get("score").asInt();
    }

    private static List<String> settlementIdsOf(MarketClient consumer, String jobId) {
        List<String> ids = new ArrayList<>();
        await().atMost(PATIENCE).until(() -> consumer.get("/api/v1/ledger/jobs/" + jobId).get("settlements").size() > 0);
        consumer.get("/api/v1/ledger/jobs/" + jobId).get("settlements")
                .forEach(settlement -> ids.add(settlement.get("settlementId").asString()));
        return ids;
    }

    private static JsonNode awaitAnchored(MarketClient client, String settlementId) {
        return await().atMost(PATIENCE).until(() -> {
            var response = client.tryGet("/api/v1/settlements/" + settlementId + "/proof");
            return response.statusCode() == 200 ? tools.jackson.databind.json.JsonMapper.builder().build()
                    .readTree(response.body()) : null;
        }, proof -> proof != null && "ANCHORED".equals(proof.get("status").asString()));
    }

    private static String commitment(String jobId, String digest, String salt) {
        java.util.UUID id = java.util.UUID.fromString(jobId);
        byte[] packed = new byte[16 + 32 + 32];
        java.nio.ByteBuffer.wrap(packed).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
        System.arraycopy(Numeric.hexStringToByteArray(digest), 0, packed, 16, 32);
        System.arraycopy(Numeric.hexStringToByteArray(salt), 0, packed, 48, 32);
        return Numeric.toHexString(Hash.sha3(packed));
    }

    /**
     * A verified lease's settlement: paid what it earned (more than nothing, never more than the bid price for the
     * whole duration), the fee exactly its share of that, the rest back to the consumer. Returns the provider's payout.
     */
    private static BigInteger assertPaidWithin(JsonNode settlement, BigInteger pricePerHour, long durationSeconds) {
        assertThat(settlement.get("outcome").asString()).isEqualTo("PAID");
        BigInteger payout = new BigInteger(settlement.get("providerPayout").asString());
        BigInteger fee = new BigInteger(settlement.get("protocolFee").asString());
        BigInteger refund = new BigInteger(settlement.get("consumerRefund").asString());
        BigInteger earned = payout.add(fee);
        assertThat(earned).isPositive().isLessThanOrEqualTo(cost(pricePerHour, durationSeconds));
        assertThat(fee).isEqualTo(fee(earned));
        assertThat(earned.add(refund)).isLessThanOrEqualTo(cost(pricePerHour, durationSeconds));
        return payout;
    }

    private static BigInteger cost(BigInteger pricePerHour, long seconds) {
        return pricePerHour.multiply(BigInteger.valueOf(seconds)).divide(BigInteger.valueOf(3600));
    }

    private static BigInteger fee(BigInteger leaseValue) {
        return leaseValue.multiply(BigInteger.valueOf(FEE_BPS)).divide(BigInteger.valueOf(10_000));
    }

    private static BigInteger tokens(long whole) {
        return TOKEN.multiply(BigInteger.valueOf(whole));
    }

    private static BigInteger milli(long thousandths) {
        return TOKEN.multiply(BigInteger.valueOf(thousandths)).divide(BigInteger.valueOf(1000));
    }

    private static long residentMemoryMiB(List<Long> pids) {
        long kib = 0;
        for (long pid : pids) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                    if (line.startsWith("VmRSS:")) {
                        kib += Long.parseLong(line.replaceAll("[^0-9]", ""));
                    }
                }
            } catch (java.io.IOException gone) {
                // the process already exited
            }
        }
        return kib / 1024;
    }
}
