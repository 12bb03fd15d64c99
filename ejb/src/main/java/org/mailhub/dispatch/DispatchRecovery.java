package org.mailhub.dispatch;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.mailhub.campaign.CampaignRepository;

/**
 * Settles claims that no dispatch holds any more, at start and every minute: those of this node's
 * earlier starts (killed, or stopped before their calls ended), and those of this start whose
 * dispatch gave up (its records could not be written) a minute ago or more. The call that was in
 * flight ends IN_DOUBT and is never sent again; the recipients of the calls that never started go
 * back to the queue. Claims of other live nodes are left to them; those of a node whose lease
 * expired are taken over ({@link #takeOver}). A queued chunk whose message was lost (parked on the
 * dead-letter queue after a long database outage) gets a new one after half an hour, from one node.
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DispatchRecovery {

  private static final Logger LOG = Logger.getLogger(DispatchRecovery.class.getName());

  /** A claim of this start that no dispatch holds for this long is stale. */
  private static final Duration STALE = Duration.ofMinutes(1);

  /** A queued chunk untouched for this long is sent again (a second message is harmless). */
  private static final Duration FORGOTTEN = Duration.ofMinutes(30);

  @Inject ChunkRepository chunks;
  @Inject Ledger ledger;
  @Inject Dispatcher dispatcher;
  @Inject Node node;
  @Inject Leases leases;
  @Inject CampaignRepository campaigns;

  @Inject
  @ConfigProperty(name = "mailhub.dispatch.chunk-size", defaultValue = "50")
  int chunkSize;

  @PostConstruct
  void atStart() {
    while (ledger.convertLegacy(10_000, chunkSize) > 0) {
      // versions before 0.2 kept every waiting recipient as a send record
    }
    recover();
  }

  @Schedule(hour = "*", minute = "*", persistent = false)
  void everyMinute() {
    recover();
    Instant before = Instant.now().minus(FORGOTTEN);
    for (long chunkId : chunks.queuedBefore(before, 1000)) {
      ledger.resend(chunkId, before);
    }
  }

  /**
   * Takes over the work of a node whose lease expired (see {@link Heartbeat}): its claims are
   * settled as after a crash, and the node that ends its lease gives the queued chunks and the
   * unprepared campaigns new messages, since theirs may wait in the gone node's broker until it
   * comes back. The chunks' own lock makes each claim settled once; a message sent twice is
   * harmless (the second finds its chunk claimed or done).
   */
  public void takeOver(NodeLease gone, Duration lease) {
    int claims = 0;
    int inDoubt = 0;
    for (DispatchChunk chunk : chunks.claimedBy(gone.node())) {
      if (chunk.isClaimedBy(gone.node(), gone.boot())) {
        inDoubt += ledger.recover(chunk.id(), chunk.claims(), gone.node(), gone.boot());
        claims++;
      }
    }
    if (!leases.end(gone.node(), gone.beatAt())) {
      return; // another node ended it first, or the node came back
    }
    // the gone node queued its chunks before its last beat, a lease ago or more; chunks queued or
    // touched since then are the live nodes', whose messages are in live brokers (and a retry
    // waiting for its delay keeps it)
    Instant before = Instant.now().minus(lease);
    int requeued = 0;
    for (List<Long> page = chunks.queuedBefore(before, 1000);
        !page.isEmpty();
        page = chunks.queuedBefore(before, 1000)) {
      for (long chunkId : page) {
        ledger.resend(chunkId, before);
        requeued++;
      }
    }
    List<Long> sending = campaigns.sending();
    sending.forEach(ledger::remind);
    LOG.warning(
        "Node "
            + gone.node()
            + " has not renewed its lease since "
            + gone.beatAt()
            + ": took over its "
            + claims
            + " claims ("
            + inDoubt
            + " recipients in doubt, the rest back in the queue) and sent "
            + requeued
            + " queued chunks and "
            + sending.size()
            + " sending campaigns new messages");
  }

  private void recover() {
    Instant staleBefore = Instant.now().minus(STALE);
    for (DispatchChunk chunk : chunks.claimedBy(node.name())) {
      boolean earlierStart = !chunk.isClaimedBy(node.name(), node.boot());
      boolean stale =
          !earlierStart
              && !dispatcher.isSending(chunk.id(), chunk.claims())
              && chunk.claimedAt().isBefore(staleBefore);
      if (earlierStart || stale) {
        try {
          int inDoubt = ledger.recover(chunk.id(), chunk.claims(), node.name(), chunk.claimBoot());
          LOG.warning(
              "Chunk "
                  + chunk.id()
                  + " of campaign "
                  + chunk.campaignId()
                  + " was left claimed"
                  + (earlierStart ? " by an earlier start" : "")
                  + ": "
                  + inDoubt
                  + " recipients in doubt, the rest back in the queue");
        } catch (RuntimeException e) {
          LOG.log(
              Level.SEVERE,
              "Could not recover chunk " + chunk.id() + "; tried again in a minute",
              e);
        }
      }
    }
  }
}
