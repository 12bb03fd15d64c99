package org.mailhub.preference;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.mailhub.callback.DeliveryEventType;
import org.mailhub.callback.Reported;
import org.mailhub.dispatch.SendRecord;
import org.mailhub.dispatch.SendRepository;
import org.mailhub.suppression.Suppression;
import org.mailhub.suppression.SuppressionReason;
import org.mailhub.suppression.SuppressionRepository;

/**
 * What recipients do with the links in their emails: see whether they are subscribed, unsubscribe
 * (exactly as if the ESP had reported it, with reason PREFERENCE_CENTER), and resubscribe when the
 * suppression was their own doing.
 */
@Stateless
public class PreferenceService {

  /**
   * Suppressions a recipient may lift themselves; never bounces, complaints or the marketer's own.
   */
  static final Set<SuppressionReason> OWN =
      Set.of(SuppressionReason.PREFERENCE_CENTER, SuppressionReason.UNSUBSCRIBED);

  /** Where an address stands. {@code test} links come from test emails and change nothing. */
  public record Standing(String email, boolean test, Suppression suppression) {
    public boolean subscribed() {
      return suppression == null;
    }
  }

  public enum Outcome {
    UNSUBSCRIBED,
    ALREADY_UNSUBSCRIBED,
    RESUBSCRIBED,
    NOT_UNSUBSCRIBED,
    CANNOT_RESUBSCRIBE,
    TEST_EMAIL
  }

  @Inject PreferenceLinks links;
  @Inject SendRepository sends;
  @Inject SuppressionRepository suppressions;
  @Inject Event<Reported> reported;

  /** The recipient's standing, or empty for a forged, altered or unknown link. */
  public Optional<Standing> standing(String token) {
    Optional<String> meta = links.verify(token);
    if (meta.isEmpty()) {
      return Optional.empty();
    }
    if (meta.get().startsWith("test-")) {
      return Optional.of(new Standing(null, true, null));
    }
    return send(meta.get())
        .map(
            send ->
                new Standing(send.email(), false, suppressions.find(send.email()).orElse(null)));
  }

  /** Unsubscribes the link's recipient; empty for an invalid link. */
  public Optional<Outcome> unsubscribe(String token) {
    return standing(token)
        .map(
            standing -> {
              if (standing.test()) {
                return Outcome.TEST_EMAIL;
              }
              if (!standing.subscribed()) {
                return Outcome.ALREADY_UNSUBSCRIBED;
              }
              SendRecord send = send(links.verify(token).orElseThrow()).orElseThrow();
              Instant now = Instant.now();
              reported.fire(
                  new Reported.Unsubscribed(
                      new Reported.Receipt(
                          send.providerId(),
                          send,
                          send.email(),
                          DeliveryEventType.UNSUBSCRIBED,
                          now,
                          "preference center",
                          Reported.Receipt.key(
                              send.providerId(), send, "preference|" + send.meta() + "|" + now)),
                      true));
              return Outcome.UNSUBSCRIBED;
            });
  }

  /**
   * Resubscribes the link's recipient if the suppression was their own; empty for an invalid link.
   */
  public Optional<Outcome> resubscribe(String token) {
    return standing(token)
        .map(
            standing -> {
              if (standing.test()) {
                return Outcome.TEST_EMAIL;
              }
              if (standing.subscribed()) {
                return Outcome.NOT_UNSUBSCRIBED;
              }
              if (!OWN.contains(standing.suppression().reason())) {
                return Outcome.CANNOT_RESUBSCRIBE;
              }
              suppressions.remove(standing.suppression());
              return Outcome.RESUBSCRIBED;
            });
  }

  private Optional<SendRecord> send(String meta) {
    return sends.byMetas(java.util.List.of(meta)).stream().findFirst();
  }
}
