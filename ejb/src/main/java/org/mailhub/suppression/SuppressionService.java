package org.mailhub.suppression;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.List;
import org.mailhub.infrastructure.RequestRejected;
import org.mailhub.profile.Profile;

/** Addresses that are never mailed again. */
@Stateless
public class SuppressionService {

  @Inject SuppressionRepository suppressions;

  /** Suppresses the address; an address already suppressed keeps its first reason. */
  public SuppressionResponse add(SuppressionRequest request) {
    String email = Profile.normalize(request.email());
    return SuppressionResponse.of(
        suppressions
            .find(email)
            .orElseGet(
                () -> {
                  Suppression created =
                      new Suppression(
                          email,
                          request.reason() == null ? SuppressionReason.MANUAL : request.reason(),
                          null,
                          null);
                  suppressions.add(created);
                  return created;
                }));
  }

  public SuppressionResponse find(String email) {
    return suppressions
        .find(Profile.normalize(email))
        .map(SuppressionResponse::of)
        .orElseThrow(() -> RequestRejected.notFound(email + " is not suppressed"));
  }

  public List<SuppressionResponse> page(SuppressionReason reason, int page, int size) {
    return suppressions.page(reason, page, size).stream().map(SuppressionResponse::of).toList();
  }
}
