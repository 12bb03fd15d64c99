package org.mailhub.dispatch;

import static org.mailhub.infrastructure.Jsons.JSON;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.mailhub.campaign.Campaign;
import org.mailhub.campaign.CampaignStatus;
import org.mailhub.esp.Email;
import org.mailhub.esp.EmailGateway;
import org.mailhub.esp.Envelope;
import org.mailhub.esp.Gateways;
import org.mailhub.esp.ProviderUnavailable;
import org.mailhub.esp.SendOutcome;
import org.mailhub.preference.PreferenceLinks;
import org.mailhub.provider.Provider;
import org.mailhub.provider.ProviderSettings;
import org.mailhub.template.Personalization;
import org.mailhub.template.Template;

/**
 * Sends one chunk of a campaign: claims its queued recipients, personalises them, groups them into
 * the provider's batches and calls the gateway for each (outside any transaction), then records
 * every outcome at once. Failures that may heal go back to the queue with a growing delay until the
 * attempts run out.
 */
@ApplicationScoped
public class Dispatcher {

  private static final Logger LOG = Logger.getLogger(Dispatcher.class.getName());

  /** How often a message's sending looks whether its campaign was cancelled meanwhile. */
  private static final long CANCEL_CHECK_NANOS = Duration.ofMillis(250).toNanos();

  @Inject Ledger ledger;
  @Inject Gateways gateways;
  @Inject ProviderSettings settings;
  @Inject ProviderBreakers breakers;
  @Inject PreferenceLinks links;

  @Inject
  @ConfigProperty(name = "mailhub.dispatch.max-attempts", defaultValue = "5")
  int maxAttempts;

  @Inject
  @ConfigProperty(name = "mailhub.dispatch.retry-delay", defaultValue = "PT2S")
  Duration retryDelay;

  public void dispatch(long campaignId, List<Long> sendIds) {
    Ledger.Job job = ledger.job(campaignId);
    if (job == null || job.campaign().status() != CampaignStatus.SENDING) {
      return; // cancelled or ended: whatever is still queued was settled by that
    }
    if (job.provider() == null) {
      ledger.failCampaign(campaignId, "the campaign's provider was deleted");
      return;
    }
    Object providerSettings;
    try {
      providerSettings = settings.open(job.provider());
    } catch (RuntimeException e) {
      ledger.failCampaign(campaignId, "the provider's settings cannot be read: " + e.getMessage());
      return;
    }
    if (!sendIds.isEmpty()) {
      // one claim for the whole message: what a killed server leaves in doubt is at most this
      // message's recipients, and they are recorded as interrupted, never sent again
      List<SendRepository.Queued> claimed = ledger.claim(sendIds);
      if (!claimed.isEmpty()) {
        try {
          send(job, gateways.of(job.provider().type()), providerSettings, claimed);
        } catch (RuntimeException e) {
          // what was sent is recorded (send's finally); the rest was never handed to the
          // provider and goes back to the queue for the redelivered message
          ledger.release(claimed.stream().map(SendRepository.Queued::id).toList());
          throw e;
        }
      }
    }
    ledger.finishIfDone(campaignId);
  }

  private <S> void send(
      Ledger.Job job,
      EmailGateway<S> gateway,
      Object untyped,
      List<SendRepository.Queued> claimed) {
    S providerSettings = gateway.settingsType().cast(untyped);
    Campaign campaign = job.campaign();
    Provider provider = job.provider();
    Map<String, String> placeholders = strings(json(campaign.placeholders()));
    Envelope envelope =
        new Envelope(
            campaign.fromName() != null ? campaign.fromName() : provider.fromName(),
            provider.fromAddress(),
            provider.replyTo(),
            placeholders);
    Map<String, SendRepository.Queued> byMeta = new HashMap<>();
    List<Email> emails =
        claimed.stream()
            .map(
                q -> {
                  byMeta.put(q.meta(), q);
                  Map<String, String> profile = strings(json(q.properties()));
                  Email.Unsubscribe unsubscribe = links.forSend(provider, q.email(), q.meta());
                  Map<String, String> values = new HashMap<>(placeholders);
                  values.put(
                      Template.UNSUBSCRIBE_URL, unsubscribe == null ? "" : unsubscribe.pageUrl());
                  return new Email(
                      q.email(),
                      Personalization.subject(campaign.subject(), values, profile),
                      Personalization.html(campaign.html(), values, profile),
                      profile,
                      q.meta(),
                      unsubscribe);
                })
            .toList();

    Settlement settlement = new Settlement();
    try {
      List<List<Email>> batches = gateway.batches(providerSettings, emails);
      long lookedAt = System.nanoTime();
      for (int i = 0; i < batches.size(); i++) {
        if (System.nanoTime() - lookedAt > CANCEL_CHECK_NANOS) {
          lookedAt = System.nanoTime();
          CampaignStatus now = ledger.status(campaign.id());
          if (now == CampaignStatus.CANCELLED) {
            settlement.cancelled(rest(batches, i, byMeta));
            break;
          } else if (now != CampaignStatus.SENDING) {
            settlement.failed(rest(batches, i, byMeta), "the campaign ended: " + now);
            break;
          }
        }
        Duration open = breakers.closedIn(provider.id());
        if (!open.isZero()) {
          settlement.release(rest(batches, i, byMeta), open);
          break;
        }
        List<Email> batch = batches.get(i);
        List<Long> ids = ids(batch, byMeta);
        try {
          SendOutcome outcome = gateway.send(providerSettings, envelope, batch);
          breakers.succeeded(provider.id());
          if (outcome.accepted()) {
            settlement.sent(ids, outcome.messageId());
          } else {
            settlement.failed(ids, describe(outcome));
          }
        } catch (ProviderUnavailable e) {
          breakers.failed(provider.id());
          settlement.retry(ids, describe(e.outcome()), attempt(batch, byMeta));
        } catch (RuntimeException e) {
          LOG.log(Level.SEVERE, "Sending through provider " + provider.id() + " failed", e);
          settlement.failed(ids, "mailhub could not send: " + e);
        }
      }
    } finally {
      // what was sent is recorded even when something here fails; dispatch then releases the rest
      ledger.settle(campaign.id(), settlement, maxAttempts, this::backoff);
    }
  }

  private static List<Long> rest(
      List<List<Email>> batches, int from, Map<String, SendRepository.Queued> byMeta) {
    return ids(
        batches.subList(from, batches.size()).stream().flatMap(List::stream).toList(), byMeta);
  }

  private static List<Long> ids(List<Email> emails, Map<String, SendRepository.Queued> byMeta) {
    return emails.stream().map(e -> byMeta.get(e.meta()).id()).toList();
  }

  /** The attempt these emails were on. */
  private static int attempt(List<Email> batch, Map<String, SendRepository.Queued> byMeta) {
    return batch.stream().mapToInt(e -> byMeta.get(e.meta()).attempts()).max().orElse(1);
  }

  /** 2 s, 4 s, 8 s, … by default, at most ten minutes. */
  Duration backoff(int attempt) {
    long factor = 1L << Math.min(attempt - 1, 20);
    Duration delay = retryDelay.multipliedBy(factor);
    return delay.compareTo(Duration.ofMinutes(10)) > 0 ? Duration.ofMinutes(10) : delay;
  }

  static String describe(SendOutcome outcome) {
    StringBuilder text = new StringBuilder();
    if (outcome.status() != null) {
      text.append(outcome.status()).append(' ');
    }
    if (outcome.errorCode() != null) {
      text.append('(').append(outcome.errorCode()).append(") ");
    }
    if (outcome.detail() != null) {
      text.append(outcome.detail());
    }
    return text.toString().strip();
  }

  private static JsonObject json(String text) {
    try (var reader = JSON.createReader(new StringReader(text))) {
      return reader.readObject();
    }
  }

  /** Profile and placeholder values as text, the way templates use them. */
  static Map<String, String> strings(JsonObject object) {
    Map<String, String> values = new HashMap<>();
    object.forEach(
        (name, value) ->
            values.put(name, value instanceof JsonString s ? s.getString() : value.toString()));
    return values;
  }
}
