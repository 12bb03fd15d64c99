package org.mailhub.callback;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Keeps the event log per send, which statistics and each send's latest outcome are counted from.
 */
@ApplicationScoped
public class DeliveryLogProcessor {

  @Inject DeliveryEventRepository events;

  void onReported(@Observes Reported reported) {
    Reported.Receipt receipt = reported.receipt();
    events.add(
        new DeliveryEvent(
            receipt.key(),
            receipt.providerId(),
            receipt.send() == null ? null : receipt.send().id(),
            receipt.campaignId(),
            receipt.email(),
            receipt.type(),
            receipt.description(),
            receipt.at()));
  }
}
