package org.mailhub.esp;

import java.util.List;
import java.util.Set;

/**
 * A provider's gateway with its settings, opened once into the gateway's own settings type: what
 * dispatch and test emails call, with no cast at the call site.
 */
public record Bound<S>(EmailGateway<S> gateway, S settings) {

  /** Binds settings read for this gateway; fails when they are of another type. */
  public static <S> Bound<S> of(EmailGateway<S> gateway, Object settings) {
    return new Bound<>(gateway, gateway.settingsType().cast(settings));
  }

  public List<List<Email>> batches(List<Email> emails) {
    return gateway.batches(settings, emails);
  }

  public int batchSize() {
    return gateway.batchSize(settings);
  }

  public Set<String> campaignPlaceholders() {
    return gateway.campaignPlaceholders(settings);
  }

  public List<String> warnings(org.mailhub.provider.PreferenceCenter.Mode preferences) {
    return gateway.warnings(settings, preferences);
  }

  public SendOutcome send(Envelope envelope, List<Email> emails) {
    return gateway.send(settings, envelope, emails);
  }
}
