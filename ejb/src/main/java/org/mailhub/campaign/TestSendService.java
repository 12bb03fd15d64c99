package org.mailhub.campaign;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.mailhub.esp.Email;
import org.mailhub.esp.Envelope;
import org.mailhub.esp.UnsubscribeLinks;
import org.mailhub.infrastructure.Jsons;
import org.mailhub.infrastructure.RequestRejected;
import org.mailhub.infrastructure.RequestRejected.FieldError;
import org.mailhub.profile.ProfileRepository;
import org.mailhub.provider.Provider;
import org.mailhub.provider.ProviderRepository;
import org.mailhub.provider.ProviderService;

/**
 * Sends a campaign's own subject and HTML to a few addresses before it is launched, the way its
 * recipients will get it. A test leaves no trace: no send records, so no statistics; its meta marks
 * it as a test, so callbacks about it are not recorded and its unsubscribe link unsubscribes
 * nobody; suppressions are neither looked up nor made, and the provider's breaker is bypassed.
 */
@Stateless
public class TestSendService {

  public static final int MAX_ADDRESSES = 5;

  @Inject CampaignService campaigns;
  @Inject ProviderRepository providers;
  @Inject ProviderService providerService;
  @Inject ProfileRepository profiles;
  @Inject UnsubscribeLinks links;
  @Inject Validator validator;

  /** What a test sends: a campaign's content, as saved or as its form shows it. */
  public record Content(
      Long providerId,
      String subject,
      String fromName,
      String html,
      Map<String, String> placeholders) {}

  /** Sends the saved campaign's content, whatever its status. */
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public List<TestSendResult> send(long campaignId, TestSendRequest request) {
    CampaignResponse c = campaigns.get(campaignId);
    return send(
        new Content(c.providerId(), c.subject(), c.fromName(), c.html(), c.placeholders()),
        request);
  }

  /**
   * Sends one email per address, one after the other, each with the provider's answer. Runs outside
   * a transaction: a provider may take seconds to answer.
   */
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public List<TestSendResult> send(Content content, TestSendRequest request) {
    List<FieldError> errors = new ArrayList<>();
    validator
        .validate(request)
        .forEach(
            v ->
                errors.add(
                    new FieldError(
                        v.getPropertyPath().toString().replace(".<list element>", ""),
                        v.getMessage())));
    if (blank(content.subject())) {
      errors.add(new FieldError("subject", "is required"));
    }
    if (blank(content.html())) {
      errors.add(new FieldError("html", "is required"));
    }
    Provider provider = provider(content.providerId(), errors);
    Map<String, String> profile =
        errors.stream().anyMatch(e -> e.field().equals("profile"))
            ? Map.of()
            : profile(request, errors);
    Map<String, String> placeholders = given(content.placeholders());
    if (provider != null && errors.isEmpty()) {
      Set<String> missing =
          campaigns.placeholderNames(provider.id(), content.subject(), content.html()).stream()
              .filter(name -> !placeholders.containsKey(name))
              .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
      if (!missing.isEmpty()) {
        errors.add(
            new FieldError(
                "placeholders",
                "missing values for "
                    + missing.stream().map(name -> "$$" + name).collect(Collectors.joining(", "))));
      }
    }
    if (!errors.isEmpty()) {
      errors.sort(Comparator.comparing(FieldError::field));
      throw RequestRejected.invalid(errors);
    }
    Envelope envelope =
        new Envelope(
            blank(content.fromName()) ? provider.fromName() : content.fromName(),
            provider.fromAddress(),
            provider.replyTo(),
            placeholders,
            // a test, like a provider's test email: Postmark's transactional stream, its own
            // List-Id
            Envelope.Source.testEmail(provider.id()));
    List<TestSendResult> results = new ArrayList<>();
    for (String to : request.to().stream().map(String::strip).distinct().toList()) {
      String meta = ProviderService.testMeta();
      Email email =
          Email.personalised(
              to,
              content.subject(),
              content.html(),
              placeholders,
              profile,
              meta,
              links.forSend(provider, to, meta));
      results.add(TestSendResult.of(to, providerService.sendTest(provider, envelope, email)));
    }
    return results;
  }

  /** The provider the campaign goes through: its own, or the default one. */
  private Provider provider(Long id, List<FieldError> errors) {
    if (id != null) {
      Provider provider = providers.find(id).orElse(null);
      if (provider == null) {
        errors.add(new FieldError("providerId", "there is no provider " + id));
      }
      return provider;
    }
    return providers
        .findDefault()
        .orElseThrow(
            () -> RequestRejected.conflict("NO_PROVIDER", "There is no provider to send through"));
  }

  /** The profile's properties, with the given values over them. */
  private Map<String, String> profile(TestSendRequest request, List<FieldError> errors) {
    Map<String, String> values = new HashMap<>();
    if (!blank(request.profile())) {
      profiles
          .findByEmail(request.profile().strip())
          .ifPresentOrElse(
              p -> values.putAll(Jsons.texts(p.properties())),
              () ->
                  errors.add(
                      new FieldError("profile", "there is no profile " + request.profile())));
    }
    values.putAll(given(request.properties()));
    return values;
  }

  /** The values given, without nulls. */
  private static Map<String, String> given(Map<String, String> values) {
    Map<String, String> given = new HashMap<>();
    if (values != null) {
      values.forEach(
          (name, value) -> {
            if (name != null && value != null) {
              given.put(name, value);
            }
          });
    }
    return given;
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }
}
