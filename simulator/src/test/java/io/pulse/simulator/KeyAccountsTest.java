package io.pulse.simulator;

import io.pulse.schema.Segment;
import io.pulse.schema.SubscriberEvent;
import io.pulse.schema.SubscriberProfile;
import io.pulse.schema.history.HistoryFiles;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Key accounts: the key-account lines grouped into accounts of 5 to 500 lines, each with one
 * manager and one class; now and then an account moves part of its lines to a competitor over
 * weeks, and the rest stay. Grouping and moves change no one else's events.
 */
class KeyAccountsTest {
    private static final long START = Instant.parse("2026-03-02T00:00:00Z").toEpochMilli();
    private static final long DAY = 24 * 3_600_000L;
    private static final int SUBSCRIBERS = 1000;
    private static final long SEED = 17;
    private static final World WORLD =
            World.DEFAULT.withKeyAccountShare(0.4).withAccountMovesPerMonth(0.3);

    @Test
    void everyKeyAccountLineIsInOneAccountOfFiveToFiveHundredLinesWithOneManagerAndClass() {
        SubscriberSimulator simulator = new SubscriberSimulator(SUBSCRIBERS, SEED, START, WORLD);
        Map<String, List<SubscriberProfile>> accounts = accounts(simulator);

        assertThat(simulator.profiles())
                .allSatisfy(
                        p ->
                                assertThat(p.getAccountId() != null)
                                        .as(p.getSubscriberId() + " in an account")
                                        .isEqualTo(p.getSegment() == Segment.KEY_ACCOUNT));
        assertThat(accounts.values().stream().mapToInt(List::size).sum()).isEqualTo(400);
        assertThat(accounts.values())
                .allSatisfy(
                        lines -> {
                            assertThat(lines.size()).isBetween(5, 500);
                            assertThat(lines)
                                    .extracting(SubscriberProfile::getAccountManagerId)
                                    .containsOnly(lines.get(0).getAccountManagerId());
                            assertThat(lines)
                                    .extracting(SubscriberProfile::getKeyAccountClass)
                                    .containsOnly(lines.get(0).getKeyAccountClass());
                        });
    }

    @Test
    void mostAccountsAreSmallAndAFewLarge() {
        List<Integer> sizes =
                accounts(new SubscriberSimulator(SUBSCRIBERS, SEED, START, WORLD)).values().stream()
                        .map(List::size)
                        .sorted()
                        .toList();

        assertThat(sizes.size()).as("accounts of 400 lines").isBetween(10, 40);
        assertThat(sizes.get(sizes.size() / 2)).as("median lines").isLessThan(15);
        assertThat(sizes.get(sizes.size() - 1)).as("largest").isGreaterThanOrEqualTo(30);
    }

    @Test
    void aMoveTakesAFifthToThreeFifthsOfItsLinesAwayOverWeeksAndTheOthersStay(@TempDir Path dir) {
        int days = 75;
        HistoryWriter.write(dir, SUBSCRIBERS, SEED, START, days, WORLD, HistoryFiles.Format.JSON);
        Path truth = dir.resolve(HistoryWriter.TRUTH_DIRECTORY);
        List<AccountMove> moves = GroundTruthFiles.readAccountMoves(truth);
        Map<String, SubscriberTruth> truthOf =
                GroundTruthFiles.readSubscribers(truth).stream()
                        .collect(Collectors.toMap(SubscriberTruth::subscriberId, t -> t));
        Map<String, List<SubscriberProfile>> accounts =
                HistoryFiles.readProfiles(dir).stream()
                        .filter(p -> p.getAccountId() != null)
                        .collect(Collectors.groupingBy(SubscriberProfile::getAccountId));

        assertThat(moves).as("moves of about 25 accounts at 30% a month").hasSizeBetween(8, 30);
        assertThat(moves)
                .allSatisfy(
                        move -> {
                            List<SubscriberProfile> lines = accounts.get(move.accountId());
                            assertThat(move.subscriberIds())
                                    .isSubsetOf(
                                            lines.stream()
                                                    .map(SubscriberProfile::getSubscriberId)
                                                    .toList());
                            assertThat(move.subscriberIds().size())
                                    .as(move.id() + " lines moving")
                                    .isBetween(1, (int) Math.ceil(0.6 * lines.size()));
                            List<Long> leaves =
                                    move.subscriberIds().stream()
                                            .map(id -> truthOf.get(id).churn().until())
                                            .sorted()
                                            .toList();
                            assertThat(leaves.get(leaves.size() - 1) - leaves.get(0))
                                    .as(move.id() + " over at most six weeks")
                                    .isLessThanOrEqualTo(42 * DAY);
                            assertThat(move.until()).isEqualTo(leaves.get(leaves.size() - 1));
                            assertThat(move.subscriberIds())
                                    .allSatisfy(
                                            id ->
                                                    assertThat(truthOf.get(id).churn().cause())
                                                            .isEqualTo(
                                                                    io.pulse.schema.ChurnCause
                                                                            .COMPETITIVE));
                        });
        long moving = moves.stream().mapToLong(m -> m.subscriberIds().size()).sum();
        long inMovingAccounts =
                moves.stream().mapToLong(m -> accounts.get(m.accountId()).size()).sum();
        assertThat((double) moving / inMovingAccounts)
                .as("share of a moving account's lines that move")
                .isBetween(0.2, 0.6);
    }

    @Test
    void groupingAndMovesChangeNoOtherLinesEvents() {
        SubscriberSimulator moving = new SubscriberSimulator(SUBSCRIBERS, SEED, START, WORLD);
        SubscriberSimulator still =
                new SubscriberSimulator(
                        SUBSCRIBERS, SEED, START, WORLD.withAccountMovesPerMonth(0));
        Set<String> movers = new java.util.HashSet<>();
        for (SimulatedSubscriber s : moving.subscribers()) {
            if (s.accountMove() != null) {
                movers.add(s.id());
            }
        }
        Map<String, List<String>> with = new HashMap<>();
        Map<String, List<String>> without = new HashMap<>();
        for (int hour = 0; hour < 20 * 24; hour++) {
            collect(moving.nextHour().events(), with);
            collect(still.nextHour().events(), without);
        }

        assertThat(movers).as("lines on their way out with their account").isNotEmpty();
        with.keySet().removeAll(movers);
        without.keySet().removeAll(movers);
        assertThat(with).isEqualTo(without);
    }

    @Test
    void sharesAndMovesMustBeBetweenNoneAndHalf() {
        assertThatThrownBy(() -> World.DEFAULT.withKeyAccountShare(0.6))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("keyAccountShare");
        assertThatThrownBy(() -> World.DEFAULT.withAccountMovesPerMonth(-0.1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("accountMovesPerMonth");
        assertThat(
                        accounts(
                                new SubscriberSimulator(
                                        500, SEED, START, World.DEFAULT.withKeyAccountShare(0))))
                .isEmpty();
    }

    private static void collect(List<SubscriberEvent> events, Map<String, List<String>> into) {
        for (SubscriberEvent e : events) {
            into.computeIfAbsent(e.getSubscriberId(), id -> new ArrayList<>()).add(e.toString());
        }
    }

    private static Map<String, List<SubscriberProfile>> accounts(SubscriberSimulator simulator) {
        return simulator.profiles().stream()
                .filter(p -> p.getAccountId() != null)
                .collect(Collectors.groupingBy(SubscriberProfile::getAccountId));
    }
}
