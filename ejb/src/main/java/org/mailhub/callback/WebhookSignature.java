package org.mailhub.callback;

import org.mailhub.provider.ProviderType;

/**
 * How one ESP proves that a webhook is its own: a signature over the body (and a timestamp or
 * token) with a key from the provider's settings. Implementations live in {@code
 * org.mailhub.esp.<vendor>} beside the type's {@link WebhookParser}, are CDI beans and are found by
 * {@link #type()}. A type without one relies on the unguessable callback URL and the provider's
 * optional Basic credentials.
 *
 * @param <S> the provider type's settings record, the gateway's
 */
public interface WebhookSignature<S> {

  ProviderType type();

  Class<S> settingsType();

  /**
   * Checks the webhook before anything in it is read, with the provider's settings (secrets in
   * clear).
   *
   * @throws WebhookRefused when it is unsigned, signed with another key, too old, or a replay
   */
  void verify(S settings, WebhookRequest request);
}
