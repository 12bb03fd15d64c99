package org.mailhub.suppression;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.mailhub.callback.Reported;

/**
 * Where bounces, complaints and unsubscribes become suppressions ("channel unsubscribed"): hard
 * bounces, spam complaints and unsubscribes do, soft bounces never.
 */
@ApplicationScoped
public class SuppressionProcessor {

  @Inject SuppressionRepository suppressions;

  void onBounced(@Observes Reported.Bounced bounced) {
    if (bounced.hard()) {
      suppress(bounced.receipt(), SuppressionReason.HARD_BOUNCE);
    }
  }

  void onComplained(@Observes Reported.Complained complained) {
    suppress(complained.receipt(), SuppressionReason.SPAM_COMPLAINT);
  }

  void onUnsubscribed(@Observes Reported.Unsubscribed unsubscribed) {
    suppress(
        unsubscribed.receipt(),
        unsubscribed.preferenceCenter()
            ? SuppressionReason.PREFERENCE_CENTER
            : SuppressionReason.UNSUBSCRIBED);
  }

  private void suppress(Reported.Receipt receipt, SuppressionReason reason) {
    suppressions.addIfAbsent(
        new Suppression(receipt.email(), reason, receipt.providerId(), receipt.campaignId()));
  }
}
