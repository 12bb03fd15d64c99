package org.mailhub.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mailhub.campaign.Campaign;
import org.mailhub.provider.Provider;
import org.mailhub.provider.ProviderType;

class FailoverTest {

  private final Failover failover = new Failover();
  private final ProviderBreakers breakers = new ProviderBreakers();
  private final List<String> switched = new ArrayList<>();
  private final Map<Long, ProviderPace> paces = new java.util.HashMap<>();

  /** The provider another dispatch moved the campaign to first, if one did. */
  private Long movedOnBy;

  private final Provider primary = provider(1, "primary", 2L);
  private final Provider backup = provider(2, "backup", 3L);
  private final Provider last = provider(3, "last", null);

  {
    breakers.failures = 2;
    breakers.delay = Duration.ofSeconds(30);
    failover.breakers = breakers;
    failover.afterAttempts = 3;
    failover.afterPause = Duration.ofMinutes(1);
    failover.pacer = new Pacer();
    failover.pacer.paces =
        new Paces() {
          @Override
          public ProviderPace.Reservation reserve(
              long providerId,
              org.mailhub.provider.RateLimit limit,
              int recipients,
              Duration patience) {
            return pace(providerId).reserve(java.time.Instant.now(), recipients, limit, patience);
          }

          @Override
          public void pause(long providerId, Duration pause) {
            pace(providerId).pause(java.time.Instant.now(), pause);
          }

          @Override
          public Duration pausedFor(long providerId) {
            return pace(providerId).pausedFor(java.time.Instant.now());
          }
        };
    Map<Long, List<Provider>> chains =
        Map.of(1L, List.of(backup, last), 2L, List.of(last), 3L, List.of());
    failover.ledger =
        new Ledger() {
          @Override
          public List<Provider> backups(long providerId) {
            return chains.get(providerId);
          }

          @Override
          public Job job(long campaignId) {
            Provider now =
                movedOnBy == null
                    ? primary
                    : List.of(primary, backup, last).stream()
                        .filter(p -> p.id() == movedOnBy.longValue())
                        .findFirst()
                        .orElseThrow();
            return FailoverTest.job(now);
          }

          @Override
          public long failOver(
              long campaignId, long from, long to, String reason, boolean authentication) {
            if (movedOnBy != null) {
              return movedOnBy;
            }
            switched.add(from + "->" + to);
            return to;
          }
        };
  }

  @Test
  void failuresThatMayHealMoveOnOnlyOnTheLastAttemptTheProviderGets() {
    Ledger.CallResult retry = new Ledger.CallResult.Retry("503 busy", Duration.ofSeconds(2));
    assertSame(retry, failover.after(primary, 1, retry));
    assertSame(retry, failover.after(primary, 2, retry));
    var over =
        assertInstanceOf(Ledger.CallResult.FailOver.class, failover.after(primary, 3, retry));
    assertEquals(2L, over.toProviderId());
    assertTrue(over.error().startsWith("failed over from primary after 3 attempts: 503 busy"));
  }

  @Test
  void aGatewayThatGaveUpWaitingNeverMovesTheEmailsToAnotherProvider() {
    // 502 or 504: the provider behind the gateway may have taken them
    Ledger.CallResult retry =
        new Ledger.CallResult.Retry("504 gateway timeout", Duration.ofSeconds(2), false);

    assertSame(retry, failover.after(primary, 3, retry));
    assertSame(retry, failover.after(primary, 9, retry));
  }

  @Test
  void wrongCredentialsMoveOnAtOnceAndOtherRefusalsNever() {
    var auth = new Ledger.CallResult.Failed("401 bad key", false, true);
    var over = assertInstanceOf(Ledger.CallResult.FailOver.class, failover.after(primary, 1, auth));
    assertTrue(over.authentication());
    assertTrue(over.error().contains("authentication failed"), over.error());

    Ledger.CallResult refused = new Ledger.CallResult.Failed("400 bad request");
    assertSame(refused, failover.after(primary, 1, refused));
    Ledger.CallResult sent = new Ledger.CallResult.Sent("id");
    assertSame(sent, failover.after(primary, 3, sent));
    Ledger.CallResult doubt = new Ledger.CallResult.InDoubt("timeout");
    assertSame(doubt, failover.after(primary, 3, doubt), "a call that may have arrived stays");
  }

  @Test
  void aProviderWithoutBackupKeepsItsOutcomes() {
    Ledger.CallResult retry = new Ledger.CallResult.Retry("503", Duration.ofSeconds(2));
    assertSame(retry, failover.after(last, 9, retry));
    var auth = new Ledger.CallResult.Failed("401", false, true);
    assertSame(auth, failover.after(last, 1, auth));
    assertEquals(Duration.ofSeconds(7), failover.whileOpen(last, Duration.ofSeconds(7)));
    assertEquals(Duration.ZERO, failover.whileOpen(primary, Duration.ofSeconds(7)));
  }

  @Test
  void aClosedBreakerKeepsTheCampaignWhereItIs() {
    Failover.Route route = failover.route(job(primary));
    assertSame(primary, route.job().provider());
    assertEquals(Duration.ZERO, route.delay());
    assertEquals(List.of(), switched);
  }

  @Test
  void anOpenBreakerFailsOverToTheFirstBackupThatTakesCalls() {
    open(1);
    assertSame(backup, failover.route(job(primary)).job().provider());
    assertEquals(List.of("1->2"), switched);

    switched.clear();
    open(2); // the backup fails too: on to its backup
    assertSame(last, failover.route(job(primary)).job().provider());
    assertEquals(List.of("1->3"), switched);
  }

  @Test
  void aChunkFollowsTheCampaignWhereAnotherDispatchMovedItFirst() {
    open(1);
    movedOnBy = 3L; // while this dispatch looked, another one found the backup down too
    assertSame(last, failover.route(job(primary)).job().provider());

    open(3); // and where it went is down on this node: the chunk waits for that breaker
    Failover.Route route = failover.route(job(primary));
    assertSame(last, route.job().provider());
    assertTrue(route.delay().compareTo(Duration.ZERO) > 0, route.toString());
  }

  @Test
  void lookingAtABackupDoesNotTakeTheProbeOfItsBreaker() {
    java.util.concurrent.atomic.AtomicReference<java.time.Instant> now =
        new java.util.concurrent.atomic.AtomicReference<>(java.time.Instant.now());
    breakers.clock =
        new java.time.Clock() {
          @Override
          public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
          }

          @Override
          public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public java.time.Instant instant() {
            return now.get();
          }
        };
    open(2);
    now.set(now.get().plusSeconds(31)); // the backup's delay is over: its next caller probes
    failover.pacer.pause(1, Duration.ofHours(1));
    failover.pacer.pause(3, Duration.ofHours(1));

    // the primary is paused for long, the backup may be probed: the chunk comes back at once ...
    assertEquals(Duration.ZERO, failover.whilePaused(primary, Duration.ofMinutes(59)));
    assertEquals(Duration.ZERO, failover.whilePaused(primary, Duration.ofMinutes(59)));
    // ... and its dispatch is the one that probes the backup
    assertSame(backup, failover.route(job(primary)).job().provider());
    assertEquals(ProviderBreakers.Position.PROBING, breakers.position(2));
  }

  @Test
  void whenEveryProviderOfTheChainIsDownTheChunkWaits() {
    open(1);
    open(2);
    open(3);
    Failover.Route route = failover.route(job(primary));
    assertSame(primary, route.job().provider());
    assertTrue(route.delay().compareTo(Duration.ZERO) > 0);
    assertEquals(List.of(), switched);
  }

  @Test
  void aProviderThatAsksForALongPauseFailsOverAtOnceAndAShortPauseIsWaitedFor() {
    // a rate limit's far slot is no pause: the chunk waits for it
    assertEquals(Duration.ofMinutes(59), failover.whilePaused(primary, Duration.ofMinutes(59)));

    Ledger.CallResult shortPause = new Ledger.CallResult.Retry("429", Duration.ofSeconds(2));
    failover.pacer.pause(1, Duration.ofSeconds(2));
    assertSame(shortPause, failover.after(primary, 1, shortPause));
    assertSame(primary, failover.route(job(primary)).job().provider());
    assertEquals(Duration.ofSeconds(2), failover.whilePaused(primary, Duration.ofSeconds(2)));

    Ledger.CallResult longPause = new Ledger.CallResult.Retry("429 slow down", Duration.ofHours(1));
    failover.pacer.pause(1, Duration.ofHours(1));
    var over =
        assertInstanceOf(Ledger.CallResult.FailOver.class, failover.after(primary, 1, longPause));
    assertEquals(2L, over.toProviderId());
    assertTrue(
        over.error()
            .startsWith("failed over from primary: primary asked to be left alone for PT59M"),
        over.error());
    // the chunks that found no slot come back at once, and go to the backup
    assertEquals(Duration.ZERO, failover.whilePaused(primary, Duration.ofMinutes(59)));
    assertSame(backup, failover.route(job(primary)).job().provider());
    assertEquals(List.of("1->2"), switched);
  }

  @Test
  void aLongPauseWithNowhereToGoIsWaitedFor() {
    failover.pacer.pause(1, Duration.ofHours(1));
    failover.pacer.pause(2, Duration.ofHours(1));
    open(3);
    Ledger.CallResult longPause = new Ledger.CallResult.Retry("429", Duration.ofHours(1));
    // on the last attempt it moves on as any failure that may heal, else it waits for the pause
    assertSame(longPause, failover.after(primary, 1, longPause));
    Duration later = Duration.ofMinutes(59);
    // the last of the chain has an open breaker: the chunk looks again after failover-after-pause
    assertEquals(Duration.ofMinutes(1), failover.whilePaused(primary, later));
    Failover.Route route = failover.route(job(primary));
    assertSame(primary, route.job().provider());
    assertEquals(List.of(), switched);

    // when every backup is paused too, the chunk waits for the first of their pauses
    failover.pacer.pause(3, Duration.ofMinutes(30));
    Duration next = failover.whilePaused(primary, later);
    assertTrue(next.compareTo(Duration.ofMinutes(29)) > 0, next.toString());
    assertTrue(next.compareTo(Duration.ofMinutes(30)) <= 0, next.toString());
  }

  @Test
  void aLimitedProvidersFarSlotIsNoReasonToFailOver() {
    // a batch of 1000 at 10/s holds the primary for 100 s: the next chunk waits for its slot
    org.mailhub.provider.RateLimit ten = org.mailhub.provider.RateLimit.of(10, null, null);
    failover.pacer.paces.reserve(1, ten, 1000, Duration.ofSeconds(1));
    Duration later = failover.pacer.paces.reserve(1, ten, 1, Duration.ofSeconds(1)).in();
    assertTrue(later.compareTo(Duration.ofSeconds(90)) > 0, later.toString());

    assertEquals(later, failover.whilePaused(primary, later));
    assertSame(primary, failover.route(job(primary)).job().provider());
    Ledger.CallResult retry = new Ledger.CallResult.Retry("503", Duration.ofMinutes(2));
    assertSame(retry, failover.after(primary, 1, retry), "a long backoff is no pause either");
    assertEquals(List.of(), switched);
  }

  private ProviderPace pace(long providerId) {
    return paces.computeIfAbsent(providerId, ProviderPace::new);
  }

  private void open(long providerId) {
    for (int i = 0; i < breakers.failures; i++) {
      breakers.failed(providerId);
    }
  }

  private static Ledger.Job job(Provider provider) {
    Campaign campaign = new Campaign() {};
    withId(campaign, Campaign.class, 10L);
    return new Ledger.Job(campaign, provider);
  }

  private static Provider provider(long id, String nickname, Long backup) {
    Provider provider =
        new Provider(
            ProviderType.GENERIC_HTTP,
            "token-" + id,
            new Provider.Details(nickname, null, nickname + "@example.com", null, null),
            "sealed");
    withId(provider, Provider.class, id);
    provider.backUpWith(backup);
    return provider;
  }

  /** Entities get their ids from the database; these never see one. */
  private static void withId(Object entity, Class<?> type, long id) {
    try {
      var field = type.getDeclaredField("id");
      field.setAccessible(true);
      field.set(entity, id);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }
}
