package org.mailhub.dispatch;

import static org.mailhub.infrastructure.Jsons.JSON;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.mailhub.campaign.Audience;
import org.mailhub.campaign.Campaign;
import org.mailhub.campaign.CampaignRepository;
import org.mailhub.campaign.CampaignStatus;
import org.mailhub.profile.ProfileRepository;
import org.mailhub.provider.ProviderRepository;
import org.mailhub.provider.ProviderSettings;

/**
 * Turns a launched campaign's audience into dispatch chunks, one chunk of profiles per transaction:
 * suppressed addresses get their SUPPRESSED send record and are never queued, the others wait in
 * dispatch chunks (one row and one JMS message per chunk, not one row per recipient), each with the
 * meta value its email will carry. Each chunk ends by asking for the next, so a campaign of any
 * size is prepared in bounded memory and resumes where it stopped after a restart.
 */
@Stateless
public class Preparation {

  @Inject CampaignRepository campaigns;
  @Inject ProfileRepository profiles;
  @Inject SendRepository sends;
  @Inject Ledger ledger;
  @Inject Messages messages;

  @Inject
  @ConfigProperty(name = "mailhub.dispatch.prepare-chunk-size", defaultValue = "2000")
  int prepareChunk;

  /**
   * Recipients per dispatch message for providers that take one email per call; batching providers
   * get one full batch per message. Small enough that a campaign spreads over all dispatch
   * sessions.
   */
  @Inject
  @ConfigProperty(name = "mailhub.dispatch.chunk-size", defaultValue = "50")
  int dispatchChunk;

  @Inject ProviderRepository providers;
  @Inject ProviderSettings providerSettings;

  public void prepareNext(long campaignId) {
    Campaign campaign = campaigns.lock(campaignId).orElse(null);
    if (campaign == null || campaign.status() != CampaignStatus.SENDING || campaign.isPrepared()) {
      return;
    }
    Audience audience = campaign.audience();
    List<ProfileRepository.Candidate> chunk =
        profiles.after(
            campaign.preparedThrough(),
            audience.type() == Audience.Type.EMAILS ? audience.emailList() : null,
            prepareChunk);
    if (chunk.isEmpty()) {
      campaign.preparationDone();
      // the campaign ends once this commits and the last recipient is final: a message with no
      // recipients makes the dispatch check, in case all were sent (or suppressed) already
      messages.check(campaignId);
      return;
    }
    List<Recipient> queued = new ArrayList<>();
    for (ProfileRepository.Candidate profile : chunk) {
      if (audience.type() == Audience.Type.PROPERTY
          && !audience.matches(text(json(profile.properties()).get(audience.property())))) {
        continue;
      }
      if (profile.suppressed()) {
        sends.add(
            SendRecord.suppressed(
                campaignId, campaign.providerId(), profile.id(), profile.email()));
      } else {
        queued.add(new Recipient(profile.id(), profile.email(), SendRecord.newMeta()));
      }
    }
    campaign.preparedThrough(chunk.get(chunk.size() - 1).id());
    ledger.queue(campaignId, queued, Math.max(dispatchChunk, batchSize(campaign.providerId())));
    messages.prepare(campaignId);
  }

  private int batchSize(long providerId) {
    try {
      return providers.find(providerId).map(providerSettings::batchSize).orElse(1);
    } catch (IllegalStateException unreadable) {
      return 1; // the dispatch reports the unreadable settings
    }
  }

  private static JsonObject json(String text) {
    try (var reader = JSON.createReader(new StringReader(text))) {
      return reader.readObject();
    }
  }

  private static String text(JsonValue value) {
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    return value instanceof JsonString s ? s.getString() : value.toString();
  }
}
