package org.mailhub.suppression;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.List;
import org.mailhub.infrastructure.Csv;
import org.mailhub.infrastructure.Page;
import org.mailhub.infrastructure.RequestRejected;
import org.mailhub.profile.Profile;
import org.mailhub.profile.ProfileRules;

/** Addresses that are never mailed again. */
@Stateless
public class SuppressionService {

  @Inject SuppressionRepository suppressions;

  /** Suppresses the address; an address already suppressed keeps its first reason. */
  public SuppressionResponse add(SuppressionRequest request) {
    // the same rule as for profiles, stricter than the request's @Email (which takes x@localhost)
    String problem = ProfileRules.emailProblem(request.email());
    if (problem != null) {
      throw RequestRejected.invalid("email", problem);
    }
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
    return (ProfileRules.unstorable(email)
            ? java.util.Optional.<Suppression>empty()
            : suppressions.find(Profile.normalize(email)))
        .map(SuppressionResponse::of)
        .orElseThrow(() -> RequestRejected.notFound(email + " is not suppressed"));
  }

  /**
   * A page of the suppressions, newest first: those whose address contains {@code search} and of
   * this {@code reason}, each filter only when not null.
   */
  public Page<SuppressionResponse> page(
      String search, SuppressionReason reason, int page, int size) {
    if (ProfileRules.unstorable(search)) {
      return new Page<>(List.of(), page, size, 0);
    }
    return new Page<>(list(search, reason, page, size), page, size, count(search, reason));
  }

  /** {@link #page} without the total, for callers that count once for many pages. */
  public List<SuppressionResponse> list(
      String search, SuppressionReason reason, int page, int size) {
    return suppressions.page(search, reason, page, size).stream()
        .map(SuppressionResponse::of)
        .toList();
  }

  /** How many suppressions {@link #page} pages through. */
  public long count(String search, SuppressionReason reason) {
    return suppressions.count(search, reason);
  }

  /** Resubscribes the address; the lifted suppression is kept in the audit trail. */
  public void remove(String email) {
    Suppression suppression =
        (ProfileRules.unstorable(email)
                ? java.util.Optional.<Suppression>empty()
                : suppressions.find(Profile.normalize(email)))
            .orElseThrow(() -> RequestRejected.notFound(email + " is not suppressed"));
    suppressions.remove(suppression);
  }

  /** Writes every suppression as CSV, a page at a time. */
  public void exportCsv(java.io.Writer out) {
    try {
      var csv = Csv.printer(out, "email", "reason", "providerId", "campaignId", "createdAt");
      suppressions.forEach(
          s -> {
            try {
              Csv.row(
                  csv, s.email(), s.reason().name(), s.providerId(), s.campaignId(), s.createdAt());
            } catch (java.io.IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          });
      csv.flush();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
