package org.mailhub.stats;

import java.time.Instant;
import org.mailhub.callback.DeliveryEvent;
import org.mailhub.campaign.CampaignService.SendResponse;

/**
 * One of a campaign's errors: an email the provider refused at send time ({@code type} {@value
 * #REFUSED}, with the provider's answer and the attempts), or a failure the provider reported
 * afterwards ({@code type} the event's: HARD_BOUNCE, SOFT_BOUNCE, DROPPED, INVALID, SPAM,
 * UNSUBSCRIBED, with the provider's description or reason).
 */
public record ErrorResponse(
    Long sendId, String email, String type, String description, Integer attempts, Instant at) {

  public static final String REFUSED = "REFUSED";

  static ErrorResponse refused(SendResponse send) {
    return new ErrorResponse(
        send.id(), send.email(), REFUSED, send.error(), send.attempts(), send.updatedAt());
  }

  static ErrorResponse reported(DeliveryEvent event) {
    return new ErrorResponse(
        event.sendId(),
        event.email(),
        event.type().name(),
        event.description(),
        null,
        event.occurredAt());
  }
}
