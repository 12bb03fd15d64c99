package org.mailhub.dispatch;

import static org.mailhub.infrastructure.Jsons.JSON;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.mailhub.campaign.Campaign;
import org.mailhub.campaign.CampaignStatus;
import org.mailhub.preference.PreferenceLinks;
import org.mailhub.provider.Provider;
import org.mailhub.provider.ProviderSettings;
import org.mailhub.template.Personalization;
import org.mailhub.template.Template;

/**
 * Sends one chunk of a campaign: personalises each queued recipient, groups them into the
 * provider's batches, and for each batch claims the recipients, calls the gateway (outside any
 * transaction) and records the outcome. Failures that may heal go back to the queue with a growing
 * delay until the attempts run out.
 */
@ApplicationScoped
public class Dispatcher {

  private static final Logger LOG = Logger.getLogger(Dispatcher.class.getName());

  @Inject Ledger ledger;
  @Inject Gateways gateways;
  @Inject ProviderSettings settings;
  @Inject ProviderBreakers breakers;
  @Inject Messages messages;
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
      send(job, gateways.of(job.provider().type()), providerSettings, ledger.queued(sendIds));
    }
    ledger.finishIfDone(campaignId);
  }

  private <S> void send(
      Ledger.Job job, EmailGateway<S> gateway, Object untyped, List<SendRepository.Queued> queued) {
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
        queued.stream()
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

    List<List<Email>> batches = gateway.batches(providerSettings, emails);
    for (int i = 0; i < batches.size(); i++) {
      Duration open = breakers.closedIn(provider.id());
      if (!open.isZero()) {
        List<Long> rest =
            batches.subList(i, batches.size()).stream()
                .flatMap(List::stream)
                .map(e -> byMeta.get(e.meta()).id())
                .toList();
        messages.dispatch(campaign.id(), rest, open);
        return;
      }
      List<Long> claimed =
          ledger.claim(batches.get(i).stream().map(e -> byMeta.get(e.meta()).id()).toList());
      if (claimed.isEmpty()) {
        continue;
      }
      Set<Long> claimedIds = new HashSet<>(claimed);
      List<Email> batch =
          batches.get(i).stream()
              .filter(e -> claimedIds.contains(byMeta.get(e.meta()).id()))
              .toList();
      try {
        SendOutcome outcome = gateway.send(providerSettings, envelope, batch);
        breakers.succeeded(provider.id());
        if (outcome.accepted()) {
          ledger.sent(claimed, outcome.messageId());
        } else {
          ledger.failed(claimed, describe(outcome));
        }
      } catch (ProviderUnavailable e) {
        retry(campaign.id(), provider.id(), claimed, describe(e.outcome()), byMeta, batch);
      } catch (FaultToleranceException e) {
        retry(
            campaign.id(),
            provider.id(),
            claimed,
            "provider call stopped: " + e.getMessage(),
            byMeta,
            batch);
      } catch (RuntimeException e) {
        LOG.log(Level.SEVERE, "Sending through provider " + provider.id() + " failed", e);
        ledger.failed(claimed, "mailhub could not send: " + e);
      }
    }
  }

  private void retry(
      long campaignId,
      long providerId,
      List<Long> claimed,
      String error,
      Map<String, SendRepository.Queued> byMeta,
      List<Email> batch) {
    breakers.failed(providerId);
    List<Long> again = ledger.retryOrFail(claimed, error, maxAttempts);
    if (!again.isEmpty()) {
      int attempt =
          batch.stream().mapToInt(e -> byMeta.get(e.meta()).attempts() + 1).max().orElse(1);
      messages.dispatch(campaignId, again, backoff(attempt));
    }
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
