package org.mailhub.esp;

import java.util.List;
import java.util.Set;
import org.mailhub.infrastructure.RequestRejected.FieldError;
import org.mailhub.provider.PreferenceCenter;
import org.mailhub.provider.ProviderType;

/**
 * One ESP's send side. Implementations live in {@code org.mailhub.esp.<vendor>}, are CDI beans and
 * are found by {@link #type()} through {@link Gateways}.
 *
 * @param <S> the provider type's settings, a record read from the provider's settings JSON and
 *     checked with Bean Validation
 */
public interface EmailGateway<S> {

  /**
   * The OpenAPI extension that marks a setting as a secret (one of {@link #secretFields}) in its
   * {@code @Schema}: the document describes it as write-only.
   */
  String SECRET = "x-secret";

  ProviderType type();

  Class<S> settingsType();

  /** JSON pointers of the settings that are secrets: stored encrypted, never shown in clear. */
  Set<String> secretFields();

  /**
   * The secret fields of these settings (as stored or requested JSON): the fixed ones, and those
   * the settings themselves make secret (such as an HTTP API's {@code Authorization} header).
   */
  default Set<String> secretFields(jakarta.json.JsonObject settings) {
    return secretFields();
  }

  /**
   * Where the settings send their secrets (endpoint, or host, port and security): when it changes,
   * the secrets must be given again, so that no stored key follows a provider to another server.
   */
  default String connection(S settings) {
    return destinations(settings).toString();
  }

  /** Problems with the settings that Bean Validation annotations cannot express. */
  default List<FieldError> check(S settings) {
    return List.of();
  }

  /**
   * Problems with the settings, including those with the provider's From address (which may be
   * missing or invalid: the request's own validation names it then).
   */
  default List<FieldError> check(S settings, String fromAddress) {
    return check(settings);
  }

  /**
   * The hosts the settings make mailhub call, by the name of their setting ({@code endpoint},
   * {@code host}): they must be on the internet (see {@link Destinations}).
   */
  default java.util.Map<String, String> destinations(S settings) {
    return java.util.Map.of();
  }

  /**
   * The campaign-level {@code $$name} placeholders the settings use; campaigns give their values.
   */
  default Set<String> campaignPlaceholders(S settings) {
    return Set.of();
  }

  /**
   * What the settings allow but a person should know about, in sentences (e.g. a template that
   * gives callbacks nothing to link their events by); saving goes ahead.
   */
  default List<String> warnings(S settings, PreferenceCenter.Mode preferences) {
    return List.of();
  }

  /** How many emails one call to {@link #send} may carry. */
  default int batchSize(S settings) {
    return 1;
  }

  /**
   * The emails grouped into the calls that will carry them, each at most {@link #batchSize} long
   * and in the original order. Gateways whose calls share values between recipients group the
   * emails that share them.
   */
  default List<List<Email>> batches(S settings, List<Email> emails) {
    return partition(emails, batchSize(settings));
  }

  static List<List<Email>> partition(List<Email> emails, int size) {
    List<List<Email>> batches = new java.util.ArrayList<>();
    for (int from = 0; from < emails.size(); from += size) {
      batches.add(emails.subList(from, Math.min(from + size, emails.size())));
    }
    return batches;
  }

  /**
   * Sends the emails (at most {@link #batchSize}) in one call to the provider.
   *
   * @return whether the provider accepted them, with its message id or its error
   * @throws ProviderUnavailable when the failure may heal (5xx, timeout, refused connection, SMTP
   *     4xx): worth retrying later
   */
  SendOutcome send(S settings, Envelope envelope, List<Email> emails);
}
