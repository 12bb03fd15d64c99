package org.mailhub.dispatch;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.logging.Logger;
import org.mailhub.campaign.CampaignRepository;

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
  @Inject CampaignRepository campaigns;

  @PostConstruct
  void failInterruptedSends() {
    Instant started = Instant.now();
    for (Object[] row : sends.interrupted(started)) {
      long campaignId = (Long) row[0];
      int failed = sends.failInterrupted(campaignId, started, INTERRUPTED);
      campaigns.count(campaignId, 0, failed);
      campaigns.finishIfDone(campaignId);
      LOG.warning(failed + " sends of campaign " + campaignId + " were interrupted by a stop");
    }
  }
}
