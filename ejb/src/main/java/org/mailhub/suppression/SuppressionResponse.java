package org.mailhub.suppression;

import java.time.Instant;

public record SuppressionResponse(
    String email, SuppressionReason reason, Long providerId, Long campaignId, Instant createdAt) {

  static SuppressionResponse of(Suppression s) {
    return new SuppressionResponse(
        s.email(), s.reason(), s.providerId(), s.campaignId(), s.createdAt());
  }
}
