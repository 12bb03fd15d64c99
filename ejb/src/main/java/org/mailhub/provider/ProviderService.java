package org.mailhub.provider;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.validation.Validator;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.mailhub.campaign.CampaignRepository;
import org.mailhub.esp.CallFailure;
import org.mailhub.esp.Email;
import org.mailhub.esp.Envelope;
import org.mailhub.esp.SendOutcome;
import org.mailhub.infrastructure.BasicCredentials;
import org.mailhub.infrastructure.Page;
import org.mailhub.infrastructure.RequestRejected;
import org.mailhub.infrastructure.RequestRejected.FieldError;

/**
 * Manages email providers. Exactly one provider is the default: the first one created becomes it,
 * marking another moves it, and the default cannot be deleted while other providers exist.
 */
@Stateless
public class ProviderService {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final java.util.regex.Pattern CALLBACK_TOKEN =
      java.util.regex.Pattern.compile("[A-Za-z0-9_-]{32}");

  @Inject ProviderRepository providers;
  @Inject ProviderSettings settings;
  @Inject Validator validator;
  @Inject CampaignRepository campaigns;
  @Inject SecretBox box;
  @Inject org.mailhub.esp.UnsubscribeLinks links;

  @Inject
  @ConfigProperty(name = "mailhub.public-url", defaultValue = "http://localhost:8080")
  String publicUrl;

  public List<ProviderResponse> list() {
    return providers.list().stream().map(this::view).toList();
  }

  /** A page of the providers, by nickname. */
  public Page<ProviderResponse> page(int page, int size) {
    return new Page<>(
        providers.page(page, size).stream().map(this::view).toList(),
        page,
        size,
        providers.count());
  }

  public ProviderResponse get(long id) {
    return view(find(id));
  }

  /**
   * The campaign-level placeholders (e.g. {@code hid} for {@code $$hid}) the provider's template
   * uses: campaigns and test emails through it give their values.
   */
  public java.util.Set<String> campaignPlaceholders(long id) {
    return settings.campaignPlaceholders(find(id));
  }

  public ProviderResponse create(ProviderRequest request) {
    return create(request, randomToken());
  }

  /**
   * Creates the provider with a callback token that {@link #newCallbackToken()} made, so that the
   * add form can show the callback URL before saving: the URL shown is the one that works.
   */
  public ProviderResponse create(ProviderRequest request, String callbackToken) {
    if (callbackToken == null || !CALLBACK_TOKEN.matcher(callbackToken).matches()) {
      throw new IllegalArgumentException("not a callback token made by newCallbackToken()");
    }
    Object accepted = validate(request, null);
    requireFreeNickname(request.nickname(), null);
    if (providers.findByCallbackToken(callbackToken).isPresent()) {
      throw RequestRejected.conflict(
          "CALLBACK_TOKEN_TAKEN",
          "This callback URL belongs to another provider already: open the form again");
    }
    Provider provider =
        new Provider(request.type(), callbackToken, details(request), settings.seal(accepted));
    protectCallbacks(provider, request.callbackAuth());
    provider.limitRate(rateLimit(request.rateLimit()));
    List<Provider> all = providers.lockAll();
    if (all.isEmpty()) {
      provider.markDefault();
    }
    providers.add(provider);
    backUp(provider, request.backupProviderId(), all);
    return view(provider);
  }

  /**
   * A callback token for a provider about to be added, with {@link #callbackUrl(String)}: the add
   * form shows the URL before saving and creates the provider with the token.
   */
  public String newCallbackToken() {
    return randomToken();
  }

  /** The callback URL that a provider with this token has. */
  public String callbackUrl(String callbackToken) {
    String base =
        publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    return base + "/callbacks/" + callbackToken;
  }

  /**
   * The meta value of a test email: callbacks about it are not recorded, and its unsubscribe link
   * unsubscribes nobody.
   */
  public static String testMeta() {
    return "test-" + randomToken();
  }

  public ProviderResponse update(long id, ProviderRequest request) {
    Provider provider = find(id);
    Object accepted = validate(request, provider);
    requireFreeNickname(request.nickname(), provider);
    provider.update(details(request), settings.seal(accepted));
    protectCallbacks(provider, request.callbackAuth());
    backUp(provider, request.backupProviderId(), providers.lockAll());
    provider.limitRate(rateLimit(request.rateLimit()));
    return view(provider);
  }

  public ProviderResponse markDefault(long id) {
    Provider target = find(id);
    providers.lockAll().forEach(Provider::unmarkDefault);
    target.markDefault();
    return view(target);
  }

  public void delete(long id) {
    Provider provider = find(id);
    if (campaigns.anySendingThrough(id)) {
      throw RequestRejected.conflict(
          "PROVIDER_IN_USE",
          "Campaigns are being sent through " + provider.nickname() + "; cancel them first");
    }
    List<Provider> all = providers.lockAll();
    List<String> backedUp =
        all.stream()
            .filter(
                other -> id == java.util.Objects.requireNonNullElse(other.backupProviderId(), 0L))
            .map(Provider::nickname)
            .toList();
    if (!backedUp.isEmpty()) {
      // refused rather than unlinked: a silently lost backup would be found out when the other
      // provider fails
      throw RequestRejected.conflict(
          "PROVIDER_IS_BACKUP",
          provider.nickname()
              + " is the backup of "
              + String.join(", ", backedUp)
              + ": choose another backup there first");
    }
    if (provider.isDefault() && all.size() > 1) {
      throw RequestRejected.conflict(
          "DEFAULT_PROVIDER",
          provider.nickname() + " is the default provider: mark another one as default first");
    }
    providers.remove(provider);
  }

  /**
   * Gives the provider its backup, refusing one that does not exist or that would close a cycle.
   *
   * @param all every provider, locked: two concurrent changes cannot close a cycle between them
   */
  private void backUp(Provider provider, Long backupId, List<Provider> all) {
    if (backupId != null) {
      Provider backup =
          all.stream()
              .filter(p -> backupId.equals(p.id()))
              .findFirst()
              .orElseThrow(
                  () ->
                      RequestRejected.invalid(
                          "backupProviderId", "there is no provider " + backupId));
      Map<Long, Long> backups = new java.util.HashMap<>();
      all.stream()
          .filter(p -> p.backupProviderId() != null && p != provider)
          .forEach(p -> backups.put(p.id(), p.backupProviderId()));
      Optional<List<Long>> cycle = Backups.cycle(provider.id(), backup.id(), backups);
      if (cycle.isPresent()) {
        Map<Long, String> names = new java.util.HashMap<>();
        all.forEach(p -> names.put(p.id(), p.nickname()));
        names.put(provider.id(), provider.nickname());
        throw RequestRejected.invalid(
            "backupProviderId",
            "would make a cycle of backups: "
                + String.join(" → ", cycle.get().stream().map(names::get).toList()));
      }
    }
    provider.backUpWith(backupId);
  }

  /** Whether a webhook's Authorization header satisfies the provider's callback credentials. */
  public boolean acceptsCallback(Provider provider, String authorization) {
    if (provider.callbackUsername() == null) {
      return true;
    }
    Optional<String> given = BasicCredentials.decode(authorization);
    if (given.isEmpty()) {
      return false;
    }
    String expected =
        provider.callbackUsername() + ":" + box.open(provider.sealedCallbackPassword());
    return MessageDigest.isEqual(
        given.get().getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
  }

  private void protectCallbacks(Provider provider, ProviderRequest.CallbackAuth auth) {
    if (auth == null || auth.username() == null || auth.username().isBlank()) {
      provider.protectCallbacks(null, null);
      return;
    }
    String password = auth.password();
    boolean kept =
        password == null || password.isBlank() || password.startsWith(ProviderSettings.MASK);
    String sealed = kept ? provider.sealedCallbackPassword() : box.seal(password);
    if (sealed == null) {
      throw RequestRejected.invalid("callbackAuth.password", "is required with a user name");
    }
    provider.protectCallbacks(auth.username(), sealed);
  }

  /**
   * Sends one real email through the provider right now, whatever the provider's breaker in
   * dispatch says, and without counting into it: a person checking the settings wants the
   * provider's own answer. Runs outside a transaction: the provider may take seconds to answer.
   */
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public TestEmailResult sendTestEmail(long id, String to, Map<String, String> placeholders) {
    Provider provider = find(id);
    Envelope envelope =
        new Envelope(
            provider.fromName(),
            provider.fromAddress(),
            provider.replyTo(),
            placeholders == null ? Map.of() : placeholders,
            Envelope.Source.testEmail(provider.id()));
    String meta = testMeta();
    Email.Unsubscribe unsubscribe = links.forSend(provider, to, meta);
    Email email =
        new Email(
            to,
            "mailhub test email from " + provider.nickname(),
            "<p>This is a test email sent by mailhub through the provider <b>"
                + escapeHtml(provider.nickname())
                + "</b>.</p><p>If you can read it, the provider's settings work.</p>"
                + (unsubscribe == null
                    ? ""
                    : "<p><a href=\""
                        + escapeHtml(unsubscribe.pageUrl())
                        + "\">Unsubscribe</a> (in a test"
                        + " email, this link unsubscribes nobody)</p>"),
            Map.of(),
            meta,
            unsubscribe);
    return sendTest(provider, envelope, email);
  }

  /**
   * Sends one test email (its meta made by {@link #testMeta()}) through the provider now, like
   * {@link #sendTestEmail}: past the breaker, counted nowhere.
   */
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public TestEmailResult sendTest(Provider provider, Envelope envelope, Email email) {
    return TestEmailResult.of(provider.nickname(), send(provider, envelope, email));
  }

  private SendOutcome send(Provider provider, Envelope envelope, Email email) {
    try {
      return settings.open(provider).send(envelope, List.of(email));
    } catch (CallFailure e) {
      return e.outcome();
    }
  }

  /**
   * Checks the whole request at once, common fields and type-specific settings, so that a client
   * sees every problem in one answer.
   *
   * @return the accepted settings
   */
  private Object validate(ProviderRequest request, Provider stored) {
    List<FieldError> errors = new ArrayList<>();
    validator
        .validate(request)
        .forEach(v -> errors.add(new FieldError(v.getPropertyPath().toString(), v.getMessage())));
    if (stored != null && request.type() != null && request.type() != stored.type()) {
      errors.add(
          new FieldError(
              "type", "cannot change from " + stored.type() + "; create a new provider instead"));
    }
    try {
      details(request);
    } catch (RequestRejected e) {
      errors.addAll(e.fieldErrors());
    }
    try {
      rateLimit(request.rateLimit());
    } catch (RequestRejected e) {
      errors.addAll(e.fieldErrors());
    }
    Object accepted = null;
    if (request.type() != null
        && request.settings() != null
        && errors.stream().noneMatch(e -> e.field().equals("type"))) {
      try {
        accepted =
            settings.accept(request.type(), request.settings(), stored, request.fromAddress());
      } catch (RequestRejected e) {
        errors.addAll(e.fieldErrors());
      }
    }
    if (!errors.isEmpty()) {
      errors.sort(Comparator.comparing(FieldError::field));
      throw RequestRejected.invalid(errors);
    }
    return accepted;
  }

  private Provider find(long id) {
    return providers
        .find(id)
        .orElseThrow(() -> RequestRejected.notFound("There is no provider " + id));
  }

  private void requireFreeNickname(String nickname, Provider self) {
    providers
        .findByNickname(nickname)
        .filter(other -> other != self)
        .ifPresent(
            other -> {
              throw RequestRejected.conflict(
                  "NICKNAME_TAKEN", "Another provider is already called " + other.nickname());
            });
  }

  private static Provider.Details details(ProviderRequest request) {
    var center = request.preferenceCenter();
    PreferenceCenter preferenceCenter;
    try {
      preferenceCenter =
          center == null
              ? PreferenceCenter.none()
              : PreferenceCenter.of(center.mode(), center.url());
    } catch (IllegalArgumentException e) {
      throw RequestRejected.invalid("preferenceCenter.url", e.getMessage());
    }
    return new Provider.Details(
        request.nickname(),
        request.fromName(),
        request.fromAddress(),
        request.replyTo(),
        preferenceCenter);
  }

  /**
   * The limit the request gives, each value a whole number from 1 to {@link RateLimit#MAX}; a
   * string or a fraction is refused naming its field, not read as a number.
   */
  static RateLimit rateLimit(ProviderRequest.RateLimitRequest request) {
    if (request == null) {
      return RateLimit.none();
    }
    List<FieldError> errors = new ArrayList<>();
    Integer perSecond = limit(request.perSecond(), "perSecond", errors);
    Integer perHour = limit(request.perHour(), "perHour", errors);
    Integer perDay = limit(request.perDay(), "perDay", errors);
    if (errors.isEmpty()) {
      try {
        return RateLimit.of(perSecond, perHour, perDay);
      } catch (RateLimit.Invalid e) {
        errors.add(new FieldError("rateLimit." + e.field(), e.getMessage()));
      }
    }
    throw RequestRejected.invalid(errors);
  }

  private static Integer limit(JsonValue value, String field, List<FieldError> errors) {
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    if (value instanceof JsonNumber number
        && number.isIntegral()
        // compared as decimals: 1e999999999 would be a huge BigInteger
        && number.bigDecimalValue().compareTo(BigDecimal.ONE) >= 0
        && number.bigDecimalValue().compareTo(BigDecimal.valueOf(RateLimit.MAX)) <= 0) {
      return number.intValue();
    }
    errors.add(
        new FieldError("rateLimit." + field, "must be a whole number from 1 to " + RateLimit.MAX));
    return null;
  }

  private ProviderResponse view(Provider provider) {
    JsonObject masked = null;
    String settingsError = null;
    List<String> warnings = List.of();
    try {
      masked = settings.masked(provider);
      warnings = settings.warnings(provider);
    } catch (IllegalStateException e) {
      settingsError = e.getMessage();
    }
    return new ProviderResponse(
        provider.id(),
        provider.nickname(),
        provider.type(),
        provider.fromName(),
        provider.fromAddress(),
        provider.replyTo(),
        new ProviderResponse.PreferenceCenterView(
            provider.preferenceCenter().mode(), provider.preferenceCenter().url()),
        masked,
        provider.isDefault(),
        callbackUrl(provider),
        provider.createdAt(),
        provider.updatedAt(),
        settingsError,
        provider.callbackUsername() == null
            ? null
            : new ProviderResponse.CallbackAuthView(
                provider.callbackUsername(), ProviderSettings.MASK),
        warnings,
        provider.backupProviderId(),
        ProviderResponse.RateLimitView.of(provider.rateLimit()));
  }

  private String callbackUrl(Provider provider) {
    return callbackUrl(provider.callbackToken());
  }

  /** 192 random bits, URL-safe: 32 characters of {@link #CALLBACK_TOKEN}. */
  private static String randomToken() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String escapeHtml(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
