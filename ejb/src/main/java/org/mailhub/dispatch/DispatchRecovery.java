package org.mailhub.dispatch;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;

/**
 * After a restart, recipients that were being handed to a provider when mailhub stopped cannot tell
 * whether the provider got them. They are recorded as failed rather than sent again: nobody
 * receives a campaign twice, and the campaign can finish.
 */
@Singleton
@Startup
public class DispatchRecovery {

  private static final Logger LOG = Logger.getLogger(DispatchRecovery.class.getName());
  static final String INTERRUPTED =
      "interrupted: mailhub stopped while the provider was being called; not retried, so that"
          + " nobody receives the email twice";

  @Inject SendRepository sends;
  @Inject Messages messages;

  @PostConstruct
  void failInterruptedSends() {
    Instant started = Instant.now();
    for (long campaignId : sends.interrupted(started)) {
      int failed = sends.failInterrupted(campaignId, started, INTERRUPTED);
      messages.dispatch(campaignId, List.of(), Duration.ZERO);
      LOG.warning(failed + " sends of campaign " + campaignId + " were interrupted by a stop");
    }
  }
}
