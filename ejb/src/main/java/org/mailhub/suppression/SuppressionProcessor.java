package org.mailhub.suppression;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.mailhub.callback.DeliveryEventRepository;
import org.mailhub.callback.Reported;
import org.mailhub.dispatch.AddressRejected;

/**
 * Where reports become suppressions ("channel unsubscribed"): each report whose receipt names a
 * reason (hard bounces, drops, invalid addresses, spam complaints, unsubscribes, and what the ESP
 * says more, such as Postmark's Blocked or Inactive), soft bounces once {@code
 * mailhub.suppression.soft-bounce-limit} of them come in a row, and addresses an SMTP server
 * refused at send time.
 */
@ApplicationScoped
public class SuppressionProcessor {

  @Inject SuppressionRepository suppressions;
  @Inject DeliveryEventRepository events;

  @Inject
  @ConfigProperty(name = "mailhub.suppression.soft-bounce-limit", defaultValue = "3")
  int softBounceLimit;

  void onReported(@Observes Reported reported) {
    Reported.Receipt receipt = reported.receipt();
    if (reported instanceof Reported.Unsubscribed unsubscribed && unsubscribed.preferenceCenter()) {
      suppress(receipt, SuppressionReason.PREFERENCE_CENTER);
    } else if (receipt.suppression() != null) {
      suppress(receipt, receipt.suppression());
    }
  }

  /**
   * After the event log took this bounce (which observes at the default priority), so that the run
   * read back from the log includes it.
   */
  void onSoftBounce(
      @Observes @Priority(Interceptor.Priority.APPLICATION + 900) Reported.Bounced bounced) {
    Reported.Receipt receipt = bounced.receipt();
    if (!bounced.hard()
        && receipt.suppression() == null
        && softBounceLimit > 0
        && SoftBounces.reachLimit(
            events.latestOfTypes(receipt.email(), SoftBounces.COUNTED, softBounceLimit),
            softBounceLimit)) {
      suppress(receipt, SuppressionReason.SOFT_BOUNCES);
    }
  }

  /**
   * After the refused send is recorded, in a transaction of its own: a suppression of the same
   * address that commits at the same moment must not undo the record (which would leave the
   * recipient in doubt).
   */
  @jakarta.transaction.Transactional(jakarta.transaction.Transactional.TxType.REQUIRES_NEW)
  void onAddressRejected(
      @Observes(during = jakarta.enterprise.event.TransactionPhase.AFTER_SUCCESS)
          AddressRejected rejected) {
    suppressions.addIfAbsent(
        new Suppression(
            rejected.email(),
            SuppressionReason.ADDRESS_REJECTED,
            rejected.providerId(),
            rejected.campaignId()));
  }

  private void suppress(Reported.Receipt receipt, SuppressionReason reason) {
    suppressions.addIfAbsent(
        new Suppression(receipt.email(), reason, receipt.providerId(), receipt.campaignId()));
  }
}
