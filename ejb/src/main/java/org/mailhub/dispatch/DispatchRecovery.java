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
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Settles claims that no dispatch holds any more, at start and every minute: those of this node's
 * earlier starts (killed, or stopped before their calls ended), and those of this start whose
 * dispatch gave up (its records could not be written) a minute ago or more. The call that was in
 * flight ends IN_DOUBT and is never sent again; the recipients of the calls that never started go
 * back to the queue. Claims of other nodes are left to them. A queued chunk whose message was lost
 * (parked on the dead-letter queue after a long database outage) gets a new one after half an hour.
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
    for (long chunkId : chunks.queuedBefore(Instant.now().minus(FORGOTTEN), 1000)) {
      ledger.resend(chunkId);
    }
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
          int inDoubt = ledger.recover(chunk.id(), chunk.claims(), node.name());
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
