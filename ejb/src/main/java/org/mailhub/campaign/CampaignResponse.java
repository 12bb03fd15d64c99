package org.mailhub.campaign;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.mailhub.dispatch.SendStatus;

/** A campaign with its live counts. */
public record CampaignResponse(
    Long id,
    String name,
    Long providerId,
    CampaignStatus status,
    Counts counts,
    String subject,
    String fromName,
    String html,
    Map<String, String> placeholders,
    AudienceView audience,
    String failure,
    Instant createdAt,
    Instant launchedAt,
    Instant finishedAt,
    @Schema(
            description =
                "The times the campaign moved to a backup provider, oldest first (always present,"
                    + " often empty): message says \"failed over from X to Y: ...\", and"
                    + " authentication is true when X refused mailhub's credentials.")
        List<FailoverView> failovers,
    @Schema(
            description =
                "Where the mail went: per provider that sent or refused any of the campaign's"
                    + " emails, how many it took (sent), refused (failed) or may have taken"
                    + " (inDoubt). One entry unless the campaign failed over.")
        List<ProviderCounts> providers,
    @Schema(
            description =
                "While the campaign is sending through a provider with a rate limit (its own, or"
                    + " the backup it failed over to): when its waiting recipients will have been"
                    + " sent at that limit (as if it had the provider to itself); null otherwise.")
        Instant expectedFinishAt) {

  /** The campaign moved from one provider to its backup. */
  public record FailoverView(
      long fromProviderId,
      long toProviderId,
      String message,
      String reason,
      boolean authentication,
      Instant at) {}

  /** What one provider did with the campaign's emails. */
  public record ProviderCounts(
      long providerId, String nickname, long sent, long failed, long inDoubt) {}

  /**
   * targeted = queued + sent + failed + suppressed + cancelled + inDoubt once the audience is
   * prepared; queued counts what is waiting or being handed to the provider right now; inDoubt
   * counts recipients whose provider call may or may not have reached the provider (never sent
   * again; the provider's first event about one makes it sent).
   */
  public record Counts(
      long targeted,
      long queued,
      long sent,
      long failed,
      long suppressed,
      long cancelled,
      long inDoubt) {

    static Counts of(Map<SendStatus, Long> byStatus) {
      long queued =
          byStatus.getOrDefault(SendStatus.QUEUED, 0L)
              + byStatus.getOrDefault(SendStatus.SENDING, 0L);
      return new Counts(
          byStatus.values().stream().mapToLong(Long::longValue).sum(),
          queued,
          byStatus.getOrDefault(SendStatus.SENT, 0L),
          byStatus.getOrDefault(SendStatus.FAILED, 0L),
          byStatus.getOrDefault(SendStatus.SUPPRESSED, 0L),
          byStatus.getOrDefault(SendStatus.CANCELLED, 0L),
          byStatus.getOrDefault(SendStatus.IN_DOUBT, 0L));
    }
  }

  public record AudienceView(
      Audience.Type type, List<String> emails, String property, String value) {}
}
