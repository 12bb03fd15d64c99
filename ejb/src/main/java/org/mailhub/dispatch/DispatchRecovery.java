package org.mailhub.dispatch;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.AsyncResult;
import jakarta.ejb.Asynchronous;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Future;
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
@ConcurrencyManagement(ConcurrencyManagementType.BEAN) // every step takes the locks it needs
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
   * Takes over the work of nodes whose lease expired (see {@link Heartbeat}), in the background so
   * that this node's beats go on: their claims are settled as after a crash, and the queued chunks
   * and unfinished preparations get new messages, since theirs may wait in a gone node's broker
   * until it comes back. The chunks' own lock makes each claim settled once and each chunk resent
   * once; a message sent twice is harmless (the second finds its chunk claimed or done). The lease
   * ends last, so that when this node fails on the way another one starts over.
   */
  @Asynchronous
  public Future<Void> takeOver(List<NodeLease> gone, Duration lease) {
    for (NodeLease node : gone) {
      try {
        takeOver(node, lease);
      } catch (RuntimeException e) {
        LOG.log(Level.SEVERE, "Could not take over the work of node " + node.node(), e);
      }
    }
    return new AsyncResult<>(null);
  }

  private void takeOver(NodeLease gone, Duration lease) {
    LOG.warning(
        "Node "
            + gone.node()
            + " has not renewed its lease since "
            + gone.beatAt()
            + ": taking its work over");
    int claims = 0;
    int inDoubt = 0;
    int locked = 0;
    for (DispatchChunk chunk : chunks.claimedBy(gone.node())) {
      // the gone start's claims, and those of its earlier starts (made before its last beat); not
      // those of a start of that node that began meanwhile
      if (chunk.isClaimedBy(gone.node(), gone.boot())
          || chunk.claimedAt().isBefore(gone.beatAt())) {
        try {
          inDoubt += ledger.recover(chunk.id(), chunk.claims(), gone.node(), chunk.claimBoot());
          claims++;
        } catch (RuntimeException e) {
          // the node stands still in a transaction that holds the chunk: tried again next beat
          locked++;
          LOG.warning("Chunk " + chunk.id() + " could not be taken over yet: " + e);
        }
      }
    }
    int requeued = requeueUntouched(lease);
    // the lease ends once every claim is taken: until then the next beat tries the rest again
    if (locked == 0 && leases.end(gone.node(), gone.beatAt())) {
      LOG.warning(
          "Took the work of node "
              + gone.node()
              + " over: its "
              + claims
              + " claims ("
              + inDoubt
              + " recipients in doubt, the rest back in the queue) and sent "
              + requeued
              + " queued chunks new messages");
    }
  }

  /**
   * Gives the queued chunks that nothing touched for half a lease new messages, and reminds the
   * sending campaigns of their preparation: what a gone node queued, it queued before its last
   * beat. Chunks the live nodes queue meanwhile are younger; a retry that waits for its delay may
   * be sent early.
   */
  @Asynchronous
  public Future<Void> requeue(Duration lease) {
    requeueUntouched(lease);
    return new AsyncResult<>(null);
  }

  private int requeueUntouched(Duration lease) {
    Instant before = Instant.now().minus(lease.dividedBy(2));
    int requeued = 0;
    for (List<Long> page = chunks.queuedBefore(before, 1000);
        !page.isEmpty();
        page = chunks.queuedBefore(before, 1000)) {
      for (long chunkId : page) {
        ledger.resend(chunkId, before);
        requeued++;
      }
    }
    campaigns.sending().forEach(ledger::remind);
    return requeued;
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
