package org.mailhub.dispatch;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.mailhub.campaign.Campaign;
import org.mailhub.campaign.CampaignStatus;
import org.mailhub.esp.Bound;
import org.mailhub.esp.CallRefused;
import org.mailhub.esp.Email;
import org.mailhub.esp.Envelope;
import org.mailhub.esp.OutcomeUnknown;
import org.mailhub.esp.ProviderUnavailable;
import org.mailhub.esp.SendOutcome;
import org.mailhub.esp.UnsubscribeLinks;
import org.mailhub.infrastructure.Jsons;
import org.mailhub.provider.Provider;
import org.mailhub.provider.ProviderSettings;

/**
 * Sends one dispatch chunk: claims it with the order of its provider calls, then makes the calls
 * one after the other (outside any transaction), recording each call's outcome before the next one
 * starts. Between calls it looks whether the server is stopping, this node's lease lapsed, the
 * campaign ended or the provider's breaker opened, and then puts the recipients no call carried
 * back in the queue.
 */
@ApplicationScoped
public class Dispatcher {

  private static final Logger LOG = Logger.getLogger(Dispatcher.class.getName());

  /** How often a chunk's sending looks whether its campaign was cancelled meanwhile. */
  private static final long CANCEL_CHECK_NANOS = Duration.ofMillis(250).toNanos();

  @Inject Ledger ledger;
  @Inject Recorder recorder;
  @Inject ProviderSettings settings;
  @Inject ProviderBreakers breakers;
  @Inject Pacer pacer;
  @Inject UnsubscribeLinks links;
  @Inject Node node;
  @Inject ServerState server;
  @Inject Heartbeat heartbeat;
  @Inject DispatchMeters meters;
  @Inject Failover failover;

  @Inject
  @ConfigProperty(name = "mailhub.dispatch.max-attempts", defaultValue = "5")
  int maxAttempts;

  @Inject
  @ConfigProperty(name = "mailhub.dispatch.retry-delay", defaultValue = "PT2S")
  Duration retryDelay;

  /**
   * The claims this start is sending right now, by chunk; a claim of this start not among them is
   * stale.
   */
  private final Map<Long, Integer> active = new ConcurrentHashMap<>();

  public boolean isSending(long chunkId, int claim) {
    return Integer.valueOf(claim).equals(active.get(chunkId));
  }

  /**
   * Sends the chunk, or only looks whether the campaign is done when there is none.
   *
   * @param chunkId null for a message that only asks to look
   */
  public void dispatch(long campaignId, Long chunkId) {
    if (chunkId != null) {
      send(campaignId, chunkId);
    }
    ledger.finishIfDone(campaignId);
  }

  private void send(long campaignId, long chunkId) {
    Ledger.Job job = ledger.job(campaignId);
    if (job == null) {
      return; // the campaign is gone, and its chunks with it
    }
    Campaign campaign = job.campaign();
    long providerId = campaign.providerId();
    if (campaign.status() != CampaignStatus.SENDING) {
      ledger.endQueued(
          chunkId, providerId, ChunkRepository.unsentAs(campaign.status()), ended(campaign));
      return;
    }
    if (job.provider() == null) {
      String reason = "the campaign's provider was deleted";
      ledger.failCampaign(campaignId, reason);
      ledger.endQueued(chunkId, providerId, SendStatus.FAILED, reason);
      return;
    }
    if (!heartbeat.holds()) {
      // this node could not renew its lease: the chunk waits, unclaimed, until it does (or until
      // another node takes the message)
      ledger.postpone(campaignId, chunkId, heartbeat.interval());
      return;
    }
    long lapses = heartbeat.lapses();
    Failover.Route route = failover.route(job);
    if (!route.delay().isZero()) {
      // the provider's breaker is open (and its backups' too): the chunk waits, unclaimed
      ledger.postpone(campaignId, chunkId, route.delay());
      return;
    }
    job = route.job();
    Bound<?> bound;
    try {
      bound = settings.open(job.provider());
    } catch (RuntimeException e) {
      String reason =
          "the settings of provider "
              + job.provider().nickname()
              + " cannot be read: "
              + e.getMessage();
      ledger.failCampaign(campaignId, reason);
      ledger.endQueued(chunkId, job.provider().id(), SendStatus.FAILED, reason);
      return;
    }
    send(job, bound, chunkId, lapses);
  }

  private <S> void send(Ledger.Job job, Bound<S> bound, long chunkId, long lapses) {
    Campaign campaign = job.campaign();
    Provider provider = job.provider();
    Map<String, String> placeholders = Jsons.texts(campaign.placeholders());
    Envelope envelope =
        new Envelope(
            campaign.fromName() != null ? campaign.fromName() : provider.fromName(),
            provider.fromAddress(),
            provider.replyTo(),
            placeholders,
            Envelope.Source.campaign(campaign.id()));
    List<Email> emails = new ArrayList<>();
    List<List<Email>> batches = new ArrayList<>();
    Ledger.Claimed claimed =
        ledger.claim(
            chunkId,
            node,
            provider.id(),
            queued -> {
              queued.forEach(q -> emails.add(email(campaign, provider, placeholders, q)));
              batches.addAll(bound.batches(emails));
              return positions(batches, emails);
            });
    if (claimed == null) {
      return; // claimed or ended already: this message was delivered twice
    }
    DispatchChunk chunk = claimed.chunk();
    active.put(chunkId, chunk.claims());
    try {
      sendClaimed(job, bound, claimed, batches, envelope, lapses);
    } catch (Ledger.ClaimLost lost) {
      LOG.warning(lost.getMessage() + ": its dispatch stops");
    } finally {
      active.remove(chunkId, chunk.claims());
    }
  }

  private void sendClaimed(
      Ledger.Job job,
      Bound<?> bound,
      Ledger.Claimed claimed,
      List<List<Email>> batches,
      Envelope envelope,
      long lapses) {
    Campaign campaign = job.campaign();
    Provider provider = job.provider();
    DispatchChunk chunk = claimed.chunk();
    long chunkId = chunk.id();
    Map<String, Recipient> byMeta = new HashMap<>();
    claimed.recipients().forEach(q -> byMeta.put(q.recipient().meta(), q.recipient()));
    long lookedAt = System.nanoTime();
    for (int i = 0; i < batches.size(); i++) {
      // the provider's rate limit and pauses first, so that the checks below follow a wait: a
      // near slot is waited for, the recipients wait for a far one in the queue
      Duration later = pacer.admit(provider, batches.get(i).size());
      if (later != null) {
        ledger.release(chunk, rest(batches, i, byMeta), failover.whilePaused(provider, later));
        return;
      }
      // a lapse since the claim, even if the lease holds again, may have let another node take it
      boolean leaseLapsed = !heartbeat.holds() || heartbeat.lapses() != lapses;
      if (server.stopping() || leaseLapsed) {
        List<Recipient> rest = rest(batches, i, byMeta);
        ledger.release(chunk, rest, leaseLapsed ? heartbeat.interval() : Duration.ZERO);
        LOG.info(
            (leaseLapsed
                    ? "This node could not renew its lease, so another node may take its claims"
                        + " over: "
                    : "The server is stopping: ")
                + rest.size()
                + " recipients of chunk "
                + chunkId
                + " that no call carried are back in the queue");
        return;
      }
      if (System.nanoTime() - lookedAt > CANCEL_CHECK_NANOS) {
        lookedAt = System.nanoTime();
        CampaignStatus now = ledger.status(campaign.id());
        if (now != CampaignStatus.SENDING) {
          ledger.endUnsent(
              chunk,
              provider.id(),
              rest(batches, i, byMeta),
              ChunkRepository.unsentAs(now),
              now == CampaignStatus.CANCELLED ? null : "the campaign ended: " + now);
          return;
        }
      }
      // the first call was let through before the claim (perhaps as the breaker's probe)
      Duration open = i == 0 ? Duration.ZERO : breakers.closedIn(provider.id());
      if (!open.isZero()) {
        ledger.release(chunk, rest(batches, i, byMeta), failover.whileOpen(provider, open));
        return;
      }
      List<Recipient> carried = recipients(batches.get(i), byMeta);
      Ledger.CallResult result =
          failover.after(
              provider, chunk.attempt(), call(bound, provider, envelope, batches.get(i), chunk));
      try {
        recorder.record(new Ledger.Call(chunk, provider.id(), i, carried, result, maxAttempts));
      } catch (Ledger.ClaimLost lost) {
        throw lost;
      } catch (RuntimeException e) {
        // the call's recipients stay without records in the claimed chunk, and no further call
        // starts: the recovery of stale claims finds exactly them in doubt and queues the rest
        LOG.log(
            Level.SEVERE,
            "Could not record the outcome of a call to provider "
                + provider.id()
                + " for chunk "
                + chunkId
                + "; its "
                + carried.size()
                + " recipients will be recorded in doubt",
            e);
        return;
      }
      if (result instanceof Ledger.CallResult.FailOver) {
        // the calls not made yet go to the backup with the chunk's next dispatch
        ledger.release(chunk, rest(batches, i + 1, byMeta), Duration.ZERO);
        return;
      }
    }
    ledger.done(chunk);
  }

  private Ledger.CallResult call(
      Bound<?> bound,
      Provider provider,
      Envelope envelope,
      List<Email> batch,
      DispatchChunk chunk) {
    try {
      SendOutcome outcome =
          meters.timed(provider.id(), provider.type(), () -> bound.send(envelope, batch));
      breakers.succeeded(provider.id());
      return outcome.accepted()
          ? new Ledger.CallResult.Sent(outcome.messageId())
          : new Ledger.CallResult.Failed(
              describe(outcome),
              outcome.addressRejected(),
              CampaignFailover.authenticationFailed(outcome.status()));
    } catch (ProviderUnavailable e) {
      breakers.failed(provider.id());
      Duration backoff = backoff(chunk.attempt());
      if (e.retryAfter().isPresent()) {
        Duration pause = e.retryAfter().get();
        pacer.pause(provider.id(), pause);
        backoff = pause.compareTo(backoff) > 0 ? pause : backoff;
      }
      Integer status = e.outcome().status();
      boolean gatewayGaveUp = status != null && (status == 502 || status == 504);
      return new Ledger.CallResult.Retry(describe(e.outcome()), backoff, !gatewayGaveUp);
    } catch (CallRefused e) {
      return new Ledger.CallResult.Failed(describe(e.outcome()));
    } catch (OutcomeUnknown e) {
      breakers.failed(provider.id());
      return new Ledger.CallResult.InDoubt("in doubt: " + describe(e.outcome()));
    } catch (RuntimeException e) {
      breakers.failed(provider.id());
      LOG.log(Level.SEVERE, "Sending through provider " + provider.id() + " failed", e);
      return new Ledger.CallResult.InDoubt("in doubt: mailhub could not tell what happened: " + e);
    }
  }

  private Email email(
      Campaign campaign,
      Provider provider,
      Map<String, String> placeholders,
      SendRepository.Queued queued) {
    Recipient recipient = queued.recipient();
    Map<String, String> profile = Jsons.texts(queued.properties());
    return Email.personalised(
        recipient.email(),
        campaign.subject(),
        campaign.html(),
        placeholders,
        profile,
        recipient.meta(),
        links.forSend(provider, recipient.email(), recipient.meta()));
  }

  /** The calls as positions in the chunk's list of recipients. */
  static List<List<Integer>> positions(List<List<Email>> batches, List<Email> emails) {
    Map<String, Integer> position = new HashMap<>();
    for (int i = 0; i < emails.size(); i++) {
      position.put(emails.get(i).meta(), i);
    }
    return batches.stream()
        .map(batch -> batch.stream().map(e -> position.get(e.meta())).toList())
        .toList();
  }

  private static List<Recipient> rest(
      List<List<Email>> batches, int from, Map<String, Recipient> byMeta) {
    return recipients(
        batches.subList(from, batches.size()).stream().flatMap(List::stream).toList(), byMeta);
  }

  private static List<Recipient> recipients(List<Email> emails, Map<String, Recipient> byMeta) {
    return emails.stream().map(e -> byMeta.get(e.meta())).toList();
  }

  private static String ended(Campaign campaign) {
    return campaign.status() == CampaignStatus.CANCELLED
        ? null
        : "the campaign ended: "
            + campaign.status()
            + (campaign.failure() == null ? "" : " (" + campaign.failure() + ")");
  }

  /** 2 s, 4 s, 8 s, … by default, at most ten minutes. */
  Duration backoff(int attempt) {
    long factor = 1L << Math.min(attempt - 1, 20);
    Duration delay = retryDelay.multipliedBy(factor);
    return delay.compareTo(Duration.ofMinutes(10)) > 0 ? Duration.ofMinutes(10) : delay;
  }

  static String describe(SendOutcome outcome) {
    StringBuilder text = new StringBuilder();
    if (outcome.status() != null) {
      text.append(outcome.status()).append(' ');
    }
    if (outcome.errorCode() != null) {
      text.append('(').append(outcome.errorCode()).append(") ");
    }
    if (outcome.detail() != null) {
      text.append(outcome.detail());
    }
    return text.toString().strip();
  }
}
